"""The kinds of outcome a programme records, and the details each kind asks for."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutcomeKind(models.TextChoices):
    """What an outcome type means; reports count and word outcomes by their kind."""

    HOUSING_FOUND = "housing_found", _("good housing found")
    EVICTION_PREVENTED = "eviction_prevented", _("eviction prevented")
    PAID_WORK = "paid_work", _("paid work")
    BUSINESS_STARTED = "business_started", _("own business started")
    EDUCATION_STARTED = "education_started", _("education started")
    EDUCATION_COMPLETED = "education_completed", _("education completed")
    VOLUNTEER_WORK = "volunteer_work", _("volunteer work")
    DEBT_FREEZE = "debt_freeze", _("debt freeze")
    DEBT_ARRANGEMENT = "debt_arrangement", _("debt arrangement")
    DEBT_FREE = "debt_free", _("debt-free")
    CARE_ARRANGED = "care_arranged", _("health care arranged")
    BACK_TO_SCHOOL = "back_to_school", _("young person back to school")
    NETWORK_GROWN = "network_grown", _("network grown")
    OTHER = "other", _("other outcome")


class Hours(models.TextChoices):
    FULL_TIME = "full_time", _("full-time")
    PART_TIME = "part_time", _("part-time")


class Welfare(models.TextChoices):
    """What the work (or business) did to the household's welfare benefit (bijstand)."""

    ENDED = "ended", _("welfare (bijstand) fully ended")
    REDUCED = "reduced", _("welfare (bijstand) mostly reduced")
    UNCHANGED = "unchanged", _("welfare (bijstand) unchanged")
    NONE = "none", _("was not on welfare (bijstand)")


class Level(models.TextChoices):
    MBO = "mbo", _("MBO")
    HBO = "hbo", _("HBO")
    WO = "wo", _("WO (university)")
    OTHER = "other", _("other level")


class Sector(models.TextChoices):
    CARE = "care", _("care")
    CHILDCARE = "childcare", _("childcare")
    HOSPITALITY = "hospitality", _("hospitality")
    RETAIL = "retail", _("retail")
    CLEANING = "cleaning", _("cleaning")
    CONSTRUCTION = "construction", _("construction and technology")
    TRANSPORT = "transport", _("transport and logistics")
    CREATIVE = "creative", _("creative work")
    BEAUTY = "beauty", _("hair and beauty")
    OTHER = "other", _("another sector")


# The detail fields each kind asks for; `REQUIRED` of them must be filled in. Every other detail
# is cleared on save, so a count by level or hours never picks up a stale value.
DETAILS: dict[str, frozenset[str]] = {
    OutcomeKind.PAID_WORK: frozenset({"hours", "welfare"}),
    OutcomeKind.BUSINESS_STARTED: frozenset({"sector", "welfare"}),
    OutcomeKind.EDUCATION_STARTED: frozenset({"level"}),
    OutcomeKind.EDUCATION_COMPLETED: frozenset({"level", "diploma"}),
}
REQUIRED: dict[str, frozenset[str]] = {
    OutcomeKind.PAID_WORK: frozenset({"hours", "welfare"}),
    OutcomeKind.BUSINESS_STARTED: frozenset({"sector"}),
    OutcomeKind.EDUCATION_STARTED: frozenset({"level"}),
    OutcomeKind.EDUCATION_COMPLETED: frozenset({"level"}),
}
EDUCATION = (OutcomeKind.EDUCATION_STARTED, OutcomeKind.EDUCATION_COMPLETED)

# The types every programme starts with, in the order of the checklist at closure.
DEFAULT_TYPES = (
    OutcomeKind.HOUSING_FOUND,
    OutcomeKind.EVICTION_PREVENTED,
    OutcomeKind.PAID_WORK,
    OutcomeKind.BUSINESS_STARTED,
    OutcomeKind.EDUCATION_STARTED,
    OutcomeKind.EDUCATION_COMPLETED,
    OutcomeKind.VOLUNTEER_WORK,
    OutcomeKind.DEBT_FREEZE,
    OutcomeKind.DEBT_ARRANGEMENT,
    OutcomeKind.DEBT_FREE,
    OutcomeKind.CARE_ARRANGED,
    OutcomeKind.BACK_TO_SCHOOL,
    OutcomeKind.NETWORK_GROWN,
)
