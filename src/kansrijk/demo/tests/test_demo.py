import io

import pytest
from django.conf import settings
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db import transaction
from django.test import RequestFactory
from django.utils import timezone, translation

from kansrijk.access import policy
from kansrijk.access.selectors import households_consenting_to
from kansrijk.assessments.models import Assessment
from kansrijk.assessments.selectors import with_overdue_assessment
from kansrijk.contacts.models import Contact
from kansrijk.contacts.selectors import without_recent_contact
from kansrijk.core.dates import today
from kansrijk.demo.loader import DEMO_LOGINS, DEMO_PASSWORD
from kansrijk.outcomes.followup.selectors import follow_ups_due
from kansrijk.people.choices import Role
from kansrijk.people.models import Household, Organisation, Programme, ProgrammeRole, User
from kansrijk.reports.cohort import Cohort
from kansrijk.reports.results import results_report
from kansrijk.trajectories.choices import COACHING_PHASES, Phase
from kansrijk.trajectories.models import PhaseChange, Trajectory
from kansrijk.trajectories.selectors import buddy_roles_with_load

BIG_PROGRAMMES = ["kansrijk-oost", "kansrijk-west"]


def run_demo(*args: str) -> str:
    out = io.StringIO()
    call_command("demo", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def row_counts() -> dict[str, int]:
    models = [User, ProgrammeRole, Organisation, Programme, Household, Trajectory]
    models += [PhaseChange, Contact, Assessment]
    return {model.__name__: model.objects.count() for model in models}


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    """Load the demo once for a whole test class, and roll it back after the last test.

    Loading takes a second or two; each test still runs in its own savepoint inside this one.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        run_demo()
        yield
        transaction.set_rollback(True)


@pytest.mark.django_db
@pytest.mark.usefixtures("demo")
class TestTheLoadedDemo:
    @pytest.mark.parametrize("slug", BIG_PROGRAMMES)
    def test_it_loads_every_phase_in_each_big_programme(self, slug):
        phases = set(
            Trajectory.objects.filter(household__programme__slug=slug).values_list(
                "phase", flat=True
            )
        )
        assert phases == set(Phase.values)

    def test_running_it_twice_creates_no_duplicates(self):
        before = row_counts()

        out = run_demo()

        assert "loaded already" in out
        assert row_counts() == before

    def test_no_buddy_coaches_more_households_than_their_capacity(self):
        roles = [r for p in Programme.objects.all() for r in buddy_roles_with_load(p)]

        assert roles
        assert all(r.load <= r.capacity for r in roles)
        # The pairing page needs choices: some buddies still have room.
        assert any(r.load < r.capacity for r in roles)

    def test_the_demo_logins_can_log_in(self):
        for login in DEMO_LOGINS:
            # django-axes checks every login against its lockouts, so it needs the request.
            request = RequestFactory().post("/login/")
            user = authenticate(request, username=login.username, password=DEMO_PASSWORD)
            assert user is not None

    def test_the_coordinator_coordinates_kansrijk_oost_only(self):
        roles = policy.roles_of(User.objects.get(username="coordinator"))

        assert [(r.role, r.programme.slug) for r in roles] == [(Role.COORDINATOR, "kansrijk-oost")]

    def test_the_demo_buddy_coaches_two_households_one_nearly_halfway(self):
        coached = Trajectory.objects.filter(buddy__username="buddy", phase__in=COACHING_PHASES)

        assert coached.count() == 2
        assert coached.filter(phase=Phase.ACTIVE).get().assessments.count() == 1

    def test_the_backup_backs_up_several_buddies_including_the_demo_buddy(self):
        backed = ProgrammeRole.objects.filter(default_backup__username="backup")

        assert backed.count() >= 3
        assert backed.filter(user__username="buddy").exists()

    def test_people_of_wij_beijum_find_oost_households_that_consented_to_it(self):
        said = User.objects.get(first_name="Said", last_name="Ouali")
        consented = list(households_consenting_to(said))

        assert len(consented) >= 2
        assert all(policy.visible_parts(said, h, None) >= {"basic", "plan"} for h in consented)
        leger = Organisation.objects.get(name="Leger des Heils")
        assert leger.consents.filter(basic=True, plan=False).exists()

    def test_the_oost_pilot_referred_20_households_in_2019_of_which_17_closed_in_2021(self):
        pilot = Trajectory.objects.filter(
            household__programme__slug="kansrijk-oost", referred_on__year=2019
        )

        assert pilot.count() == 20
        assert pilot.filter(phase=Phase.CLOSED, ended_on__year=2021).count() == 17
        assert pilot.filter(phase=Phase.DROPPED_OUT).count() == 3

    def test_the_oost_pilot_was_followed_up_and_some_follow_ups_are_due_now(self):
        oost = Programme.objects.get(slug="kansrijk-oost")
        with translation.override("en"):
            cohort = Cohort(2019, 2019, today())
            report = results_report(programme=oost, areas=None, cohort=cohort)

        (lasted,) = [t for t in report.tables if t.caption.startswith("Did it last?")]
        rows = {str(row[0]): row[1:] for row in lasted.rows}
        assert rows["Found good housing"] == [2, 2, 0, 0]
        assert rows["Found work"] == [6, 4, 1, 1]
        assert rows["Follow or followed education"] == [6, 5, 1, 0]
        coordinator = User.objects.get(username="coordinator")
        assert follow_ups_due(coordinator, oost).exists()

    def test_the_oost_dashboard_has_households_that_need_attention(self):
        oost = Trajectory.objects.filter(household__programme__slug="kansrijk-oost")

        assert without_recent_contact(oost, settings.CONTACT_ATTENTION_DAYS).count() >= 3
        assert with_overdue_assessment(oost).exists()

    def test_every_journey_has_its_phase_changes_in_order_on_the_right_days(self):
        for trajectory in Trajectory.objects.prefetch_related("phase_changes"):
            changes = sorted(trajectory.phase_changes.all(), key=lambda c: (c.at, c.id))
            assert timezone.localdate(changes[0].at) == trajectory.referred_on
            assert [c.from_phase for c in changes[1:]] == [c.to_phase for c in changes[:-1]]
            assert changes[-1].to_phase == trajectory.phase
            if trajectory.matched_on:
                assert trajectory.referred_on < trajectory.matched_on
                assert all(trajectory.matched_on <= c.on for c in trajectory.contacts.all())


@pytest.mark.django_db
def test_if_empty_does_nothing_when_a_programme_exists(db):
    Programme.objects.create(
        name="Kansrijk Hoogkerk", slug="kansrijk-hoogkerk", started_on="2025-01-01"
    )

    out = run_demo("--if-empty")

    assert "no demo loaded" in out
    assert Programme.objects.count() == 1
    assert not User.objects.exists()


@pytest.mark.django_db
def test_if_empty_loads_into_an_empty_database(db):
    run_demo("--if-empty")

    assert Programme.objects.count() == 4


@pytest.mark.django_db
def test_logins_prints_the_logins_and_loads_nothing(db):
    out = run_demo("--logins")

    assert all(login.username in out for login in DEMO_LOGINS)
    assert DEMO_PASSWORD in out
    assert not Programme.objects.exists()
