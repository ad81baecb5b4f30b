"""The household's network: the people and organisations around it, mapped at moments.

A `NetworkMap` is the network as it was on one day (start, halfway, end of the year, or any
other moment); its `Tie`s are the people and organisations on it. A new moment usually starts
as a copy of the one before, so two maps can be compared: a copied tie keeps the `thread` of
the tie it was copied from. Change maps and ties only through `services.py`: it checks who may,
and refuses a save that would overwrite someone else's edit (`version`).
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from kansrijk.core.dates import long_date
from kansrijk.core.fields import EncryptedTextField
from kansrijk.core.models import (
    PublicIdModel,
    TimeStampedModel,
    VersionedModel,
    optional_user_field,
    recorded_by_field,
)
from kansrijk.trajectories.models import Trajectory

from .choices import Flow, Moment, Strength, TieKind


class NetworkMap(PublicIdModel, TimeStampedModel, VersionedModel):
    trajectory = models.ForeignKey(
        Trajectory,
        verbose_name=_("trajectory"),
        on_delete=models.CASCADE,
        related_name="network_maps",
    )
    moment = models.CharField(_("moment"), max_length=10, choices=Moment.choices)
    drawn_on = models.DateField(_("date"))
    # What goes well: the household's own strengths, beside the problems.
    strengths = EncryptedTextField(_("what goes well"), blank=True)
    created_by = recorded_by_field(_("made by"))
    changed_by = optional_user_field(_("last changed by"))

    class Meta:
        ordering = ["trajectory", "drawn_on", "id"]
        verbose_name = _("network map")
        verbose_name_plural = _("network maps")
        indexes = [
            # the network page: a trajectory's maps by date, the latest first
            models.Index(fields=["trajectory", "drawn_on"], name="network_map_by_trajectory"),
        ]
        constraints = [
            # A year has one start, one halfway and one end map; other moments as needed.
            models.UniqueConstraint(
                fields=["trajectory", "moment"],
                condition=~models.Q(moment="other"),
                name="one_network_map_per_moment",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.trajectory.household} – {self.get_moment_display()} {long_date(self.drawn_on)}"
        )


class Tie(PublicIdModel, VersionedModel):
    """One person or organisation around the household, as it was on its map's day."""

    network_map = models.ForeignKey(
        NetworkMap, verbose_name=_("network map"), on_delete=models.CASCADE, related_name="ties"
    )
    # The same tie on every map of the year: a copy keeps its source's thread, so comparing two
    # moments knows which tie got stronger, which is new and which is gone.
    thread = models.UUIDField(_("thread"), default=uuid.uuid4, editable=False)
    # A first name or a role only ("zus", "buurvrouw Els"), never a full name.
    name = EncryptedTextField(_("name or role"))
    kind = models.CharField(_("kind"), max_length=12, choices=TieKind.choices)
    is_organisation = models.BooleanField(_("an organisation"), default=False)
    strength = models.CharField(
        _("strength"), max_length=10, choices=Strength.choices, default=Strength.NORMAL
    )
    flow = models.CharField(_("what it does"), max_length=10, choices=Flow.choices)
    note = EncryptedTextField(_("short note"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["network_map", "id"]
        verbose_name = _("tie")
        verbose_name_plural = _("ties")
        constraints = [
            # A tie is on a map once; its copy on the next map is another row with this thread.
            models.UniqueConstraint(
                fields=["network_map", "thread"], name="one_tie_per_thread_per_map"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.network_map} – {self.get_kind_display()}"
