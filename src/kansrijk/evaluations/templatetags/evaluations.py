"""The evaluation's card on the participant's portal page: the invitation, or her thanks.

`overview` (the portal) comes after this app; the tag lets the portal show it with one line.
"""

from django import template

from ..selectors import open_invitation, own_evaluation

register = template.Library()


@register.inclusion_tag("evaluations/_portal.html")
def my_evaluation_card(household) -> dict:
    """`household`: the participant's own, which the portal view read through
    `policy.own_household_or_404`."""
    invited = open_invitation(household) is not None
    return {"invited": invited, "evaluation": None if invited else own_evaluation(household)}
