"""The outcomes section of the household page, read by the template itself.

`overview` comes after `outcomes` in the app order but keeps its own view; this tag lets the
household page show the section with one line, and reads only when the viewer may see it.
"""

from django import template

from .. import rules
from ..followup.selectors import open_follow_up
from ..selectors import outcomes_of

register = template.Library()

SHOWN_ON_THE_HOUSEHOLD_PAGE = 3


@register.inclusion_tag("outcomes/_household.html", takes_context=True)
def household_outcomes(context, file) -> dict:
    """The household's latest outcomes and a link to all of them, for those who may see them.

    On the household page the file's journey is known, and `may_record_outcomes` answers from
    the roles and consents the page already read: the same people as `outcome_households`
    (the coordinator; the buddy and the backup with consent while they coach)."""
    user = context["request"].user
    household, trajectory = file.household, file.trajectory
    if not rules.may_record_outcomes(user, household, trajectory):
        return {"shown": False}
    latest = list(outcomes_of(household)[: SHOWN_ON_THE_HOUSEHOLD_PAGE + 1])
    return {
        "shown": True,
        "household": household,
        "outcomes": latest[:SHOWN_ON_THE_HOUSEHOLD_PAGE],
        "more": len(latest) > SHOWN_ON_THE_HOUSEHOLD_PAGE,
        "may_record": True,
    }


@register.inclusion_tag("outcomes/_portal.html")
def my_outcomes(household) -> dict:
    """The participant's own outcomes on their portal page (`household`: their own, which the
    portal view read through `policy.own_household_or_404`)."""
    return {"outcomes": list(outcomes_of(household)[:20])}


@register.inclusion_tag("outcomes/_portal_follow_up.html")
def my_follow_up(trajectory) -> dict:
    """A short question on the participant's portal page while a follow-up after closure is due
    (`trajectory`: her own household's, which the portal view read through access)."""
    return {"moment": open_follow_up(trajectory)}
