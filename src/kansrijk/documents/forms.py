from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from kansrijk.access.choices import FilePart
from kansrijk.core.forms import UploadField


class DocumentForm(forms.Form):
    file = UploadField(label=_("File"))
    part = forms.ChoiceField(
        label=_("Part of the file"),
        choices=[(part.value, capfirst(part.label)) for part in FilePart],
        initial=FilePart.SENSITIVE,
        widget=forms.RadioSelect,
        help_text=_(
            "The backup professional sees the document only when the participant allows "
            "this part. A consent form goes with the basic details; a letter about debts or "
            "health with the sensitive notes."
        ),
    )
