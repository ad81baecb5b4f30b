"""The frameworks kansrijk ships, in our own plain-language (B1) wording.

The text is English and each string is also a message id (`gettext_noop`), so the catalogue
gives it in Dutch at display time while the database keeps one fixed text per version.

Never change a shipped text in place: assessments made with that version show it, and its
Dutch translation hangs on the exact English. A new wording is a new spec with a higher
version, added beside the old one (which stays here, so its translation stays in the catalogue).

Neither framework copies a licensed instrument (Bridge to Self-Sufficiency, Outcomes Star,
Zelfredzaamheid-Matrix): the domains are common life areas, the words are ours.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_noop as _

DEFAULT_SLUG = "kansrijk-five"
BROAD_SLUG = "kansrijk-eleven"


@dataclass(frozen=True)
class DomainSpec:
    code: str
    name: str
    levels: tuple[tuple[str, str], ...]  # (label, description), value 1 first


@dataclass(frozen=True)
class FrameworkSpec:
    slug: str
    version: int
    name: str
    description: str
    domains: tuple[DomainSpec, ...]


# One set of step names for both shipped scales: how it feels, not a diagnosis.
STUCK = _("Stuck: help needed now")
SHAKY = _("Shaky")
STEADY = _("Steady, but fragile")
GOING_WELL = _("Going well")
STRONG = _("Strong on my own")


def _scale(*descriptions: str) -> tuple[tuple[str, str], ...]:
    return tuple(zip((STUCK, SHAKY, STEADY, GOING_WELL, STRONG), descriptions, strict=True))


DEFAULT = FrameworkSpec(
    slug=DEFAULT_SLUG,
    version=1,
    name=_("Five life domains"),
    description=_(
        "The five life domains of the buddy year: home situation, well-being, finances, "
        "education and work. Five steps for each, from “stuck” to “strong on my own”."
    ),
    domains=(
        DomainSpec(
            "home",
            _("home situation"),
            _scale(
                _("No safe or fixed place to live, or about to lose the home."),
                _("A roof over your head, but the home is unsafe, too small or at risk."),
                _("A home that is good enough; some worries at home remain."),
                _("A safe home that suits you; life at home mostly runs well."),
                _("A good, safe home you can keep; life at home is calm."),
            ),
        ),
        DomainSpec(
            "wellbeing",
            _("well-being"),
            _scale(
                _("Stress or health problems take over the days; help is needed now."),
                _("Often tired, tense or alone; you get through the day, just."),
                _("Most days are all right; you know where to find help."),
                _("You feel fairly well and have people you can count on."),
                _("You feel good, look after yourself and have people around you."),
            ),
        ),
        DomainSpec(
            "finances",
            _("finances"),
            _scale(
                _("Not enough money for food or rent; debts are out of control."),
                _("Just enough to get by; bills or debts worry you every month."),
                _("Income and costs are in balance; debts are in a payment plan."),
                _("You pay bills on time and can put a little aside."),
                _("Your own income is enough, with savings for a setback."),
            ),
        ),
        DomainSpec(
            "education",
            _("education"),
            _scale(
                _(
                    "Reading, writing or the language stand in the way; learning feels out of reach."
                ),
                _("You want to learn something, but do not know where to start."),
                _("You take a first step: a language class, a course or a training."),
                _("You follow an education or have finished a course."),
                _("You have the diploma or skills for the work you want."),
            ),
        ),
        DomainSpec(
            "work",
            _("work"),
            _scale(
                _("No work or daily activity; other problems come first."),
                _("No work yet; you think about what you could do."),
                _("Volunteer work, a work trial or a few hours a week."),
                _("Paid work, but not yet enough to live on without benefits."),
                _("Paid work that is enough to live on, without benefits."),
            ),
        ),
    ),
)

BROAD = FrameworkSpec(
    slug=BROAD_SLUG,
    version=1,
    name=_("Eleven life areas"),
    description=_(
        "A wider look in eleven life areas, as Dutch municipalities often use: from income "
        "and housing to health, the people around you and the law. Five steps for each."
    ),
    domains=(
        DomainSpec(
            "income",
            _("income"),
            _scale(
                _("No income, or debts growing fast; basic needs are not met."),
                _("Some income, but too little or uncertain; new debts appear."),
                _("A steady income or benefit; debts are under control with help."),
                _("Income covers the costs; you keep your own budget."),
                _("Income covers the costs with room to save; no problem debts."),
            ),
        ),
        DomainSpec(
            "daily-activities",
            _("daily activities"),
            _scale(
                _("No work, school or other activity; days have no shape."),
                _("Now and then something to do, but nothing regular."),
                _("A regular activity some days a week, such as volunteering."),
                _("Work, school or an activity most days, that suits you."),
                _("Days are filled the way you want, and you keep it going."),
            ),
        ),
        DomainSpec(
            "housing",
            _("housing"),
            _scale(
                _("Homeless, or the eviction is near."),
                _("Staying with others, or a home that is unsafe or at risk."),
                _("A home of your own, with some problems such as arrears."),
                _("A suitable home; rent is paid and the home is kept."),
                _("A good home you chose, and you can keep it without help."),
            ),
        ),
        DomainSpec(
            "domestic-relations",
            _("relations at home"),
            _scale(
                _("Violence or serious danger at home; safety comes first."),
                _("A lot of tension or conflict at home; it weighs on everyone."),
                _("Some tension at home, but people talk and find a way."),
                _("Relations at home are mostly good and supportive."),
                _("Home feels safe and warm; problems are solved together."),
            ),
        ),
        DomainSpec(
            "mental-health",
            _("mental health"),
            _scale(
                _("A crisis: help is needed right away."),
                _("Worry, fear or low mood take over; no help yet."),
                _("Mental problems are there, but with help you cope."),
                _("You feel mostly well and know what helps you."),
                _("You feel well and handle setbacks in your own way."),
            ),
        ),
        DomainSpec(
            "physical-health",
            _("physical health"),
            _scale(
                _("A serious health problem without the care that is needed."),
                _("Health problems get in the way; care is hard to reach."),
                _("Health problems are known and care is in place."),
                _("Mostly healthy; you see a doctor when needed."),
                _("Healthy, and you take care of your body yourself."),
            ),
        ),
        DomainSpec(
            "addiction",
            _("addiction"),
            _scale(
                _("Use of alcohol, drugs or gambling causes serious harm now."),
                _("Use causes problems at home, with money or at work."),
                _("Use is under control with help, or has stopped recently."),
                _("No problem use for a while; you know your risks."),
                _("No problem use, and you stay strong on your own."),
            ),
        ),
        DomainSpec(
            "daily-life-skills",
            _("daily life skills"),
            _scale(
                _("Basic care such as eating, washing or cleaning is not done."),
                _("Daily tasks often go wrong without someone's help."),
                _("Most daily tasks go well, with some help now and then."),
                _("You manage daily tasks and mail yourself."),
                _("You manage everything yourself and help others too."),
            ),
        ),
        DomainSpec(
            "social-network",
            _("social network"),
            _scale(
                _("Nobody to turn to; alone, or only with people who do harm."),
                _("Few people to turn to, and contact is hard."),
                _("Some people you can ask for help now and then."),
                _("Family, friends or neighbours who help when needed."),
                _("A wide circle of people; you help each other."),
            ),
        ),
        DomainSpec(
            "community-participation",
            _("taking part in the community"),
            _scale(
                _("No contact outside the home; you feel shut out."),
                _("Little contact outside the home; you would like more."),
                _("Sometimes taking part: a club, a school or a meeting."),
                _("Taking part regularly in the neighbourhood or a club."),
                _("Active in the community, and others count on you."),
            ),
        ),
        DomainSpec(
            "justice",
            _("justice"),
            _scale(
                _("A case with the police or the courts is open now, or a sentence is running."),
                _("Fines or a case that cause worry; contact with the law is hard."),
                _("Matters with the law are being settled, with help."),
                _("No open matters; old ones are settled."),
                _("No matters with the law, and none expected."),
            ),
        ),
    ),
)

SHIPPED: tuple[FrameworkSpec, ...] = (DEFAULT, BROAD)


def install(spec: FrameworkSpec, *, framework_model, domain_model, level_model):
    """Create the framework version of `spec` unless it exists; answer it.

    Takes the model classes so a data migration can pass its historical models.
    """
    framework, created = framework_model.objects.get_or_create(
        slug=spec.slug,
        version=spec.version,
        defaults={"name": spec.name, "description": spec.description},
    )
    if not created:
        return framework
    for position, domain_spec in enumerate(spec.domains, start=1):
        domain = domain_model.objects.create(
            framework=framework, code=domain_spec.code, name=domain_spec.name, position=position
        )
        level_model.objects.bulk_create(
            level_model(domain=domain, value=value, label=label, description=description)
            for value, (label, description) in enumerate(domain_spec.levels, start=1)
        )
    return framework
