"""The demo's evaluations: what participants thought of their year, in their own words.

Of the households that finished or stopped during their year, most answered: three in four of
those who finished, one in two of those who stopped (fewer answer after stopping). Those who
ended in the last three weeks have not answered yet, so the coordinator's list of evaluations
to collect is not empty. Marks are mostly 7 to 9, a few lower, lower after stopping early.
Typed in from paper by the coordinator (demo households have no portal account), so they are
made here directly: the service accepts only invitations still open today.
"""

import datetime as dt

from kansrijk.core.dates import today
from kansrijk.evaluations.choices import Bond, EnteredBy
from kansrijk.evaluations.models import Evaluation
from kansrijk.evaluations.selectors import INVITED
from kansrijk.people.choices import Role
from kansrijk.people.models import Programme, ProgrammeRole
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import Trajectory

from .walks import at

NOT_YET = dt.timedelta(days=21)
FINISHED_MARKS = (8, 7, 8, 9, 7, 8, 6, 9, 8, 7, 10, 8, 9, 7, 5, 8, 9, 7, 8, 6)
STOPPED_MARKS = (6, 4, 7, 5, 8)
HELPED = (
    "Dat er iemand naast me stond. Ik was niet meer alleen met de brieven.",
    "De rust. Eerst de schulden op een rij, daarna kon ik pas weer nadenken.",
    "Mijn buddy ging mee naar de gemeente. Daar durfde ik eerst niet heen.",
    "Dat ik zelf mocht zeggen wat ik wilde. Niemand die het voor mij bepaalde.",
    "",
    "Hulp bij de formulieren van de toeslagen. En dat iemand echt luisterde.",
    "De kleine stapjes. Elke week iets afstrepen gaf me moed.",
    "Dat ze er gewoon was, elke week op dinsdag.",
    "Sollicitatiebrief samen schrijven. Nu heb ik werk.",
    "Praten over de kinderen en over geld zonder dat ik me schaamde.",
)
BOND_WORDS = (
    "Ze snapte mij. Ze heeft zelf ook in de schulden gezeten.",
    "",
    "In het begin moest ik wennen, daarna ging het goed.",
    "Fijne man, rustig. Hij had altijd tijd.",
    "",
    "Soms was hij er niet door zijn werk, maar hij belde altijd terug.",
    "We lachen veel samen. Ik mis haar nu al.",
    "",
)
IMPROVE = (
    "",
    "Het duurde lang voordat ik een buddy kreeg.",
    "Meer hulp bij werk zoeken aan het eind.",
    "",
    "Dat het jaar langer mag. Een jaar is kort.",
    "De brieven van Kansrijk zijn soms moeilijk. Meer in makkelijke woorden.",
    "",
    "Een avond met andere deelnemers zou leuk zijn.",
    "Niks, het was goed zo.",
)
STOPPED_IMPROVE = (
    "Ik ben gestopt omdat ik ging verhuizen. Jammer, het begon net.",
    "Het klikte niet echt. Eerder een andere buddy vragen had geholpen.",
    "Ik was ziek en kon het niet meer opbrengen. Misschien later opnieuw.",
    "",
)


def _bond(mark: int, index: int) -> str:
    if index % 7 == 6:
        return ""  # skipped the question
    if mark >= 9:
        return Bond.VERY_GOOD
    if mark >= 7:
        return Bond.GOOD
    if mark == 6:
        return Bond.OKAY
    return Bond.NOT_GOOD if mark == 5 else Bond.BAD


def _evaluation(trajectory: Trajectory, index: int, mark: int, coordinator) -> Evaluation:
    stopped = trajectory.phase == Phase.DROPPED_OUT
    ended = trajectory.ended_on
    dated = min(ended + dt.timedelta(days=7 + index % 12), today())
    answers = STOPPED_IMPROVE if stopped else IMPROVE
    improve = answers[index % len(answers)]
    return Evaluation(
        trajectory=trajectory,
        helped=HELPED[index % len(HELPED)],
        bond=_bond(mark, index),
        bond_words=BOND_WORDS[index % len(BOND_WORDS)],
        improve=improve,
        mark=mark,
        entered=EnteredBy.PAPER,
        paper_dated=dated,
        entered_by=coordinator,
    )


def record_demo_evaluations() -> int:
    """The evaluations of the demo's ended journeys; answers how many were made. Journeys with
    one already are left alone."""
    made: list[Evaluation] = []
    # Counted over all programmes, so each programme gets a spread of marks.
    seen = {Phase.CLOSED: 0, Phase.DROPPED_OUT: 0}
    answered = {Phase.CLOSED: 0, Phase.DROPPED_OUT: 0}
    every = {Phase.CLOSED: 4, Phase.DROPPED_OUT: 2}  # one in `every` did not answer
    marks = {Phase.CLOSED: FINISHED_MARKS, Phase.DROPPED_OUT: STOPPED_MARKS}
    for programme in Programme.objects.order_by("pk"):
        role = ProgrammeRole.objects.filter(
            programme=programme, role=Role.COORDINATOR, active=True
        ).first()
        if role is None:
            continue
        ended = (
            Trajectory.objects.filter(INVITED, programme=programme, evaluation__isnull=True)
            .filter(ended_on__lte=today() - NOT_YET)
            .order_by("ended_on", "pk")
        )
        for trajectory in ended:
            phase = Phase(trajectory.phase)
            seen[phase] += 1
            if seen[phase] % every[phase] == 0:
                continue  # did not send the form back
            index = answered[phase]
            answered[phase] += 1
            mark = marks[phase][index % len(marks[phase])]
            made.append(_evaluation(trajectory, index, mark, role.user))
    Evaluation.objects.bulk_create(made)
    for evaluation in made:
        Evaluation.objects.filter(pk=evaluation.pk).update(
            created_at=at(evaluation.paper_dated, 16), updated_at=at(evaluation.paper_dated, 16)
        )
    return len(made)
