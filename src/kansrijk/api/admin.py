"""API clients in the admin: an administrator makes one (the key is shown once, in the message
after saving) or stops one. Only the hash of a key is ever stored."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kansrijk.core.admin import ModelAdmin
from kansrijk.core.errors import Refused
from kansrijk.core.forms import ModelChoiceField, ModelMultipleChoiceField

from . import services
from .choices import ApiScope
from .models import ApiClient


class ApiClientAdminForm(forms.ModelForm):  # noqa: TID251 (the admin bounds its fields itself)
    scope_list = forms.MultipleChoiceField(
        label=gettext_lazy("scopes"), choices=ApiScope.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = ApiClient
        fields = ["organisation", "name", "programmes", "expires_at"]
        # The bounded fields of core.forms, as the admin's own forms get them (core.admin).
        field_classes = {"organisation": ModelChoiceField, "programmes": ModelMultipleChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["scope_list"].initial = self.instance.scopes.split()


@admin.register(ApiClient)
class ApiClientAdmin(ModelAdmin):
    form = ApiClientAdminForm
    list_display = [
        "name",
        "organisation",
        "scopes",
        "key_prefix",
        "expires_at",
        "revoked_at",
        "last_used_at",
    ]
    list_filter = ["organisation", "programmes"]
    readonly_fields = [
        "key_prefix",
        "created_by",
        "created_at",
        "revoked_at",
        "revoked_by",
        "last_used_at",
    ]
    actions = ["stop"]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        client, key = services.api_client_create(
            by=request.user,
            organisation=obj.organisation,
            name=obj.name,
            programmes=list(form.cleaned_data["programmes"]),
            scopes=form.cleaned_data["scope_list"],
            expires_at=obj.expires_at,
        )
        # The admin goes on to save the form's programmes on `obj`: let it be the new row.
        obj.pk, obj._state.adding = client.pk, False
        messages.warning(
            request,
            _("The key of %(name)s (copy it now, it is not shown again): %(key)s")
            % {"name": client.name, "key": key},
        )

    @admin.action(description=gettext_lazy("Stop the chosen connections"))
    def stop(self, request, queryset):
        for client in queryset.filter(revoked_at__isnull=True):
            try:
                services.api_client_revoke(client=client, by=request.user)
            except Refused as refused:
                messages.error(request, refused.message)
