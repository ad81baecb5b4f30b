"""The next meeting on a page of an earlier app: the printed plan (`plans`) leaves a line for
it, and meetings live here, after the plan in the journey. The plan asks through this tag, as
the household page asks `outcomes` for its own, so no earlier app imports this one."""

from django import template

from kansrijk.trajectories.models import Trajectory

from ..appointments.selectors import next_appointment

register = template.Library()


@register.inclusion_tag("contacts/_print_next.html")
def print_next_appointment(trajectory: Trajectory | None) -> dict:
    """The printed plan's "Our next meeting:": the planned one, or a line to write it on."""
    return {"appointment": next_appointment(trajectory)}
