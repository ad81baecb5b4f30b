from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("coordinator")
    BUDDY = "buddy", _("buddy")
    BACKUP = "backup", _("backup professional")
    DOORBRAAK = "doorbraak", _("Doorbraak professional")
    REFERRER = "referrer", _("referrer")
    FUNDER = "funder", _("funder")


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("municipality")
    NEIGHBOURHOOD_TEAM = "wij_team", _("neighbourhood team (WIJ)")
    SCHOOL = "school", _("school")
    LIBRARY = "library", _("library")
    CHARITY = "charity", _("charity")
    FUNDER = "funder", _("funder")
    OTHER = "other", _("other")


# The partners around households that a participant can name in a consent (`access`). Not the
# municipality, where coordinators, Doorbraak professionals and funders work (they read a file
# through their roles, or never), and not a funder, who sees figures and never a person.
NAMEABLE_KINDS = frozenset(
    {
        OrganisationKind.NEIGHBOURHOOD_TEAM,
        OrganisationKind.SCHOOL,
        OrganisationKind.LIBRARY,
        OrganisationKind.CHARITY,
        OrganisationKind.OTHER,
    }
)


class MemberRelation(models.TextChoices):
    PARTICIPANT = "participant", _("participant")
    PARTNER = "partner", _("partner")
    CHILD = "child", _("child")
    OTHER = "other", _("other adult")


class Gender(models.TextChoices):
    """A buddy's gender, and the one a participant prefers for their buddy."""

    WOMAN = "woman", _("woman")
    MAN = "man", _("man")
    OTHER = "other", _("other")
    UNSAID = "unsaid", _("would rather not say")


class HouseholdType(models.TextChoices):
    """Who the household is, as the intake records it: the reports count per type."""

    SINGLE_PARENT = "single_parent", _("single parent with children")
    COUPLE_WITH_CHILDREN = "couple_with_children", _("couple with children")
    COUPLE = "couple", _("couple without children")
    SINGLE = "single", _("single, without children")
    YOUNG_PERSON = "young_person", _("young person (up to 27) on their own")
    OTHER = "other", _("another household")
