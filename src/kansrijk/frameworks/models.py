"""Assessment frameworks: the life domains a programme looks at, each with an ordered scale.

Programme configuration, without personal data. A version is never edited once an assessment
uses it: a change makes a new version (`services.framework_new_version`), so past assessments
keep the wording they were made with.

Names, labels and descriptions are stored as written. The shipped frameworks store English text
that is also a message id in the catalogue (`shipped.py`), so they show in Dutch or English;
a framework a programme writes itself shows as written. `display_*` does that lookup.
"""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kansrijk.core.models import optional_user_field
from kansrijk.people.models import Programme


class Framework(models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=60)
    version = models.PositiveIntegerField(
        _("version"), default=1, validators=[MinValueValidator(1)]
    )
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["slug", "-version"]
        verbose_name = _("assessment framework")
        verbose_name_plural = _("assessment frameworks")
        constraints = [
            # `framework_for`: the newest version of a slug; versions never share a number.
            models.UniqueConstraint(fields=["slug", "version"], name="one_framework_per_version"),
            models.CheckConstraint(condition=models.Q(version__gte=1), name="version_from_one"),
        ]

    def __str__(self) -> str:
        return f"{self.display_name} (v{self.version})"

    @property
    def display_name(self) -> str:
        return gettext(self.name)

    @property
    def display_description(self) -> str:
        return gettext(self.description) if self.description else ""


class Domain(models.Model):
    framework = models.ForeignKey(
        Framework, verbose_name=_("framework"), on_delete=models.CASCADE, related_name="domains"
    )
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["framework", "position", "id"]
        verbose_name = _("life domain")
        verbose_name_plural = _("life domains")
        constraints = [
            # Scores and exports name a domain by its code within one framework version.
            models.UniqueConstraint(
                fields=["framework", "code"], name="one_domain_code_per_framework"
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return gettext(self.name)


class Level(models.Model):
    domain = models.ForeignKey(
        Domain, verbose_name=_("life domain"), on_delete=models.CASCADE, related_name="levels"
    )
    value = models.PositiveSmallIntegerField(_("value"), validators=[MinValueValidator(1)])
    label = models.CharField(_("label"), max_length=80)
    description = models.CharField(_("description"), max_length=300, blank=True)

    class Meta:
        ordering = ["domain", "value"]
        verbose_name = _("level")
        verbose_name_plural = _("levels")
        constraints = [
            # A scale has each step once; scores are checked against these values.
            models.UniqueConstraint(fields=["domain", "value"], name="one_level_per_value"),
            models.CheckConstraint(condition=models.Q(value__gte=1), name="level_from_one"),
        ]

    def __str__(self) -> str:
        return f"{self.value} – {self.display_label}"

    @property
    def display_label(self) -> str:
        return gettext(self.label)

    @property
    def display_description(self) -> str:
        return gettext(self.description) if self.description else ""


class ProgrammeFramework(models.Model):
    """The framework version a programme uses for its new assessments."""

    programme = models.OneToOneField(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="framework_choice",
    )
    framework = models.ForeignKey(
        Framework, verbose_name=_("framework"), on_delete=models.PROTECT, related_name="+"
    )
    chosen_by = optional_user_field(_("chosen by"))
    chosen_at = models.DateTimeField(_("chosen at"), auto_now=True)

    class Meta:
        verbose_name = _("framework of a programme")
        verbose_name_plural = _("frameworks of programmes")

    def __str__(self) -> str:
        return f"{self.programme}: {self.framework}"
