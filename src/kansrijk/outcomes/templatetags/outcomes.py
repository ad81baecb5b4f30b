"""The outcomes section of the household page.

`overview` comes after `outcomes` in the app order but keeps its own view; this tag lets the
household page show the section with one line. The page reads the rows with its other reads
(`household_outcomes_reads`), only when the viewer may see them.
"""

from django import template

from ..followup.selectors import open_follow_up
from ..selectors import SHOWN_ON_THE_HOUSEHOLD_PAGE, outcomes_of

register = template.Library()


@register.inclusion_tag("outcomes/_household.html")
def household_outcomes(file) -> dict:
    """The household's latest outcomes and a link to all of them, for those who may see them:
    `file.outcomes`, read by `household_outcomes_reads` with the page's other reads."""
    if file.outcomes is None:
        return {"shown": False}
    return {
        "shown": True,
        "household": file.household,
        "outcomes": file.outcomes[:SHOWN_ON_THE_HOUSEHOLD_PAGE],
        "more": len(file.outcomes) > SHOWN_ON_THE_HOUSEHOLD_PAGE,
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
