"""The tags kansrijk ships for Doorbraak cases: kinds of barrier and agencies, in our own words.

The text is an English message id (translated on display). A programme adds its own in the
admin and hides one by unticking "offered". The data migration installs them
(`install_barrier_tags`); a read never does.
"""

from django.utils.translation import gettext_noop as _

from .choices import TagKind

BARRIER_TYPES = [
    _("Income and benefits"),
    _("Debts and collection"),
    _("Housing and eviction"),
    _("Care and health insurance"),
    _("Allowances (toeslagen)"),
    _("Childcare allowance"),
    _("Education and student finance"),
    _("Work and reintegration"),
    _("Residence permit"),
    _("Youth care and family"),
    _("Energy and water"),
    _("Rules that contradict each other"),
]
AGENCIES = [
    _("Municipality: income and social services"),
    _("Municipality: debt help (Kredietbank)"),
    _("Tax office: allowances"),
    _("Tax office"),
    _("UWV"),
    _("CJIB (fines)"),
    _("DUO (student finance)"),
    _("IND (immigration)"),
    _("Housing corporation"),
    _("Health insurer"),
    _("Bailiff or debt collector"),
    _("Energy supplier"),
    _("School"),
    _("Youth care"),
]


def install_barrier_tags(tag_model) -> None:
    """Create the shipped tags when there are none at all.

    Takes the model class so the data migration can pass its historical model.
    """
    if tag_model.objects.exists():
        return
    tag_model.objects.bulk_create(
        [
            tag_model(kind=kind, name=name, position=position)
            for kind, names in ((TagKind.BARRIER, BARRIER_TYPES), (TagKind.AGENCY, AGENCIES))
            for position, name in enumerate(names, start=1)
        ]
    )
