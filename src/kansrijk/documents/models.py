"""Documents kept with a household's file: a consent signed on paper, an agency's letter about a
debt or an allowance. Each sits in one part of the file, so the participant's consent governs
who besides the buddy and the coordinator reads it (`access.policy.document_parts`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kansrijk.access.choices import FilePart
from kansrijk.core.files import StoredFile, content_field
from kansrijk.core.models import optional_user_field


class Document(StoredFile):
    household = models.ForeignKey(
        "people.Household",
        verbose_name=_("household"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    part = models.CharField(_("part of the file"), max_length=20, choices=FilePart.choices)
    uploaded_by = optional_user_field(_("added by"))
    content = content_field()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [
            # The household's documents, newest first (the documents page and the file).
            models.Index(fields=["household", "-uploaded_at"], name="document_household_newest"),
        ]

    def __str__(self) -> str:
        return self.name
