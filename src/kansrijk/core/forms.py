"""Form helpers shared by every app."""

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.db import connections, models, router
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models.fields.related import RelatedField
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting
from django.forms.utils import ErrorList
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext as _

from .dates import implausible, today
from .errors import Overtaken, Refused
from .files import MEDIA_TYPES, CheckedFile, checked_upload

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise


class DateInput(forms.DateInput):
    """A native date picker: the phone's own calendar, no JavaScript."""

    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    """A native time picker (hours and minutes), no JavaScript."""

    input_type = "time"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%H:%M", **kwargs)


def _plausible(day: dt.date) -> None:
    reason = implausible(day)
    if reason is not None:
        raise forms.ValidationError(reason, code="implausible_date")


class PlausibleDateField(forms.DateField):
    """A date a person types, refused outside the plausible window of `core.dates`."""

    default_validators = [_plausible]


def date_field(label: "StrOrPromise", **kwargs: Any) -> forms.DateField:
    """A typed date: the phone's date picker, today unless `initial` says otherwise, and only
    days in the plausible window, so 0001-01-01 or 9999-12-31 gets a message, not a record."""
    kwargs.setdefault("initial", today)
    return PlausibleDateField(label=label, widget=DateInput(), **kwargs)


# ---- Numbers and chosen objects that fit their column ----
# A number no column holds (99999999999999999999) used to reach the database: Django checks the
# range of a `pk=` lookup but not of the `pk__in=` that ModelMultipleChoiceField asks, and an
# IntegerField without max_value passes any size to the service. SQLite raised OverflowError,
# PostgreSQL "integer out of range": a 500, and the person's input lost. The fields below refuse
# such a number with the message of any other wrong choice or number. ruff's banned-api rule
# (pyproject.toml) keeps Django's unbounded classes out of the apps, so new forms cannot forget.

# The ranges Django gives integer columns; a 32-bit IntegerField is the narrowest we store in.
_RANGES = BaseDatabaseOperations.integer_field_ranges
INTEGER_COLUMN = _RANGES["IntegerField"]
BIG_INTEGER_COLUMN = _RANGES["BigIntegerField"]
# The keys of our tables (BigAutoField), for an id posted outside a ModelChoiceField.
ID_BOUNDS = {"min_value": 1, "max_value": BIG_INTEGER_COLUMN[1]}


def _column_range(model_field: models.Field) -> tuple[int, int] | None:
    """The whole numbers the field's column holds in its database; None when not a number."""
    while isinstance(model_field, RelatedField):
        model_field = model_field.target_field
    internal_type = model_field.get_internal_type()
    if internal_type not in _RANGES:
        return None
    ops = connections[router.db_for_read(model_field.model)].ops
    return ops.integer_field_range(internal_type)


def _beyond_the_column(field: forms.ModelChoiceField, value: object) -> bool:  # noqa: TID251
    """Is `value` a whole number that the column of the chosen objects' key cannot hold?"""
    assert field.queryset is not None  # set before the form is bound
    model = field.queryset.model
    if isinstance(value, model):
        return False
    key = model._meta.get_field(field.to_field_name) if field.to_field_name else model._meta.pk
    bounds = _column_range(key)
    if bounds is None:
        return False
    try:
        number = int(str(value).strip())
    except ValueError:
        return False  # not a number at all: Django's own check refuses it without a query
    return not bounds[0] <= number <= bounds[1]


class ModelChoiceField(forms.ModelChoiceField):  # noqa: TID251 (the one place that extends it)
    """A choice of one object that refuses a key its column cannot hold, before any query."""

    def to_python(self, value: Any) -> Any:
        if value not in self.empty_values and _beyond_the_column(self, value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return super().to_python(value)


class AreaChoiceField(ModelChoiceField):
    """An area named with its programme: "Kansrijk Oost – Beijum" (`people.Area`, which core
    does not import)."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.programme} – {obj.name}"


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):  # noqa: TID251 (as above)
    """A choice of objects that refuses a key its column cannot hold, before any query."""

    def _check_values(self, value: Any) -> models.QuerySet:
        beyond = [key for key in value if _beyond_the_column(self, key)]
        if beyond:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": beyond[0]},
            )
        return super()._check_values(value)  # type: ignore[misc]  # private, not in the stubs


class IntegerField(forms.IntegerField):  # noqa: TID251 (as above)
    """A whole number between `min_value` and `max_value`, which default to what a 32-bit
    integer column holds (give the bounds the meaning allows); bounds beyond a 64-bit column
    are a mistake in the form, refused when it is defined."""

    def __init__(self, *, min_value: int | None = None, max_value: int | None = None, **kwargs):
        low, high = BIG_INTEGER_COLUMN
        min_value = INTEGER_COLUMN[0] if min_value is None else min_value
        max_value = INTEGER_COLUMN[1] if max_value is None else max_value
        if not low <= min_value <= max_value <= high:
            raise ValueError(f"bounds {min_value}..{max_value} do not fit an integer column")
        super().__init__(min_value=min_value, max_value=max_value, **kwargs)


def number_from(
    raw: object, *, min_value: int = INTEGER_COLUMN[0], max_value: int = INTEGER_COLUMN[1]
) -> int | None:
    """A whole number a request carries outside a form (`?page=`, ids of ticked rows), or None
    when it is not one or lies outside the bounds: the same checks as IntegerField."""
    field = IntegerField(min_value=min_value, max_value=max_value, required=False)
    try:
        return field.clean(raw)
    except forms.ValidationError:
        return None


def bounded_formfield(db_field: models.Field, **kwargs: Any) -> forms.Field | None:
    """The form field Django makes for a model field, with the bounded classes above."""
    if isinstance(db_field, models.ManyToManyField):
        kwargs.setdefault("form_class", ModelMultipleChoiceField)
    elif isinstance(db_field, models.ForeignKey):
        kwargs.setdefault("form_class", ModelChoiceField)
    elif isinstance(db_field, models.IntegerField) and not db_field.choices:
        low, high = _column_range(db_field) or INTEGER_COLUMN
        kwargs.setdefault("form_class", IntegerField)
        kwargs.setdefault("min_value", max(low, BIG_INTEGER_COLUMN[0]))
        kwargs.setdefault("max_value", min(high, BIG_INTEGER_COLUMN[1]))
    return db_field.formfield(**kwargs)


class ModelForm(forms.ModelForm):  # noqa: TID251 (as above)
    """A model form whose relations and numbers are the bounded fields above.

    A subclass's Meta inherits this one's (`class Meta(ModelForm.Meta)`): Django reads the
    field-making callback from the Meta alone.
    """

    class Meta:
        formfield_callback = bounded_formfield


def carry_forward(form: forms.Form, name: str, value: Any, source: "StrOrPromise") -> None:
    """Start a field from what was written down earlier elsewhere, and say where it comes from.

    Only the form's starting value changes: nothing is saved until the person saves the form,
    and they can change every word. The caller decides whether the viewer may see `value`
    (`access.policy.may_see`); an empty value carries nothing. The source ("From the
    referral") goes into the field's help text, so a screen reader hears it with the field.
    """
    if not value:
        return
    field = form.fields[name]
    form.initial[name] = value
    note = format_html('<span class="carried">{}</span>', source)
    field.help_text = format_html("{} {}", field.help_text, note) if field.help_text else note


def _upload_hint() -> str:
    return gettext("A PDF, or a photo or scan (JPEG or PNG). At most %(size)s MB.") % {
        "size": settings.DOCUMENT_MAX_MB
    }


class UploadField(forms.FileField):
    """A PDF, JPEG or PNG, checked by what it holds (`core.files.checked_upload`): its cleaned
    value is a `CheckedFile`, never the upload with the name and type the browser sent."""

    widget = forms.FileInput(attrs={"accept": ",".join(MEDIA_TYPES.values())})

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", lazy(_upload_hint, str)())
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> CheckedFile | None:
        upload = super().clean(data, initial)
        return checked_upload(upload) if upload else None


class VersionedForm(forms.Form):
    """A form that carries the version of the record it changes, to catch concurrent edits."""

    # Only a tampered or truncated post lacks it: say what to do, not which hidden field.
    _STALE = gettext_lazy("This page was incomplete. Open it again and fill it in once more.")
    version = IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages={"required": _STALE, "invalid": _STALE, "min_value": _STALE},
    )


def submit(form: forms.Form, call: Callable[[dict[str, Any]], object]) -> bool:
    """Validate the form and run the service with its data: the one way a page saves a form.

    What the service answered is in `form.saved`. A refusal becomes an error at the top of the
    form, so the user sees why and nothing is saved (services run in a transaction). When
    someone else saved first (`Overtaken`), the form keeps the user's input, learns the version
    now saved (so saving again is a choice made with both in view) and holds what the other
    person saved in `form.overtaken`, for the "overtaken" component beside the form.
    """
    # The answer and the overtaking record travel on the form itself, to the template.
    form.saved = None  # type: ignore[attr-defined]
    form.overtaken = None  # type: ignore[attr-defined]
    if not form.is_valid():
        return False
    try:
        form.saved = call(form.cleaned_data)  # type: ignore[attr-defined]
    except Overtaken as overtaken:
        form.add_error(None, overtaken.message)
        form.overtaken = overtaken.current  # type: ignore[attr-defined]
        # A bound form's data is a QueryDict (or a dict in tests): both copy and take a key.
        form.data = form.data.copy()  # type: ignore[attr-defined]
        form.data[form.add_prefix("version")] = overtaken.current.version  # type: ignore[attr-defined,index]
        return False
    except Refused as refusal:
        form.add_error(None, refusal.message)
        return False
    return True


# ---- Error messages that name their field ----
# Django says "This field is required." for every empty field: seven empty fields gave seven
# identical lines in the error summary, none saying which answer was missing. A message Django
# gives by default (not one a form wrote itself) is turned into one that names the field, in
# the summary and beside the field alike. `form.errors` keeps Django's own, for code and tests.


def _default_messages(field: forms.Field) -> dict[str, Any]:
    """The messages Django's field classes give, before a form's own `error_messages`."""
    messages: dict[str, Any] = {}
    for cls in reversed(type(field).__mro__):
        messages.update(getattr(cls, "default_error_messages", {}))
    return messages


def _named_required(field: forms.Field, label: str) -> str:
    widget = field.widget
    if isinstance(widget, forms.CheckboxInput):
        return _("Tick “%(label)s”.") % {"label": label}
    if isinstance(widget, (forms.Select, forms.RadioSelect, forms.CheckboxSelectMultiple)):
        return _("Choose an answer at “%(label)s”.") % {"label": label}
    if isinstance(widget, forms.ClearableFileInput):
        return _("Choose a file at “%(label)s”.") % {"label": label}
    return _("Fill in “%(label)s”.") % {"label": label}


def named_message(field: forms.Field, label: str, error: forms.ValidationError) -> str:
    """The message of one error on `field`, naming the field when Django's default did not."""
    message = error.messages[0]
    code = error.code or ""
    defaults = _default_messages(field)
    if not label or code not in defaults:
        return message
    if field.error_messages.get(code) != defaults[code]:
        return message  # the form's own words: they say it better than a generic rewrite
    if code == "required":
        return _named_required(field, label)
    return _("“%(label)s”: %(message)s") % {"label": label, "message": message}


class NamedErrorsBoundField(BoundField):
    """A bound field whose errors name it (see above), and the id its error links point to."""

    @property
    def errors(self) -> ErrorList:
        errors = super().errors
        # A hidden field (a version, a one-time key) has no label a person has seen: its own
        # message says what to do ("open the page again"), not "fill in Version".
        if not errors or self.is_hidden:
            return errors
        label = str(self.label or "").rstrip(":")
        named = [named_message(self.field, label, error) for error in errors.as_data()]
        # field_id (Django 5.2) gives the list its id for aria-describedby; not in the stubs yet.
        field_id = getattr(errors, "field_id", None)
        return self.form.error_class(named, renderer=self.form.renderer, field_id=field_id)

    @property
    def error_target(self) -> str:
        """The id of the control an error summary's link moves to: the field itself, or the
        first of its options when it is a group of radio buttons or checkboxes."""
        if self.use_fieldset and self.subwidgets:
            return self.subwidgets[0].id_for_label
        return self.id_for_label


class FormRenderer(TemplatesSetting):
    """Our own form and field templates: a wrapper per field, checkboxes before their label,
    and errors that name their field."""

    form_template_name = "core/form.html"
    field_template_name = "core/field.html"
    bound_field_class = NamedErrorsBoundField
