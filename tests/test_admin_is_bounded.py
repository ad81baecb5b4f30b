"""The Django admin takes a huge id like any other form: a message, never a 500.

Every admin class and inline of the product extends `core.admin` (its relations are the bounded
fields of `core.forms`); this walks the admin site so a new registration cannot forget it.
"""

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from kansrijk.core.admin import BoundedFields
from kansrijk.matching.models import BuddyProfile, MatchWishes

HUGE = "99999999999999999999"


def test_every_admin_class_and_inline_of_the_product_is_bounded():
    ours = {
        model: model_admin
        for model, model_admin in admin.site._registry.items()
        if model.__module__.startswith("kansrijk.")
    }
    unbounded = [
        type(model_admin).__name__
        for model_admin in ours.values()
        if not isinstance(model_admin, BoundedFields)
    ] + [
        inline.__name__
        for model_admin in ours.values()
        for inline in model_admin.inlines
        if not issubclass(inline, BoundedFields)
    ]
    assert BuddyProfile in ours and MatchWishes in ours
    assert unbounded == []


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "field"), [(BuddyProfile, "areas"), (MatchWishes, "excluded")])
def test_a_huge_id_in_an_admin_picker_is_refused_with_a_message(cast, model, field):
    superuser = cast.coordinator
    superuser.is_staff = superuser.is_superuser = True
    superuser.save(update_fields=["is_staff", "is_superuser"])
    client = Client(headers={"accept-language": "en"}, raise_request_exception=False)
    client.force_login(superuser)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")

    response = client.post(url, {field: HUGE})

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not model.objects.exists()
