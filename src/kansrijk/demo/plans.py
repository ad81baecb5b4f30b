"""Goal-action plans for the demo's coached households, made with the product's own services.

Each household in its active year or aftercare gets the goals that fit what it said at the
intake: calm at the base first, then one or two small goals further along. How far a plan got
follows how long the household has been coached: early steps done, a success or two recorded
(some celebrated), calm-at-the-base goals achieved after a few months. The services stamp
"today"; the days they set are moved back to when the step happened (as walks.py does).

Safe to run twice: a household that has a plan already is left alone.
"""

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction

from kansrijk.access.models import ParticipantAccount
from kansrijk.core.dates import today
from kansrijk.frameworks.models import Domain
from kansrijk.frameworks.selectors import framework_for
from kansrijk.intake.models import Intake
from kansrijk.plans import services
from kansrijk.plans.choices import ActionBy, GoalStatus
from kansrijk.plans.models import Action, Goal, ProgressNote
from kansrijk.trajectories.choices import COACHING_PHASES
from kansrijk.trajectories.models import Trajectory

from .loader import DEMO_PARTICIPANT
from .walks import at

SEED = 2027


@dataclass(frozen=True)
class GoalRecipe:
    """A goal in the participant's words; its steps as (who, what); the first small success.

    `who` is a value of ActionBy, or else the name of the organisation that takes the step.
    """

    domain: str
    text: str
    calm: bool
    steps: tuple[tuple[str, str], ...]
    success: str


R = GoalRecipe
P, T, B, W = ActionBy.PARTICIPANT, ActionBy.TOGETHER, ActionBy.BUDDY, ActionBy.BACKUP

# Per intake wish (the scenarios of texts.py), the goals the household works on. A table,
# kept in its compact shape for reading:
# fmt: off
RECIPES: dict[str, tuple[GoalRecipe, ...]] = {
    "Weer overzicht over mijn geld en geen deurwaarder meer aan de deur.": (
        R("finances", "Alle post open en mijn schulden op een rij", True,
          ((T, "Samen de stapel post openen en sorteren"),
           (P, "Alle brieven van het CJIB in één map doen"),
           (W, "Aanmelden bij de Kredietbank voor schuldhulp")),
          "De hele stapel post is open. Het viel mee!"),
        R("finances", "Een betalingsregeling met het CJIB", False,
          ((T, "Samen het CJIB bellen over een regeling"),
           (P, "Het formulier voor de regeling invullen en opsturen")),
          "Het CJIB gaat akkoord met een regeling."),
        R("work", "Uitzoeken wat voor werk bij mij past", False,
          ((P, "Opschrijven wat ik leuk vind en goed kan"), ("Werkplein", "Gesprek met een werkcoach")),
          "Ik heb een lijstje van wat ik goed kan."),
    ),
    "In mijn huis blijven wonen en de huur elke maand op tijd betalen.": (
        R("home", "In mijn huis blijven: een regeling voor de huurachterstand", True,
          ((W, "Contact met de woningcorporatie over de ontruiming"),
           (T, "Samen het gesprek bij de corporatie voorbereiden"),
           (P, "De eerste termijn van de regeling betalen")),
          "De ontruiming is van tafel!"),
        R("finances", "De huur automatisch laten afschrijven", False,
          ((T, "Kijken op welke dag mijn geld binnenkomt"), (P, "De machtiging voor de huur invullen")),
          "De huur gaat nu vanzelf."),
        R("wellbeing", "Eén middag per week iets leuks met de kinderen", False,
          ((P, "Een Stadjerspas aanvragen"), (B, "Uitzoeken wat er gratis is in de wijk")),
          "We zijn met de Stadjerspas naar het zwembad geweest."),
    ),
    "Me beter voelen en één ochtend in de week iets voor mezelf doen.": (
        R("wellbeing", "Met mijn somberheid naar de huisarts", True,
          ((P, "Een afspraak maken bij de huisarts"), (B, "Mee naar de afspraak, als ik dat wil")),
          "Ik ben bij de huisarts geweest en voelde me gehoord."),
        R("wellbeing", "Elke dinsdagochtend iets voor mezelf", False,
          ((P, "Een vaste ochtend in mijn agenda zetten"), (T, "Samen naar de moestuin in de wijk")),
          "Twee keer in de moestuin gewerkt. Dat gaf rust."),
        R("home", "Een vast ritme in de week", False,
          ((P, "Een weekplanning op de koelkast hangen"),),
          "De weekplanning hangt er en het werkt."),
    ),
    "Dat het thuis rustiger wordt en mijn zoon weer graag naar school gaat.": (
        R("home", "Eén plan met school en WIJ voor mijn zoon", True,
          ((W, "Een gesprek plannen met school en WIJ"),
           (P, "Opschrijven wat thuis goed werkt bij mijn zoon")),
          "Het gesprek op school ging goed. We hebben nu één plan."),
        R("wellbeing", "Eén uur per week tijd voor mezelf", False,
          (("Buurthuis", "Oppas regelen via het buurthuis"), (P, "Dat uur echt voor mezelf houden")),
          "Ik ben een uur gaan wandelen, alleen."),
        R("education", "Een cursus die ik leuk vind", False,
          ((P, "Het aanbod van de bibliotheek bekijken"),),
          "Ik heb een cursus gevonden die ik wil doen."),
    ),
    "Beter Nederlands spreken en mensen leren kennen in de wijk.": (
        R("finances", "Mijn toeslagen op orde", True,
          ((T, "Samen inloggen bij Mijn toeslagen"), (T, "De huurtoeslag aanvragen")),
          "De huurtoeslag is goedgekeurd."),
        R("education", "Naar het taalcafé in de bibliotheek", False,
          ((P, "Aanmelden bij het taalcafé"), (B, "De eerste keer meegaan")),
          "Ik ben naar het taalcafé geweest en heb twee mensen leren kennen."),
        R("wellbeing", "Mensen leren kennen in de wijk", False,
          ((P, "Koken bij de buurtmaaltijd in het buurthuis"),),
          "Ik heb voor twintig mensen gekookt!"),
    ),
    "Mijn mbo-diploma halen en een eigen kamer.": (
        R("finances", "Een zorgverzekering en een inkomen", True,
          ((T, "Een zorgverzekering afsluiten"), ("Gemeente Groningen", "Een uitkering aanvragen")),
          "Ik ben weer verzekerd."),
        R("education", "Terug naar school", False,
          ((P, "Naar de open dag van het Noorderpoort"), (T, "Samen de aanmelding invullen")),
          "Ik ben aangenomen voor de opleiding!"),
        R("work", "Een bijbaan naast school", False,
          ((P, "Een cv maken"),),
          "Mijn cv is klaar."),
    ),
    "Betaald werk in de zorg, eerst een paar uur per week.": (
        R("finances", "Kinderopvang en toeslagen op orde", True,
          ((T, "Uitrekenen wat werken met mijn toeslagen doet"), (P, "Kinderopvang aanvragen")),
          "Ik weet nu dat werken loont."),
        R("work", "Een leer-werkplek in de thuiszorg", False,
          ((P, "Een open sollicitatie sturen"), ("Werkplein", "Gesprek over een leer-werkplek")),
          "Ik mag op gesprek komen!"),
        R("education", "Een opleiding in de zorg", False,
          ((P, "Uitzoeken welke opleiding past"),),
          "Ik weet welke opleiding ik wil doen."),
    ),
    "Rondkomen zonder stress, en later een betere baan.": (
        R("finances", "Kwijtschelding en toeslagen nakijken", True,
          ((T, "Kwijtschelding van de gemeentelijke belastingen aanvragen"),
           (P, "De energieleverancier bellen over het termijnbedrag")),
          "Kwijtschelding gekregen!"),
        R("work", "Een baan die beter betaalt", False,
          ((P, "Vacatures bekijken bij de schoonmaakbedrijven"), (B, "Samen mijn cv verbeteren")),
          "Mijn cv staat er veel beter op."),
    ),
    "Een vast inkomen en mijn belastingzaken zelf snappen.": (
        R("finances", "Uitstel van betaling bij de Belastingdienst", True,
          ((T, "Samen een verzoek om uitstel schrijven"), ("Belastingdienst", "Besluit op het verzoek")),
          "Ik heb uitstel gekregen."),
        R("work", "Vast werk in loondienst", False,
          ((P, "Drie bezorgbedrijven met vaste contracten opzoeken"),),
          "Eén bedrijf wil met mij praten."),
    ),
    "Dat de terugvordering geregeld is en de kinderen mee kunnen doen met sport.": (
        R("finances", "De terugvordering laten herberekenen", True,
          ((T, "Bezwaar maken tegen de terugvordering"), (W, "De Belastingdienst bellen")),
          "De terugvordering is lager geworden."),
        R("wellbeing", "De kinderen op sport", False,
          ((P, "Een Stadjerspas aanvragen"), (B, "Het Jeugdfonds Sport vragen")),
          "De kinderen zitten op voetbal!"),
    ),
    "Minder pijn en weten waar ik recht op heb.": (
        R("wellbeing", "De juiste zorg voor mijn rug", True,
          ((P, "Een afspraak bij de huisarts over de pijn"), ("Fysiotherapie", "Eerste behandeling")),
          "De fysio helpt: ik slaap beter."),
        R("finances", "Een overzicht van inkomsten en uitgaven", False,
          ((T, "Samen alle vaste lasten opschrijven"), (P, "Eén maand alle uitgaven bijhouden")),
          "Ik weet nu waar mijn geld heen gaat."),
    ),
    "Een veilig en gezellig huis voor mij en de kinderen.": (
        R("finances", "De schulden op naam van mijn ex uitzoeken", True,
          ((W, "Samen met WIJ de schulden uitzoeken"), (T, "Brieven sturen naar de schuldeisers")),
          "Twee schulden zijn van mijn naam af."),
        R("home", "Het huis gezellig maken", False,
          (("Kringloop", "Meubels ophalen bij de kringloop"), (P, "De kinderkamer inrichten")),
          "De kinderkamer is klaar. De kinderen zijn blij."),
    ),
    "Vrijwilligerswerk bij de voedselbank of het buurthuis, later betaald werk.": (
        R("home", "Een vaste weekplanning en de post op orde", True,
          ((T, "Samen de post doornemen"), (P, "Elke maandag mijn post openen")),
          "Drie weken op rij de post zelf gedaan."),
        R("work", "Vrijwilligerswerk bij de voedselbank", False,
          ((P, "Bellen met de voedselbank"), (B, "Mee naar het kennismakingsgesprek")),
          "Ik help nu elke vrijdag bij de voedselbank."),
    ),
    "Een eigen bedrijfje met naaiwerk en kleding herstellen.": (
        R("finances", "Weten wat ik mag verdienen naast de bijstand", True,
          ((W, "Uitleg vragen bij de gemeente over de regels"), (T, "Inkomsten en uitgaven op een rij")),
          "Ik weet nu wat wel en niet mag."),
        R("work", "Een starterstraject voor ondernemers", False,
          (("Gemeente Groningen", "Gesprek over het starterstraject"), (P, "Een prijslijst maken")),
          "Mijn eerste klant heeft betaald!"),
    ),
}
GENERIC = (
    R("finances", "Overzicht over mijn geld", True,
      ((T, "Samen alle rekeningen op een rij zetten"), (P, "Een map voor de post maken")),
      "Alles zit in één map. Wat een rust."),
    R("wellbeing", "Elke week iets voor mezelf doen", False,
      ((P, "Iets uitkiezen bij het buurthuis"),),
      "Ik ben naar de koffieochtend geweest."),
)
PROGRESS_NOTES = (
    "Goed gesprek gehad. Ze wil het zo veel mogelijk zelf doen.",
    "Even pas op de plaats: de kinderen waren ziek.",
    "Brief verstuurd, nu wachten op antwoord.",
    "Samen gebeld; het ging beter dan verwacht.",
)
# fmt: on
# A code a framework may not have, and the codes that stand in for it (the broad example).
STAND_INS = {
    "home": ("home", "housing"),
    "wellbeing": ("wellbeing", "mental-health", "physical-health"),
    "finances": ("finances", "income"),
    "education": ("education", "daily-activities"),
    "work": ("work", "daily-activities"),
}


def plan_demo_households() -> int:
    """Give every coached demo household without a plan one; answer how many got one."""
    rng = random.Random(SEED)
    wishes = dict(Intake.objects.values_list("trajectory_id", "wishes"))
    trajectories = (
        Trajectory.objects.filter(phase__in=COACHING_PHASES, goals__isnull=True)
        .select_related("household__programme", "buddy")
        .order_by("pk")
    )
    domains: dict[int, dict[str, Domain]] = {}
    planned = 0
    with transaction.atomic():
        for trajectory in trajectories:
            programme = trajectory.household.programme
            if programme.pk not in domains:
                framework = framework_for(programme)
                domains[programme.pk] = {d.code: d for d in framework.domains.all()}
            recipes = RECIPES.get(wishes.get(trajectory.pk, ""), GENERIC)
            _plan(rng, trajectory, recipes, domains[programme.pk])
            planned += 1
        _the_demo_participant_writes_along()
    return planned


def _domain(domains: dict[str, Domain], code: str) -> Domain:
    for candidate in STAND_INS.get(code, (code,)):
        if candidate in domains:
            return domains[candidate]
    return next(iter(domains.values()))


def _plan(rng: random.Random, trajectory: Trajectory, recipes, domains) -> None:
    now = today()
    buddy = trajectory.buddy
    for index, recipe in enumerate(recipes):
        set_on = trajectory.matched_on + dt.timedelta(days=7 + 21 * index + rng.randint(0, 6))
        if set_on >= now:
            break  # a household that just started has its first goal only
        goal = services.goal_create(
            trajectory=trajectory,
            by=buddy,
            domain=_domain(domains, recipe.domain),
            text=recipe.text,
            target_on=set_on + dt.timedelta(days=60 if recipe.calm else 150 + 30 * index),
            basic_calm=recipe.calm,
            in_own_words=rng.random() < 0.8,
        )
        Goal.objects.filter(pk=goal.pk).update(created_at=at(set_on, 20))
        last_done = _take_steps(rng, goal, recipe, set_on)
        if last_done is not None:
            _record_success(rng, goal, recipe, last_done)
        if (now - set_on).days > 30 and rng.random() < 0.6:
            note = services.note_add(goal=goal, by=buddy, text=rng.choice(PROGRESS_NOTES))
            _backdate_note(note, set_on + dt.timedelta(days=rng.randint(10, 25)))
        all_done = last_done is not None and not goal.actions.filter(done_on__isnull=True).exists()
        coached_long = trajectory.aftercare_started_on is not None
        if all_done and (recipe.calm or coached_long) and (now - last_done).days > 10:
            _achieve(goal, last_done + dt.timedelta(days=7))


def _take_steps(rng: random.Random, goal: Goal, recipe: GoalRecipe, set_on: dt.date):
    """Add the recipe's steps; tick off those whose day has passed. Answers the last done day."""
    now = today()
    last_done = None
    for number, (who, what) in enumerate(recipe.steps, start=1):
        due_on = set_on + dt.timedelta(days=14 * number)
        named = {} if who in ActionBy.values else {"organisation_name": who}
        action = services.action_add(
            goal=goal,
            by=goal.trajectory.buddy,
            who=who if who in ActionBy.values else ActionBy.ORGANISATION,
            what=what,
            due_on=due_on,
            **named,
        )
        done_on = due_on + dt.timedelta(days=rng.randint(-6, 8))
        if done_on <= now - dt.timedelta(days=2) and rng.random() < 0.85:
            services.action_set_done(action=action, by=goal.trajectory.buddy, version=1)
            Action.objects.filter(pk=action.pk).update(done_on=done_on)
            last_done = max(last_done or done_on, done_on)
    return last_done


def _record_success(rng: random.Random, goal: Goal, recipe: GoalRecipe, day: dt.date) -> None:
    note = services.note_add(
        goal=goal,
        by=goal.trajectory.buddy,
        text=recipe.success,
        is_success=True,
        by_participant=rng.random() < 0.6,
    )
    written_on = min(day + dt.timedelta(days=1), today())
    _backdate_note(note, written_on)
    if rng.random() < 0.6:
        services.note_celebrate(note=note, by=goal.trajectory.buddy)
        ProgressNote.objects.filter(pk=note.pk).update(celebrated_at=at(written_on, 19, 30))


def _achieve(goal: Goal, on: dt.date) -> None:
    on = min(on, today())
    services.goal_set_status(
        goal=goal,
        by=goal.trajectory.buddy,
        version=None,
        status=GoalStatus.ACHIEVED,
        reason="Gelukt, stap voor stap.",
    )
    Goal.objects.filter(pk=goal.pk).update(status_changed_on=on)
    ProgressNote.objects.filter(goal=goal, status_change=GoalStatus.ACHIEVED).update(
        written_on=on, created_at=at(on, 20)
    )


def _backdate_note(note: ProgressNote, on: dt.date) -> None:
    ProgressNote.objects.filter(pk=note.pk).update(written_on=on, created_at=at(on, 20))


def _the_demo_participant_writes_along() -> None:
    """The portal's demo participant wrote a small success herself, in her own words."""
    account = (
        ParticipantAccount.objects.filter(user__username=DEMO_PARTICIPANT)
        .select_related("user", "household")
        .first()
    )
    if account is None:
        return
    goal = (
        Goal.objects.filter(
            trajectory__household=account.household,
            trajectory__phase__in=COACHING_PHASES,
            status=GoalStatus.OPEN,
        )
        .select_related("trajectory__household")
        .first()
    )
    if goal is None or goal.notes.filter(by_participant=True, author=account.user).exists():
        return
    services.note_add(
        goal=goal,
        by=account.user,
        text="Ik heb zelf gebeld en het geregeld. Trots!",
        is_success=True,
    )
