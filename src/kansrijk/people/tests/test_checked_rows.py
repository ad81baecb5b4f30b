"""The one bulk write path: each row meets its model's field rules before any row is written."""

import pytest
from django.core.exceptions import ValidationError

from kansrijk.core.models import bulk_create_checked
from kansrijk.people.choices import MemberRelation
from kansrijk.people.models import HouseholdMember
from tests.factories import HouseholdFactory


def _member(household, **changes):
    values = {"relation": MemberRelation.PARTNER, "given_name": "Sanne", "birth_year": 1988}
    return HouseholdMember(household=household, **{**values, **changes})


@pytest.mark.django_db
def test_valid_rows_are_written():
    household = HouseholdFactory()

    bulk_create_checked([_member(household), _member(household, given_name="Daan")])

    assert household.members.filter(given_name__in=["Sanne", "Daan"]).count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    "changes, field",
    [
        ({"given_name": "x" * 61}, "given_name"),
        ({"relation": "neighbour"}, "relation"),
        ({"birth_year": 1850}, "birth_year"),
        ({"given_name": ""}, "given_name"),
    ],
)
def test_one_row_that_breaks_a_field_rule_stops_the_whole_batch(changes, field):
    household = HouseholdFactory()
    before = household.members.count()

    with pytest.raises(ValidationError) as refused:
        bulk_create_checked([_member(household), _member(household, **changes)])

    assert field in refused.value.message_dict
    assert household.members.count() == before
