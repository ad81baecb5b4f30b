"""A stretch of days from–until, both days included: a consent, a buddy's break, a cover."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Period(models.Model):
    """From `starts_on` until `ends_on`, both included; it cannot end before it starts.

    A model that declares its own `Meta` subclasses `Period.Meta` (or `OpenEndedPeriod.Meta`)
    and lists `*Period.Meta.constraints` among its constraints, so the rule is kept.
    """

    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))

    class Meta:
        abstract = True
        constraints = [
            # A form, a service or the admin can all be wrong about the order of two dates:
            # the database holds the rule. The name follows the model ("cover_ends_after_...").
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="%(class)s_ends_after_it_starts",
            ),
        ]


class OpenEndedPeriod(Period):
    """A period that may have no end yet (`ends_on` empty): it holds until it is ended."""

    # The one place a period's end may be empty; the checker sees the base's required date.
    ends_on = models.DateField(_("until"), null=True, blank=True)  # type: ignore[assignment]

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="%(class)s_ends_after_it_starts",
            ),
        ]
