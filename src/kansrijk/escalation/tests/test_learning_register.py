"""The learning register counts recurring barriers and shows lessons for policy, and nothing
that could name a household: not its name, its members, or the barrier in its own words."""

import csv
import datetime as dt
import io
import random
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from kansrijk.escalation import case_services
from kansrijk.escalation.choices import TagKind
from kansrijk.escalation.models import BarrierTag, DoorbraakCase
from kansrijk.escalation.register import learning_register, python_register
from kansrijk.escalation.selectors import tags_for
from kansrijk.people.choices import Role
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import Trajectory
from tests.factories import ProgrammeRoleFactory, UserFactory

BARRIER = "Fatima krijgt geen huurtoeslag omdat haar ex nog op het adres staat."
RULE = "Inschrijving in de BRP van de ex-partner"
SOLUTION = "De gemeente schrijft de ex uit; Fatima krijgt de toeslag met terugwerkende kracht."
LESSON = "Laat de gemeente een adres binnen twee weken controleren als een toeslag ervan afhangt."


def _tag(kind: TagKind, name: str) -> BarrierTag:
    return BarrierTag.objects.get(kind=kind, name=name)


@pytest.fixture
def cases(cast, coached, journey, doorbraak_consent):
    """Three cases in programme A: two about allowances (solved in 10 and 20 days, €300 and
    €100), one about debts still open; and a case in programme B that A must not count."""
    tags_for(cast.programme)
    allowances = _tag(TagKind.BARRIER, "Allowances (toeslagen)")
    debts = _tag(TagKind.BARRIER, "Debts and collection")
    tax = _tag(TagKind.AGENCY, "Tax office: allowances")
    other = journey(Phase.ACTIVE, buddy=UserFactory(), household__display_name="Jan Jansen")
    made = []
    for trajectory, tags, opened, solved, costs, lesson in [
        (coached, [allowances], dt.date(2025, 5, 1), dt.date(2025, 5, 11), "300", LESSON),
        (other, [allowances], dt.date(2025, 5, 1), dt.date(2025, 5, 21), "100", ""),
        (coached, [debts], dt.date(2025, 6, 1), None, None, ""),
    ]:
        doorbraak_consent(trajectory)
        case = case_services.case_open(
            trajectory=trajectory,
            by=cast.coordinator,
            barrier=BARRIER,
            blocking_rule=RULE,
            barrier_types=tags,
            agencies=[tax],
            opened_on=opened,
        )
        if solved:
            case = case_services.case_update(
                case=case,
                by=cast.coordinator,
                version=case.version,
                barrier=BARRIER,
                blocking_rule=RULE,
                barrier_types=tags,
                agencies=[tax],
                opened_on=opened,
                solution=SOLUTION,
                decided_by="Teamleider Inkomen",
                costs=Decimal(costs),
                solved_on=solved,
                lesson=lesson,
            )
        made.append(case)
    elsewhere = journey(
        Phase.ACTIVE, buddy=UserFactory(), household__programme=cast.other_programme
    )
    doorbraak_consent(elsewhere)
    case_services.case_open(
        trajectory=elsewhere,
        by=cast.other_coordinator,
        barrier=BARRIER,
        barrier_types=[debts],
        opened_on=dt.date(2025, 6, 1),
    )
    return made


def test_the_register_counts_cases_per_kind_of_barrier_and_agency(cast, cases):
    register = learning_register([cast.programme])

    assert (register.cases, register.solved, register.median_days) == (3, 2, 15)
    assert register.costs == Decimal("400")
    by_type = {row.tag.name: row for row in register.by_type}
    allowances = by_type["Allowances (toeslagen)"]
    assert (allowances.cases, allowances.solved, allowances.median_days) == (2, 2, 15)
    assert allowances.costs == Decimal("400")
    assert allowances.average_costs == Decimal("200.00")
    assert allowances.lessons == [LESSON]
    assert (by_type["Debts and collection"].cases, by_type["Debts and collection"].solved) == (1, 0)
    [agency] = register.by_agency
    assert (agency.tag.name, agency.cases) == ("Tax office: allowances", 3)
    # The most frequent first.
    assert register.by_type[0].tag.name == "Allowances (toeslagen)"


def test_across_programmes_the_register_adds_them_up(cast, cases):
    register = learning_register([cast.programme, cast.other_programme])

    assert register.cases == 4


CSRF_TOKEN = re.compile(r"[A-Za-z0-9]{64}")


def _personal_data(coached) -> list[str]:
    household = coached.household
    names = [household.display_name, *household.display_name.split()]
    for member in household.members.all():
        names += [member.given_name, member.family_name]
    other = Trajectory.objects.get(household__display_name="Jan Jansen").household
    return [n for n in names if n] + [other.display_name, BARRIER, RULE, SOLUTION]


@pytest.mark.parametrize("who", ["coordinator", "doorbraak"])
def test_the_register_and_its_export_hold_no_personal_data(
    client, cast, coached, cases, doorbraak_pro, who
):
    client.force_login(cast.coordinator if who == "coordinator" else doorbraak_pro)

    page = client.get(reverse("learning_register"))
    export = client.get(reverse("learning_register_csv"))

    html, text = page.content.decode(), export.content.decode()
    # A random CSRF token can hold a short name such as "El" by chance: leave tokens out.
    html = CSRF_TOKEN.sub("", html)
    assert page.status_code == export.status_code == 200
    assert LESSON in html
    assert "Allowances (toeslagen)" in html and "Allowances (toeslagen)" in text
    for personal in _personal_data(coached):
        assert personal not in html, personal
        assert personal not in text, personal
    assert str(coached.household.uuid) not in html


def test_the_csv_holds_the_same_figures_as_the_page_for_excel_in_dutch(client, cast, cases):
    client.force_login(cast.coordinator)

    export = client.get(reverse("learning_register_csv"), {"programme": cast.programme.slug})

    assert export.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"))
    assert export["Content-Disposition"] == (
        f'attachment; filename="learning-register-{cast.programme.slug}.csv"'
    )
    assert rows[0][:3] == ["grouped by", "tag", "cases"]
    assert ["kind of barrier", "Allowances (toeslagen)", "2", "2", "15", "400,00", "200,00"] in rows
    assert ["agency", "Tax office: allowances", "3", "2", "15", "400,00", "200,00"] in rows


def test_the_international_csv_has_commas_and_decimal_points(client, cast, cases):
    client.force_login(cast.coordinator)

    export = client.get(
        reverse("learning_register_csv"),
        {"programme": cast.programme.slug, "flavour": "international"},
    )

    assert export.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert export["Content-Disposition"] == (
        f'attachment; filename="learning-register-{cast.programme.slug}-international.csv"'
    )
    assert ["kind of barrier", "Allowances (toeslagen)", "2", "2", "15", "400.00", "200.00"] in rows


def test_an_unknown_csv_flavour_is_not_found(client, cast, cases):
    client.force_login(cast.coordinator)

    assert client.get(reverse("learning_register_csv"), {"flavour": "x"}).status_code == 404


def test_a_programmes_own_tag_that_looks_like_a_formula_is_defused(client, cast, coached, cases):
    tag = BarrierTag.objects.create(kind=TagKind.BARRIER, name="=cmd()", programme=cast.programme)
    cases[0].barrier_types.add(tag)
    client.force_login(cast.coordinator)

    text = client.get(reverse("learning_register_csv")).content.decode()

    assert "'=cmd()" in text


@pytest.mark.parametrize("who", ["buddy", "backup", "funder", "stranger"])
def test_the_register_is_for_coordinators_and_doorbraak_professionals(client, cast, who):
    client.force_login(getattr(cast, who))

    assert client.get(reverse("learning_register")).status_code == 404
    assert client.get(reverse("learning_register_csv")).status_code == 404


def test_a_doorbraak_professional_of_one_programme_sees_only_its_figures(client, cast, cases):
    professional = UserFactory()
    ProgrammeRoleFactory(user=professional, programme=cast.other_programme, role=Role.DOORBRAAK)
    client.force_login(professional)

    response = client.get(reverse("learning_register"), {"programme": cast.programme.slug})

    assert response.context["chosen"] is None
    assert response.context["register"].cases == 1


def _random_cases(cast, journey, seed: int, n: int) -> None:
    """n cases in both programmes with random tags (of the right kind, sometimes none), dates
    (open, solved the same day, ties), costs (none, zero, cents) and lessons (often none)."""
    rng = random.Random(seed)
    tags_for(cast.programme)
    barriers = list(BarrierTag.objects.filter(kind=TagKind.BARRIER, programme=None)[:5])
    agencies = list(BarrierTag.objects.filter(kind=TagKind.AGENCY, programme=None)[:4])
    trajectories = [
        journey(Phase.ACTIVE, buddy=UserFactory(), household__programme=programme)
        for programme in (cast.programme, cast.programme, cast.other_programme)
    ]
    for i in range(n):
        opened = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(400))
        solved = rng.choice([None, opened, opened + dt.timedelta(days=rng.randrange(1, 90))])
        case = DoorbraakCase.objects.create(
            trajectory=rng.choice(trajectories),
            barrier=BARRIER,
            opened_on=opened,
            solved_on=solved,
            costs=rng.choice([None, Decimal(0), Decimal(rng.randrange(0, 500_00)) / 100]),
            lesson=rng.choice(["", "", f"Les {i}"]),
            opened_by=cast.coordinator,
        )
        case.barrier_types.set(rng.sample(barriers, rng.randrange(0, 3)))
        case.agencies.set(rng.sample(agencies, rng.randrange(0, 3)))


@pytest.mark.parametrize(("seed", "n"), [(1, 1), (2, 7), (3, 40), (4, 90)])
def test_the_register_counted_in_the_database_equals_the_python_computation(cast, journey, seed, n):
    """The former computation in Python (`python_register`) is the oracle: every figure,
    median and lesson the same, for one programme and for both."""
    _random_cases(cast, journey, seed, n)
    for programmes in ([cast.programme], [cast.programme, cast.other_programme]):
        found, expected = learning_register(programmes), python_register(programmes)
        assert found == expected
        # Equal types too: an odd count's median stays an int, an even one's a float.
        for got, want in zip(
            found.by_type + found.by_agency, expected.by_type + expected.by_agency, strict=True
        ):
            assert type(got.median_days) is type(want.median_days), got.tag


def test_a_register_without_cases_is_empty(cast):
    register = learning_register([cast.programme])
    assert register == python_register([cast.programme])
    assert (register.cases, register.median_days, register.costs) == (0, None, Decimal(0))


@pytest.mark.parametrize("households", [2, 8])
def test_the_pages_ask_as_many_queries_for_many_cases_as_for_few(
    client, cast, journey, doorbraak_pro, django_assert_max_num_queries, households
):
    """The learning register and the case list: at most 10 queries (session, user, roles, the
    second factor, then the page's own), whatever the number of cases."""
    _random_cases(cast, journey, households, households * 6)
    client.force_login(doorbraak_pro)
    for url in (reverse("learning_register"), reverse("doorbraak_cases")):
        client.get(url)
        with django_assert_max_num_queries(10):
            assert client.get(url).status_code == 200


def test_the_kept_register_follows_each_write_to_a_case(cast, cases):
    """The register's figures are kept in the cache under the programmes' figures versions:
    a case solved later, with its costs and lesson, shows at once; a lesson written in another
    programme's case with the same tag never shows in this programme's register."""
    before = learning_register([cast.programme])
    assert learning_register([cast.programme]) == before  # now read from the cache
    debts = cases[2]
    case_services.case_update(
        case=debts,
        by=cast.coordinator,
        version=debts.version,
        barrier=BARRIER,
        blocking_rule=RULE,
        barrier_types=list(debts.barrier_types.all()),
        agencies=list(debts.agencies.all()),
        opened_on=debts.opened_on,
        solution=SOLUTION,
        decided_by="Teamleider Inkomen",
        costs=Decimal("250"),
        solved_on=dt.date(2025, 6, 8),
        lesson="Bel de deurwaarder voordat de beslagvrije voet verkeerd wordt berekend.",
    )
    elsewhere = DoorbraakCase.objects.get(trajectory__programme=cast.other_programme)
    case_services.case_update(
        case=elsewhere,
        by=cast.other_coordinator,
        version=elsewhere.version,
        barrier=BARRIER,
        barrier_types=list(elsewhere.barrier_types.all()),
        opened_on=elsewhere.opened_on,
        lesson="Een les uit een ander programma.",
    )

    after = learning_register([cast.programme])
    assert after == python_register([cast.programme])
    assert (after.solved, after.costs) == (3, Decimal("650"))
    assert after != before
    lessons = [lesson for row in after.by_type for lesson in row.lessons]
    assert "Een les uit een ander programma." not in lessons
    both = learning_register([cast.programme, cast.other_programme])
    assert both == python_register([cast.programme, cast.other_programme])
