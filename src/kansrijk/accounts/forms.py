"""The code from the authenticator app, and the password forms in our own words."""

from django import forms
from django.contrib.auth import forms as auth_forms
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from . import codes
from .selectors import participant_language_of, staff_language

NEW_PASSWORD_HELP = _(
    "At least 12 characters. A few words in a row work well. "
    "Not a password you use anywhere else, and not a well-known one."
)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your app"),
        help_text=_("6 digits. Your app shows a new code every 30 seconds."),
        max_length=12,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autocapitalize": "off",
                "spellcheck": "false",
            }
        ),
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if len(code) != 6 or not code.isdigit():
            raise ValidationError(_("Type the 6 digits your app shows."), code="format")
        return code


class PasswordResetForm(auth_forms.PasswordResetForm):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        """The e-mail speaks a participant's own language, and to staff Dutch or English,
        whatever language the page that asked for it was in."""
        user = context["user"]
        language = participant_language_of(user) or staff_language([translation.get_language()])
        with translation.override(language):
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)


def _reword(form: auth_forms.SetPasswordForm) -> None:
    form.fields["new_password1"].label = _("New password")
    form.fields["new_password1"].help_text = NEW_PASSWORD_HELP
    form.fields["new_password2"].label = _("The new password again")
    form.fields["new_password2"].help_text = ""


class SetPasswordForm(auth_forms.SetPasswordForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _reword(self)


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Your current password")
        _reword(self)


class ActivationCodeForm(forms.Form):
    """The code from the activation letter (typed with or without dashes, small or capital)."""

    code = forms.CharField(
        label=pgettext_lazy("participant", "The code from your letter"),
        help_text=pgettext_lazy(
            "participant", "12 letters and digits, for example K7QM-R4TX-P9WD."
        ),
        max_length=40,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "characters",
                "spellcheck": "false",
            }
        ),
    )

    def clean_code(self) -> str:
        code = self.cleaned_data["code"]
        if not codes.well_formed(code):
            raise ValidationError(
                pgettext_lazy(
                    "participant", "Type the 12 letters and digits of the code on your letter."
                ),
                code="format",
            )
        return codes.normalised(code)


class ActivationPasswordForm(auth_forms.SetPasswordForm):
    """Her first password, checked by the same rules as every password (settings)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = pgettext_lazy("participant", "Choose a password")
        self.fields["new_password1"].help_text = pgettext_lazy(
            "participant",
            "At least 12 characters. A few words in a row work well, for example "
            "“blue bike by the door”. Not a password you use anywhere else.",
        )
        self.fields["new_password2"].label = pgettext_lazy(
            "participant", "Type the same password again"
        )
        self.fields["new_password2"].help_text = ""
