"""Buddies from application to farewell: selection, the Buddy Academie, Buddy Building, support."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kansrijk.core.dates import long_date
from kansrijk.core.fields import EncryptedTextField
from kansrijk.core.files import StoredFile, content_field
from kansrijk.core.models import (
    PublicIdModel,
    TimeStampedModel,
    VersionedModel,
    optional_user_field,
    recorded_by_field,
)
from kansrijk.core.periods import Period

from .choices import Answer, EnrolmentStatus, PauseReason, Scale, Stage

USER = settings.AUTH_USER_MODEL


class Course(models.Model):
    """A course of the Buddy Academie (municipality-wide, open to external staff too)."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), unique=True)
    description = models.TextField(_("what it is about"), blank=True)
    hours = models.DecimalField(
        _("usual hours"), max_digits=4, decimal_places=1, default=Decimal("2.0")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def __str__(self) -> str:
        return self.name


class AcademySettings(VersionedModel):
    """Per programme: what a buddy needs before they may be matched, and how long a rejected
    candidate's data is kept. Without a row (or with nothing required) matching is as before."""

    programme = models.OneToOneField(
        "people.Programme",
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="academy_settings",
    )
    required_courses = models.ManyToManyField(
        Course, verbose_name=_("courses required before matching"), blank=True, related_name="+"
    )
    requires_vog = models.BooleanField(
        _("a valid certificate of conduct (VOG) is required before matching"), default=False
    )
    vog_valid_years = models.PositiveSmallIntegerField(
        _("a certificate of conduct counts for (years)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    rejected_retention_days = models.PositiveSmallIntegerField(
        _("keep a rejected candidate's data for (days)"),
        default=28,
        validators=[MinValueValidator(1), MaxValueValidator(730)],
    )

    class Meta:
        verbose_name = _("Academie settings")
        verbose_name_plural = _("Academie settings")

    def __str__(self) -> str:
        return str(self.programme)


class Candidate(PublicIdModel, TimeStampedModel, VersionedModel):
    """A buddy candidate, followed from the application to active buddy (or a kind no).

    It stays the buddy's file afterwards: the certificate of conduct lives here.
    """

    programme = models.ForeignKey(
        "people.Programme",
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="buddy_candidates",
    )
    stage = models.CharField(_("stage"), max_length=12, choices=Stage, default=Stage.APPLIED)
    given_name = models.CharField(_("first name"), max_length=60)
    family_name = models.CharField(_("last name"), max_length=80, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    motivation = EncryptedTextField(_("motivation"), blank=True)
    social_experience = EncryptedTextField(_("experience in the social domain"), blank=True)
    lived_experience = EncryptedTextField(_("own experience of stress or scarcity"), blank=True)
    # Languages and areas as the candidate gave them when applying, never edited afterwards:
    # the buddy's matching profile starts from them and is the one record that changes later.
    languages = models.CharField(
        _("languages"), max_length=150, blank=True, help_text=_("For example: Dutch, Arabic")
    )
    areas = models.ManyToManyField(
        "people.Area", verbose_name=_("areas the candidate can reach"), blank=True, related_name="+"
    )
    availability = models.CharField(_("availability"), max_length=200, blank=True)
    decision_reason = models.CharField(_("reason for the decision"), max_length=300, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    rejection_message = models.TextField(_("message to the candidate"), blank=True)
    erase_after = models.DateField(_("data erased after"), null=True, blank=True)
    erased_at = models.DateTimeField(_("erased at"), null=True, blank=True)
    vog_requested_on = models.DateField(_("VOG requested on"), null=True, blank=True)
    vog_received_on = models.DateField(_("VOG received on"), null=True, blank=True)
    vog_expires_on = models.DateField(_("VOG valid until"), null=True, blank=True)
    reference_checked_on = models.DateField(_("references checked on"), null=True, blank=True)
    reference_note = models.CharField(_("what the references said"), max_length=300, blank=True)
    agreement_signed_on = models.DateField(_("agreement signed on"), null=True, blank=True)
    user = models.OneToOneField(
        USER,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="buddy_file",
    )
    activated_on = models.DateField(_("active buddy since"), null=True, blank=True)
    ended_on = models.DateField(_("stopped on"), null=True, blank=True)
    created_by = recorded_by_field(_("recorded by"))

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("buddy candidate")
        verbose_name_plural = _("buddy candidates")
        indexes = [
            # the board: candidates of a programme per stage
            models.Index(fields=["programme", "stage"], name="candidate_by_stage"),
            # the retention command: rejected candidates whose time is up
            models.Index(fields=["stage", "erase_after"], name="candidate_retention"),
        ]

    def __str__(self) -> str:
        return f"{self.given_name} {self.family_name}".strip() or str(_("erased candidate"))


class VogScan(StoredFile):
    """The scan of a buddy's certificate of conduct (VOG), kept with their file: only the
    coordinators of the programme that selects them open it (`rules.coordinates`)."""

    candidate = models.ForeignKey(
        Candidate,
        verbose_name=_("buddy candidate"),
        on_delete=models.CASCADE,
        related_name="vog_scans",
    )
    uploaded_by = optional_user_field(_("added by"))
    content = content_field()

    class Meta:
        verbose_name = _("scan of the VOG")
        verbose_name_plural = _("scans of the VOG")
        indexes = [
            # the candidate's scans, newest first (the candidate's page)
            models.Index(fields=["candidate", "-uploaded_at"], name="vogscan_candidate_newest"),
        ]

    def __str__(self) -> str:
        return self.name


class Interview(models.Model):
    candidate = models.ForeignKey(
        Candidate, verbose_name=_("candidate"), on_delete=models.CASCADE, related_name="interviews"
    )
    held_on = models.DateField(_("held on"))
    by = recorded_by_field(_("by"))
    notes = EncryptedTextField(_("notes"), blank=True)

    class Meta:
        ordering = ["held_on", "pk"]
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")

    def __str__(self) -> str:
        return f"{self.candidate} – {long_date(self.held_on)}"


class Session(PublicIdModel):
    """One date of a course: where, who trains, how many places, how many hours."""

    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.PROTECT, related_name="sessions"
    )
    on = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts at"))
    place = models.CharField(_("place"), max_length=150)
    trainer = models.CharField(_("trainer"), max_length=120)
    capacity = models.PositiveSmallIntegerField(
        _("places"), validators=[MinValueValidator(1), MaxValueValidator(200)]
    )
    hours = models.DecimalField(
        _("hours"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("40"))],
    )
    created_by = recorded_by_field(_("planned by"))

    class Meta:
        ordering = ["on", "starts_at", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        indexes = [
            # the Academie page (upcoming) and the figures (held in a period)
            models.Index(fields=["on"], name="session_by_date"),
        ]

    def __str__(self) -> str:
        return f"{self.course} – {long_date(self.on)}"


class Enrolment(models.Model):
    """A buddy (with an account) or an external trainee (name and organisation) in a session."""

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="enrolments"
    )
    user = models.ForeignKey(
        USER,
        verbose_name=_("buddy"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="academy_enrolments",
    )
    external_name = models.CharField(_("name"), max_length=120, blank=True)
    external_organisation = models.CharField(_("organisation"), max_length=120, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=EnrolmentStatus, default=EnrolmentStatus.ENROLLED
    )
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    enrolled_at = models.DateTimeField(_("enrolled at"), auto_now_add=True)

    class Meta:
        ordering = ["enrolled_at", "pk"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            # Either a person with an account or an external trainee, never both or neither.
            models.CheckConstraint(
                condition=(Q(user__isnull=False) & Q(external_name=""))
                | (Q(user__isnull=True) & ~Q(external_name="")),
                name="enrolment_user_or_external",
            ),
            # A buddy holds one place (or one spot on the waiting list) per session.
            models.UniqueConstraint(
                fields=["session", "user"],
                condition=~Q(status="cancelled"),
                name="one_enrolment_per_buddy",
            ),
        ]
        indexes = [
            # training hours and readiness: a buddy's attended enrolments
            models.Index(fields=["user", "attended"], name="enrolment_by_user"),
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.session}"

    @property
    def name(self) -> str:
        return str(self.user) if self.user_id else self.external_name


class Meeting(PublicIdModel):
    """A Buddy Building: all buddies of the programmes meet, around a theme."""

    on = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts at"))
    place = models.CharField(_("place"), max_length=150)
    theme = models.CharField(_("theme"), max_length=150)
    programmes = models.ManyToManyField(
        "people.Programme", verbose_name=_("programmes"), related_name="buddy_buildings"
    )
    created_by = recorded_by_field(_("planned by"))

    class Meta:
        ordering = ["-on", "pk"]
        verbose_name = _("Buddy Building")
        verbose_name_plural = _("Buddy Buildings")

    def __str__(self) -> str:
        return f"Buddy Building {long_date(self.on)}"


class Invitation(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="invitations"
    )
    user = models.ForeignKey(
        USER, verbose_name=_("buddy"), on_delete=models.CASCADE, related_name="invitations"
    )
    answer = models.CharField(_("answer"), max_length=3, choices=Answer, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)

    class Meta:
        ordering = ["user__first_name", "user__last_name", "pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="one_invitation_per_buddy"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.meeting}"


class CheckIn(models.Model):
    """How a buddy is doing: load and wellbeing on five steps, and a short note."""

    user = models.ForeignKey(
        USER, verbose_name=_("buddy"), on_delete=models.CASCADE, related_name="check_ins"
    )
    on = models.DateField(_("date"))
    load = models.PositiveSmallIntegerField(
        _("how heavy it is (1 light, 5 heavy)"), choices=Scale.choices
    )
    wellbeing = models.PositiveSmallIntegerField(
        _("how you are doing (1 bad, 5 good)"), choices=Scale.choices
    )
    note = EncryptedTextField(_("note"), blank=True)
    recorded_by = recorded_by_field(_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-on", "-pk"]
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        indexes = [
            # the coordinator's list: the latest check-in per buddy
            models.Index(fields=["user", "-on"], name="checkin_latest"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {long_date(self.on)}"


class Pause(PublicIdModel, Period):
    """The one record of a buddy's absence (holiday, illness, another break) from–until: no
    new match and no reminders meanwhile. Matching and the buddies page ask for it through
    `selectors.readiness_rows`, reminders through `is_paused`; nothing else records "away"."""

    user = models.ForeignKey(
        USER, verbose_name=_("buddy"), on_delete=models.CASCADE, related_name="pauses"
    )
    reason = models.CharField(_("reason"), max_length=10, choices=PauseReason)
    # Empty only for the holidays moved here from matching's former "unavailable until" field,
    # which never said who wrote it down.
    recorded_by = optional_user_field(_("recorded by"))

    class Meta(Period.Meta):
        ordering = ["-starts_on", "pk"]
        verbose_name = _("break")
        verbose_name_plural = _("breaks")
        indexes = [
            # readiness and reminders: who is paused today
            models.Index(fields=["user", "starts_on", "ends_on"], name="pause_by_user"),
        ]


class TrainingHold(models.Model):
    """The coordinator says this buddy has not finished the buddy training, whatever the
    required courses say: the Academie's readiness rule holds them back from matching.

    It carries over matching's former "finished the buddy training" flag, which a coordinator
    could untick for a buddy in a programme that requires no course (or before the courses
    were recorded); the required courses alone cannot say that.
    """

    role = models.OneToOneField(
        "people.ProgrammeRole",
        verbose_name=_("buddy role"),
        on_delete=models.CASCADE,
        related_name="training_hold",
        limit_choices_to={"role": "buddy"},
    )
    recorded_by = optional_user_field(_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("training not finished")
        verbose_name_plural = _("training not finished")

    def __str__(self) -> str:
        return str(self.role)
