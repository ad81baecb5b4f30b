"""Numbers and chosen objects that fit their column (core.forms), on SQLite and PostgreSQL.

Django checks the range of a `pk=` lookup but not of `pk__in=`, which its
ModelMultipleChoiceField asks: 99999999999999999999 ticked in a list of neighbourhoods was an
OverflowError on SQLite, a 500 and the person's input lost. The bounded fields refuse
such a key as any other wrong choice, before they query.
"""

import importlib
import pkgutil

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext

import kansrijk
from kansrijk.academy.forms import CandidateForm
from kansrijk.core.forms import (
    BIG_INTEGER_COLUMN,
    ID_BOUNDS,
    INTEGER_COLUMN,
    IntegerField,
    ModelChoiceField,
    ModelMultipleChoiceField,
    number_from,
)
from kansrijk.people.models import Area
from tests.factories import AreaFactory

HUGE = "99999999999999999999"
BEYOND_BIGINT = [HUGE, str(2**63), str(-(2**63) - 1)]


class AreasForm(forms.Form):
    areas = ModelMultipleChoiceField(queryset=Area.objects.all(), required=False)
    home = ModelChoiceField(queryset=Area.objects.all(), required=False)


@pytest.mark.parametrize("key", BEYOND_BIGINT)
def test_a_key_no_column_holds_is_not_a_valid_choice_of_many(db, key):
    area = AreaFactory()

    form = AreasForm({"areas": [str(area.pk), key]})

    assert not form.is_valid()
    assert form.errors["areas"] == [
        f"Select a valid choice. {key} is not one of the available choices."
    ]


@pytest.mark.parametrize("key", BEYOND_BIGINT)
def test_a_key_no_column_holds_is_not_a_valid_choice_of_one(db, key):
    form = AreasForm({"home": key})

    assert not form.is_valid()
    assert form.errors["home"] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]


def test_the_key_is_refused_before_the_database_is_asked(db):
    form = AreasForm({"areas": [HUGE]})

    with CaptureQueriesContext(connection) as queries:
        assert not form.is_valid()

    assert len(queries) == 0


def test_keys_in_range_are_chosen_as_before(db):
    area, other = AreaFactory(), AreaFactory()

    form = AreasForm({"areas": [str(area.pk), str(other.pk)], "home": str(area.pk)})

    assert form.is_valid(), form.errors
    assert set(form.cleaned_data["areas"]) == {area, other}
    assert form.cleaned_data["home"] == area


@pytest.mark.parametrize("key", ["-1", "0", "abc", "1.5", "\x00"])
def test_keys_that_fit_but_name_nothing_are_still_refused(db, key):
    AreaFactory()

    form = AreasForm({"areas": [key], "home": key})

    assert not form.is_valid()
    assert set(form.errors) == {"areas", "home"}


def test_the_message_says_it_in_dutch(db, settings):
    from django.utils import translation

    with translation.override("nl"):
        form = AreasForm({"home": HUGE})
        assert not form.is_valid()
        assert "geldige keuze" in form.errors["home"][0]


def test_an_integer_field_is_bounded_to_a_column_by_default():
    field = IntegerField()

    assert (field.min_value, field.max_value) == INTEGER_COLUMN
    with pytest.raises(forms.ValidationError):
        field.clean(HUGE)
    assert field.clean(str(INTEGER_COLUMN[1])) == INTEGER_COLUMN[1]


def test_an_integer_field_keeps_the_bounds_it_is_given():
    field = IntegerField(min_value=1, max_value=480)

    assert (field.min_value, field.max_value) == (1, 480)


@pytest.mark.parametrize("bounds", [{"max_value": 2**63}, {"min_value": -(2**63) - 1}])
def test_an_integer_field_beyond_every_column_is_a_mistake_in_the_form(bounds):
    with pytest.raises(ValueError, match="do not fit an integer column"):
        IntegerField(**bounds)


@pytest.mark.parametrize(
    ("raw", "number"),
    [("7", 7), (" 7 ", 7), ("", None), (None, None), (HUGE, None), ("²", None), ("0", None)],
)
def test_a_number_outside_a_form_is_read_with_the_same_checks(raw, number):
    assert number_from(raw, **ID_BOUNDS) == number


def test_a_model_form_makes_bounded_fields_for_relations(cast):
    form = CandidateForm(programme=cast.programme)

    assert type(form.fields["areas"]) is ModelMultipleChoiceField


def _product_forms() -> list[type[forms.BaseForm]]:
    """Every form class the product defines (its modules imported, tests left out)."""
    for module in pkgutil.walk_packages(kansrijk.__path__, "kansrijk."):
        if ".tests" in module.name or ".migrations" in module.name or module.name.endswith("cli"):
            continue
        importlib.import_module(module.name)
    found, todo = [], [forms.BaseForm]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith("kansrijk.") and ".tests" not in cls.__module__:
            found.append(cls)
    return found


def _unbounded(field: forms.Field) -> bool:
    if isinstance(field, forms.ModelChoiceField):  # noqa: TID251 (looking for Django's own)
        return not isinstance(field, ModelChoiceField | ModelMultipleChoiceField)
    if isinstance(field, forms.DecimalField) and field.max_digits is not None:
        return False  # its digits are counted, and the column has as many
    if isinstance(field, forms.IntegerField):  # noqa: TID251 (and Decimal- and FloatField)
        low, high = field.min_value, field.max_value
        return (
            low is None
            or high is None
            or not BIG_INTEGER_COLUMN[0] <= low <= high <= BIG_INTEGER_COLUMN[1]
        )
    return False


def test_no_form_declares_an_unbounded_number_or_object_choice():
    """Fields added in a form's __init__ are not in base_fields: ruff's banned-api rule keeps
    Django's unbounded classes out of the code that adds them."""
    product_forms = _product_forms()
    unbounded = [
        f"{cls.__module__}.{cls.__name__}.{name}: {type(field).__name__}"
        for cls in product_forms
        for name, field in cls.base_fields.items()
        if _unbounded(field)
    ]

    assert len(product_forms) > 50  # the walk found the product's forms
    assert not unbounded, unbounded
