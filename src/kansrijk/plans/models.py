"""Goal-action plans: small goals per life domain, who does what by when, and small successes.

A goal is the participant's own: its words are kept as they said them, and what they wrote is
shown as theirs. Change goals, actions and notes only through `services.py`: it checks who may,
keeps closed goals closed and refuses a save that would overwrite someone else's edit.
"""

from django.db import models
from django.utils.translation import gettext
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
from kansrijk.frameworks.models import Domain
from kansrijk.people.models import Organisation
from kansrijk.trajectories.models import Trajectory

from .choices import (
    CLOSED_STATUSES,
    PARTICIPANTS_OWN,
    ActionBy,
    GoalStatus,
    ProposalStatus,
    WrittenBy,
)


class Goal(PublicIdModel, VersionedModel, TimeStampedModel):
    trajectory = models.ForeignKey(
        Trajectory, verbose_name=_("trajectory"), on_delete=models.CASCADE, related_name="goals"
    )
    # The domain of the framework version the programme used when the goal was set; a newer
    # version of the framework leaves the goal where it was.
    domain = models.ForeignKey(
        Domain, verbose_name=_("life domain"), on_delete=models.PROTECT, related_name="+"
    )
    text = EncryptedTextField(_("goal"))
    written_by = models.CharField(
        _("in the words of"),
        max_length=20,
        choices=WrittenBy.choices,
        default=WrittenBy.PARTICIPANT,
    )
    basic_calm = models.BooleanField(
        _("calm at the base"),
        default=False,
        help_text=_("Takes away a big source of stress first: a debt freeze, no eviction, care."),
    )
    target_on = models.DateField(_("target date"))
    status = models.CharField(
        _("status"), max_length=10, choices=GoalStatus.choices, default=GoalStatus.OPEN
    )
    status_reason = EncryptedTextField(_("reason for the status"), blank=True)
    status_changed_on = models.DateField(_("status changed on"), null=True, blank=True)
    created_by = recorded_by_field(_("created by"))
    # Who saved the goal last: named when their save overtakes someone else's.
    changed_by = optional_user_field(_("last changed by"))

    class Meta:
        ordering = ["trajectory", "-basic_calm", "target_on", "id"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        indexes = [
            # the plan page and the household page's summary: a trajectory's goals by status
            models.Index(fields=["trajectory", "status"], name="goal_by_trajectory_status"),
        ]
        constraints = [
            # Adjusting or dropping a goal is explained in words.
            models.CheckConstraint(
                condition=models.Q(status__in=["open", "achieved"]) | ~models.Q(status_reason=""),
                name="goal_reason_when_adjusted_or_dropped",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.trajectory.household} – {self.domain}"

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    @property
    def in_own_words(self) -> bool:
        return self.written_by == WrittenBy.PARTICIPANT


class Action(PublicIdModel, VersionedModel, TimeStampedModel):
    """Who does what by when, towards one goal."""

    goal = models.ForeignKey(
        Goal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="actions"
    )
    who = models.CharField(_("who"), max_length=20, choices=ActionBy.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # An organisation that is not in the list: a short name, no personal details.
    organisation_name = models.CharField(_("name of the organisation"), max_length=100, blank=True)
    what = EncryptedTextField(_("what"))
    due_on = models.DateField(_("by when"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    done_by = optional_user_field(_("marked done by"))
    created_by = recorded_by_field(_("created by"))

    class Meta:
        ordering = ["goal", "due_on", "id"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        constraints = [
            # "Another organisation" says which one.
            models.CheckConstraint(
                condition=~models.Q(who="organisation")
                | models.Q(organisation__isnull=False)
                | ~models.Q(organisation_name=""),
                name="action_names_its_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.goal} – {self.get_who_display()} {long_date(self.due_on)}"

    @property
    def is_done(self) -> bool:
        return self.done_on is not None

    @property
    def is_participants_own(self) -> bool:
        """An action the participant takes (alone or with the buddy): theirs to tick off."""
        return self.who in PARTICIPANTS_OWN

    @property
    def who_label(self) -> str:
        """The organisation's name for an organisation's action, else who it is."""
        if self.who == ActionBy.ORGANISATION:
            return self.organisation.name if self.organisation_id else self.organisation_name
        return str(self.get_who_display())


class ProgressNote(PublicIdModel):
    """How a goal is going: a note, a small success, or the record of a status change."""

    goal = models.ForeignKey(
        Goal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="notes"
    )
    text = EncryptedTextField(_("note"), blank=True)
    is_success = models.BooleanField(_("a small success"), default=False)
    by_participant = models.BooleanField(_("in the participant's own words"), default=False)
    # Set when the note records a change of the goal's status (its reason is the text).
    status_change = models.CharField(
        _("status change"), max_length=10, choices=GoalStatus.choices, blank=True
    )
    # The goal's words before it was adjusted, so the earlier goal is never lost.
    previous_text = EncryptedTextField(_("earlier wording"), blank=True)
    author = optional_user_field(_("written by"))
    written_on = models.DateField(_("date"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    celebrated_at = models.DateTimeField(_("celebrated at"), null=True, blank=True)
    celebrated_by = optional_user_field(_("celebrated by"))

    class Meta:
        ordering = ["goal", "-written_on", "-id"]
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")
        indexes = [
            # a goal's notes, newest first, on the plan page
            models.Index(fields=["goal", "-written_on"], name="note_by_goal"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(celebrated_at__isnull=True) | models.Q(is_success=True),
                name="only_successes_are_celebrated",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.goal} – {long_date(self.written_on)}"

    @property
    def is_celebrated(self) -> bool:
        return self.celebrated_at is not None


class GoalTemplate(PublicIdModel):
    """A common goal to start from, per life domain; the buddy changes its words freely.

    Keyed by the domain's code, so it fits every version of a framework with that domain.
    The shipped ones store English text that is also a message id (`shipped.py`), so they show
    in Dutch or English; a template a programme writes itself shows as written.
    """

    domain_code = models.SlugField(_("code of the life domain"), max_length=40)
    text = models.CharField(_("text"), max_length=300)
    basic_calm = models.BooleanField(_("calm at the base"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(_("offered"), default=True)

    class Meta:
        ordering = ["domain_code", "position", "id"]
        verbose_name = _("goal template")
        verbose_name_plural = _("goal templates")

    def __str__(self) -> str:
        return self.display_text

    @property
    def display_text(self) -> str:
        return gettext(self.text)


class GoalProposal(PublicIdModel, VersionedModel, TimeStampedModel):
    """A goal the participant proposes in her own words, from her portal.

    The buddy (or coordinator, or the backup with consent for the plan) takes it into the plan,
    where her words are kept as the goal's, or chooses to talk about it first; she sees which.
    """

    trajectory = models.ForeignKey(
        Trajectory,
        verbose_name=_("trajectory"),
        on_delete=models.CASCADE,
        related_name="goal_proposals",
    )
    text = EncryptedTextField(_("the goal in her own words"))
    domain = models.ForeignKey(
        Domain,
        verbose_name=_("life domain"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PROPOSED
    )
    proposed_by = recorded_by_field(_("proposed by"))
    decided_by = optional_user_field(_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    goal = models.OneToOneField(
        Goal,
        verbose_name=_("goal in the plan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposal",
    )

    class Meta:
        ordering = ["trajectory", "-created_at", "-id"]
        verbose_name = _("goal proposal")
        verbose_name_plural = _("goal proposals")
        indexes = [
            # the plan page and the buddy's home: a trajectory's proposals waiting for an answer
            models.Index(fields=["trajectory", "status"], name="proposal_by_trajectory"),
        ]
        constraints = [
            # A proposal taken into the plan names its goal.
            models.CheckConstraint(
                condition=~models.Q(status="taken") | models.Q(goal__isnull=False),
                name="proposal_taken_names_goal",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.trajectory.household} – {self.get_status_display()}"

    @property
    def is_open(self) -> bool:
        return self.status != ProposalStatus.TAKEN
