"""The plan's rules, asked from its templates (the templates decide nothing themselves)."""

from django import template

from kansrijk.plans import rules
from kansrijk.plans.models import Action

register = template.Library()


@register.simple_tag(takes_context=True)
def may_tick(context: template.Context, action: Action) -> bool:
    """`{% may_tick action as tickable %}`: `rules.may_tick` with what the page already asked
    (`editable`: may edit the plan; `portal` and `participant_writes`: the participant writes)."""
    return rules.may_tick(
        action,
        edits_plan=bool(context.get("editable")),
        writes_as_participant=bool(context.get("portal") and context.get("participant_writes")),
    )
