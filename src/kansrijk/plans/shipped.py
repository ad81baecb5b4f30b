"""The goal templates kansrijk ships: a few common goals per life domain, in our own words.

They are starting points a buddy changes into the participant's words, never a form to follow.
The text is an English message id (translated on display); `(domain code, text, basic calm)`.
The codes are those of the shipped frameworks (the default one and the broad example); a
programme adds its own in the admin, and hides one by unticking "offered". The data migration
installs them (`install_goal_templates`); a read never does.
"""

from django.utils.translation import gettext_noop as _

GOAL_TEMPLATES: list[tuple[str, str, bool]] = [
    ("home", _("Keep my home: agree a payment plan for the rent arrears"), True),
    ("home", _("Go through the post and letters together once a week"), False),
    ("home", _("A quiet place at home for the children's homework"), False),
    ("wellbeing", _("See the family doctor about my complaints"), True),
    ("wellbeing", _("Do one thing for myself every week"), False),
    (
        "wellbeing",
        _("Meet people in the neighbourhood, for example at the community centre"),
        False,
    ),
    ("finances", _("Ask for a debt freeze, so the creditors wait and the letters stop"), True),
    ("finances", _("Apply for the allowances and support I am entitled to"), False),
    ("finances", _("Keep a simple overview of money coming in and going out"), False),
    ("education", _("Find a Dutch language course that fits my week"), False),
    ("education", _("Find out which course fits what I want to do"), False),
    ("work", _("Do a few hours of volunteer work every week"), False),
    ("work", _("Make a CV and write down what I am good at"), False),
    ("work", _("Talk to a work coach about paid work"), False),
    # The broad example framework names some domains differently.
    ("housing", _("Keep my home: agree a payment plan for the rent arrears"), True),
    ("income", _("Ask for a debt freeze, so the creditors wait and the letters stop"), True),
    ("income", _("Apply for the allowances and support I am entitled to"), False),
    ("physical-health", _("See the family doctor about my complaints"), True),
    (
        "social-network",
        _("Meet people in the neighbourhood, for example at the community centre"),
        False,
    ),
    ("daily-activities", _("Do a few hours of volunteer work every week"), False),
]


def install_goal_templates(template_model) -> None:
    """Create the shipped templates when there are none at all.

    Takes the model class so the data migration can pass its historical model.
    """
    if template_model.objects.exists():
        return
    template_model.objects.bulk_create(
        template_model(domain_code=code, text=text, basic_calm=basic_calm, position=position)
        for position, (code, text, basic_calm) in enumerate(GOAL_TEMPLATES, start=1)
    )
