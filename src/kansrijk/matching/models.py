"""What matching needs beyond people and trajectories: buddy profiles, wishes and proposals."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kansrijk.core.models import VersionedModel

from . import scoring
from .choices import Gender, ProposalStatus, Side, WishStrength


def split_list(text: str) -> frozenset[str]:
    """'ar, nl' → {'ar', 'nl'}: the comma-separated lists below, lowercased."""
    return frozenset(part.strip().lower() for part in text.split(",") if part.strip())


class BuddyProfile(VersionedModel):
    """What the matcher knows of a buddy besides capacity and load (on their role).

    Whether the buddy is away or trained is not here: the Academie decides readiness
    (`academy.selectors.readiness_rows`) and matching asks it.
    """

    role = models.OneToOneField(
        "people.ProgrammeRole",
        verbose_name=_("buddy role"),
        on_delete=models.CASCADE,
        related_name="matching_profile",
        limit_choices_to={"role": "buddy"},
    )
    areas = models.ManyToManyField(
        "people.Area", verbose_name=_("areas the buddy can reach"), blank=True, related_name="+"
    )
    home_area = models.ForeignKey(
        "people.Area",
        verbose_name=_("lives in"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The neighbourhood the buddy lives in, to weigh the distance."),
    )
    languages = models.CharField(
        _("languages"), max_length=150, blank=True, help_text=_("Language codes, e.g.: nl, ar, en")
    )
    gender = models.CharField(_("gender"), max_length=10, choices=Gender, default=Gender.UNSAID)
    evening = models.BooleanField(_("can visit in the evening"), default=False)
    lived_experience = models.CharField(
        _("lived experience"),
        max_length=200,
        blank=True,
        help_text=_("Tags, comma-separated, e.g.: debt, single_parent"),
    )

    class Meta:
        verbose_name = _("buddy profile")
        verbose_name_plural = _("buddy profiles")

    def __str__(self) -> str:
        return str(self.role.user)


class MatchWishes(models.Model):
    """The participant's wishes for a buddy, and the buddies this trajectory must not get."""

    trajectory = models.OneToOneField(
        "trajectories.Trajectory",
        verbose_name=_("trajectory"),
        on_delete=models.CASCADE,
        related_name="match_wishes",
    )
    preferred_gender = models.CharField(
        _("preferred gender of the buddy"), max_length=10, choices=Gender, blank=True
    )
    gender_wish = models.CharField(
        _("how important is the gender"),
        max_length=10,
        choices=WishStrength,
        default=WishStrength.NICE,
    )
    wants_evening = models.BooleanField(_("wants evening visits"), default=False)
    evening_wish = models.CharField(
        _("how important are evening visits"),
        max_length=10,
        choices=WishStrength,
        default=WishStrength.NICE,
    )
    languages = models.CharField(
        _("languages"), max_length=150, blank=True, help_text=_("Language codes, e.g.: nl, ar, en")
    )
    lived_experience = models.CharField(
        _("what the buddy could know from own life"), max_length=200, blank=True
    )
    excluded = models.ManyToManyField(
        "people.User", verbose_name=_("buddies not to propose"), blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("wishes for a buddy")
        verbose_name_plural = _("wishes for a buddy")

    def __str__(self) -> str:
        return str(self.trajectory)


class Proposal(models.Model):
    """A buddy proposed to a household, followed from the participant's choice to both yeses."""

    trajectory = models.ForeignKey(
        "trajectories.Trajectory",
        verbose_name=_("trajectory"),
        on_delete=models.CASCADE,
        related_name="proposals",
    )
    buddy = models.ForeignKey(
        "people.User", verbose_name=_("buddy"), on_delete=models.PROTECT, related_name="+"
    )
    proposed_by = models.ForeignKey(
        "people.User", verbose_name=_("proposed by"), on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ProposalStatus, default=ProposalStatus.PROPOSED
    )
    intro_on = models.DateField(_("introduction on"), null=True, blank=True)
    participant_yes = models.BooleanField(_("the participant said yes"), default=False)
    buddy_yes = models.BooleanField(_("the buddy said yes"), default=False)
    declined_by = models.CharField(_("declined by"), max_length=12, choices=Side, blank=True)
    decline_reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        ordering = ["proposed_at", "pk"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        constraints = [
            # A buddy is proposed to a household once at a time: the open proposals page.
            models.UniqueConstraint(
                fields=["trajectory", "buddy"],
                condition=~models.Q(status="declined"),
                name="one_open_proposal_per_buddy",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.buddy} → {self.trajectory}"

    @property
    def is_open(self) -> bool:
        return self.status != ProposalStatus.DECLINED


def _points(label: str, default: float, help_text: str) -> models.DecimalField:
    return models.DecimalField(
        label,
        max_digits=4,
        decimal_places=1,
        default=default,
        validators=[MinValueValidator(0), MaxValueValidator(20)],
        help_text=help_text,
    )


_DEFAULT = scoring.Weights()


class MatchingWeights(VersionedModel):
    """How much each criterion counts in this programme's matching; the defaults until changed."""

    programme = models.OneToOneField(
        "people.Programme",
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="matching_weights",
    )
    language = _points(_("shared language"), _DEFAULT.language, _("Points per shared language."))
    distance = _points(
        _("living close by"),
        _DEFAULT.distance,
        _("Points for living in the same spot, fewer the further away."),
    )
    max_km = models.DecimalField(
        _("distance that no longer counts (km)"),
        max_digits=4,
        decimal_places=1,
        default=_DEFAULT.max_km,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
    )
    same_area = _points(
        _("same neighbourhood"),
        _DEFAULT.same_area,
        _("Counts when the distance is not known."),
    )
    room = _points(_("room for households"), _DEFAULT.room, _("Points per free place."))
    gender = _points(_("gender the participant prefers"), _DEFAULT.gender, "")
    evening = _points(_("evening visits"), _DEFAULT.evening, "")
    lived_experience = _points(
        _("lived experience"), _DEFAULT.lived_experience, _("Points per shared experience.")
    )
    updated_by = models.ForeignKey(
        "people.User",
        verbose_name=_("changed by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    CRITERIA = (
        "language",
        "distance",
        "max_km",
        "same_area",
        "room",
        "gender",
        "evening",
        "lived_experience",
    )

    class Meta:
        verbose_name = _("matching weights")
        verbose_name_plural = _("matching weights")

    def __str__(self) -> str:
        return str(self.programme)

    def as_weights(self) -> scoring.Weights:
        return scoring.Weights(**{name: float(getattr(self, name)) for name in self.CRITERIA})
