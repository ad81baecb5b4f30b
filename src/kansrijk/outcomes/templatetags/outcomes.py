"""The outcomes section of the household page, read by the template itself.

`overview` comes after `outcomes` in the app order but keeps its own view; this tag lets the
household page show the section with one line, and reads only when the viewer may see it.
"""

from django import template

from kansrijk.access import policy

from ..models import Outcome

register = template.Library()

SHOWN_ON_THE_HOUSEHOLD_PAGE = 3


@register.inclusion_tag("outcomes/_household.html", takes_context=True)
def household_outcomes(context, file) -> dict:
    """The household's latest outcomes and a link to all of them, for those who may see them."""
    user = context["request"].user
    household, trajectory = file.household, file.trajectory
    if not policy.sees_outcomes_of(user, household):
        return {"shown": False}
    latest = list(
        Outcome.objects.filter(trajectory__household=household)
        .select_related("outcome_type")
        .order_by("-reached_on", "-id")[: SHOWN_ON_THE_HOUSEHOLD_PAGE + 1]
    )
    return {
        "shown": True,
        "household": household,
        "outcomes": latest[:SHOWN_ON_THE_HOUSEHOLD_PAGE],
        "more": len(latest) > SHOWN_ON_THE_HOUSEHOLD_PAGE,
        "may_record": policy.may_record_outcomes(user, household, trajectory),
    }


@register.inclusion_tag("outcomes/_portal.html", takes_context=True)
def my_outcomes(context) -> dict:
    """The participant's own outcomes on their portal page: what they reached, and when."""
    household = policy.own_household(context["request"].user)
    if household is None:
        return {"outcomes": []}
    return {
        "outcomes": list(
            Outcome.objects.filter(trajectory__household=household)
            .select_related("outcome_type")
            .order_by("-reached_on", "-id")[:20]
        )
    }
