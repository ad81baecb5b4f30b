"""Who takes part: programmes and their areas, organisations, users and their roles, households."""

from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kansrijk.core.models import PublicIdModel, TimeStampedModel

from .choices import HouseholdType, MemberRelation, OrganisationKind, Role


class User(PublicIdModel, AbstractUser):
    """Anyone who logs in. What they may do depends on their roles per programme."""

    organisation = models.ForeignKey(
        "people.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Programme(TimeStampedModel):
    """An area programme such as Kansrijk Oost, run within one municipality."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), unique=True)
    municipality = models.CharField(_("municipality"), max_length=100)
    started_on = models.DateField(_("started on"))
    funders = models.CharField(_("funded by"), max_length=200, blank=True)
    yearly_participant_target = models.PositiveSmallIntegerField(
        _("participants per year (target)"), default=30
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self) -> str:
        return self.name


class Area(models.Model):
    """A neighbourhood a programme works in (Beijum, Selwerd, …)."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="areas"
    )
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"))
    joined_on = models.DateField(_("part of the programme since"))
    # The neighbourhood's rough centre stands in for the addresses of households and buddies
    # when matching weighs distance: close enough for "lives 1.2 km away", and no address is
    # ever sent to a geocoding service.
    latitude = models.DecimalField(
        _("latitude of the centre"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude of the centre"), max_digits=8, decimal_places=5, null=True, blank=True
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        constraints = [
            # Areas are named in URLs and filters within their programme.
            models.UniqueConstraint(fields=["programme", "slug"], name="area_slug_per_programme"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def centre(self) -> tuple[float, float] | None:
        if self.latitude is None or self.longitude is None:
            return None
        return (float(self.latitude), float(self.longitude))


class Organisation(models.Model):
    """A partner around households: a WIJ-team, a school, the library, Leger des Heils, …"""

    name = models.CharField(_("name"), max_length=150, unique=True)
    slug = models.SlugField(_("slug"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class ProgrammeRole(models.Model):
    """One role of one user in one programme. A user may hold several."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="programme_roles"
    )
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="roles"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    # Only meaningful for buddies: how many households at once, and their usual backup.
    capacity = models.PositiveSmallIntegerField(
        _("households at once"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(2)],
    )
    default_backup = models.ForeignKey(
        User,
        verbose_name=_("usual backup professional"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="backed_buddy_roles",
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["programme__name", "role"]
        verbose_name = _("role in a programme")
        verbose_name_plural = _("roles in programmes")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "programme", "role"], name="one_role_of_a_kind_per_programme"
            ),
            # Buddies coach one or two households at a time, never more (domain rule).
            models.CheckConstraint(
                condition=models.Q(capacity__gte=1, capacity__lte=2), name="buddy_capacity_1_or_2"
            ),
        ]
        indexes = [
            # access: "which programmes does this user coordinate / fund / …"
            models.Index(fields=["user", "role"], name="role_by_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.programme}"


class Household(PublicIdModel, TimeStampedModel):
    """A household in (or referred to) a programme. Personal data: reach it through `access`."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="households"
    )
    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="households"
    )
    # The participant's name, kept here so lists show it without reading every member.
    display_name = models.CharField(_("name"), max_length=150)
    street_address = models.CharField(_("address"), max_length=150, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    languages = models.CharField(
        _("languages spoken"), max_length=150, blank=True, help_text=_("For example: Dutch, Arabic")
    )
    # Recorded at the intake, changed by a coordinator; the reports count per type. Kept when
    # the household is erased: with the name and address gone it points at nobody, and the
    # programme's figures stay true.
    household_type = models.CharField(
        _("household type"), max_length=30, choices=HouseholdType.choices, blank=True
    )
    working_poor = models.BooleanField(
        _("working poor"),
        null=True,
        blank=True,
        help_text=_("Someone in the household has paid work, yet the income is not enough."),
    )
    # The language of her pages and of everything sent to her (people/languages.py). Its choices
    # come from settings.LANGUAGES in the forms, not here, so that dropping in a catalogue adds a
    # language without a migration.
    language = models.CharField(
        _("language of the participant"),
        max_length=10,
        default="nl",
        help_text=_(
            "Their own page, their plan, and e-mails and letters to them use this language."
        ),
    )
    # Set by `rights.services.household_erase`: the personal data is gone, the counts stay.
    erased_at = models.DateTimeField(_("erased at"), null=True, blank=True)
    erased_by = models.ForeignKey(
        "people.User",
        verbose_name=_("erased by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    erase_reason = models.CharField(_("reason for erasure"), max_length=200, blank=True)

    class Meta:
        ordering = ["display_name"]
        verbose_name = _("household")
        verbose_name_plural = _("households")

    def __str__(self) -> str:
        return self.display_name


class HouseholdMember(models.Model):
    """A person in a household. Children are recorded with their birth year only."""

    household = models.ForeignKey(
        Household, verbose_name=_("household"), on_delete=models.CASCADE, related_name="members"
    )
    relation = models.CharField(_("relation"), max_length=20, choices=MemberRelation.choices)
    given_name = models.CharField(_("first name"), max_length=60)
    family_name = models.CharField(_("last name"), max_length=80, blank=True)
    birth_year = models.PositiveSmallIntegerField(
        _("birth year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )

    class Meta:
        ordering = ["household", "relation", "birth_year"]
        verbose_name = _("household member")
        verbose_name_plural = _("household members")
        constraints = [
            # Minimal data: for a child we keep a first name and a birth year, nothing more.
            models.CheckConstraint(
                condition=~models.Q(relation=MemberRelation.CHILD) | models.Q(family_name=""),
                name="child_has_no_family_name",
            ),
            models.CheckConstraint(
                condition=~models.Q(relation=MemberRelation.CHILD)
                | models.Q(birth_year__isnull=False),
                name="child_has_birth_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()
