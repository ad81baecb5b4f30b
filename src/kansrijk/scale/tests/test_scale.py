"""The role pages ask as many queries for a big programme as for a small one (generated data),
and every key page of `make bench` at most `KEY_PAGE_QUERIES`, the signed-in user's read
included."""

import pytest
from django.db.models import Count, Value
from django.db.models.functions import Concat
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.people.choices import Role
from kansrijk.people.models import Household, Programme, ProgrammeRole, User
from kansrijk.scale.generate import SLUG_PREFIX, generate, generated_programmes
from kansrijk.trajectories.choices import COACHING_PHASES
from kansrijk.trajectories.models import Trajectory

# The goal for every key page (bench/pages.py), at every size.
KEY_PAGE_QUERIES = 10
KEY_PAGES = {
    "buddy home",
    "household page",
    "plan page",
    "backup home",
    "dashboard",
    "funder start page",
    "programme report",
    "results report",
    "Doorbraak cases",
    "Doorbraak register",
}


def queries_of_the_pages(client, django_db_connection) -> tuple[dict[str, int], int]:
    """Queries per page, and how many households the measured backup's home lists."""
    programme = generated_programmes().get()
    coordinator = ProgrammeRole.objects.get(programme=programme, role=Role.COORDINATOR).user
    buddy = (
        User.objects.filter(
            buddy_trajectories__household__programme=programme,
            buddy_trajectories__phase__in=COACHING_PHASES,
        )
        .annotate(n=Count("buddy_trajectories"))
        .order_by("-n")
        .first()
    )
    journey = buddy.buddy_trajectories.filter(phase__in=COACHING_PHASES).first()
    backup, household = journey.backup, journey.household.uuid
    # A buddy coaches at most two households, a backup backs up a handful: in the big
    # programme this backup backs up every coached household, so their home lists many more.
    Trajectory.objects.filter(programme=programme, phase__in=COACHING_PHASES).update(backup=backup)
    national = {
        role: ProgrammeRole.objects.get(programme=programme, role=role).user
        for role in (Role.FUNDER, Role.DOORBRAAK)
    }
    slug = programme.slug
    counts = {}
    for name, user, url in (
        ("backup home", backup, reverse("backup_home")),
        ("funder start page", national[Role.FUNDER], reverse("figures")),
        ("Doorbraak cases", national[Role.DOORBRAAK], reverse("doorbraak_cases")),
        ("dashboard", coordinator, reverse("programme", args=[programme.slug])),
        ("households", coordinator, reverse("programme_households", args=[programme.slug])),
        ("waiting list", coordinator, reverse("waiting_list", args=[programme.slug])),
        ("buddy home", buddy, reverse("buddy_home")),
        ("household page", buddy, reverse("household", args=[household])),
        ("plan page", buddy, reverse("plan", args=[household])),
        ("programme report", national[Role.FUNDER], reverse("programme_report", args=[slug])),
        ("results report", coordinator, reverse("results", args=[slug])),
        ("Doorbraak register", national[Role.DOORBRAAK], reverse("learning_register")),
    ):
        client.force_login(user)
        client.get(url)
        with CaptureQueriesContext(django_db_connection) as queries:
            assert client.get(url).status_code == 200
        counts[name] = len(queries.captured_queries)
    client.force_login(backup)
    return counts, len(client.get(reverse("backup_home")).context["coached"])


@pytest.fixture
def django_db_connection(db):
    from django.db import connection

    return connection


def test_role_pages_ask_no_more_queries_for_five_times_the_households(
    client, frozen_today, django_db_connection
):
    generate(30, per_programme=30, years=3, seed=11)
    small, backed_small = queries_of_the_pages(client, django_db_connection)
    # Put the small programme aside (generate makes one database's worth once) and make a
    # programme five times as big beside it.
    Programme.objects.filter(slug__startswith=SLUG_PREFIX).update(
        slug="small-programme", name="Small programme"
    )
    User.objects.filter(username__startswith="schaal").update(
        username=Concat(Value("small-"), "username")
    )
    generate(150, per_programme=150, years=3, seed=12)
    assert Household.objects.count() == 180
    big, backed_big = queries_of_the_pages(client, django_db_connection)
    assert backed_big >= backed_small + 10  # the backup's home really lists more
    for page, n in big.items():
        assert n <= small[page], (page, small[page], n)
    assert set(big) >= KEY_PAGES
    over = {
        page: n
        for page, n in {**small, **big}.items()
        if page in KEY_PAGES and n > KEY_PAGE_QUERIES
    }
    assert not over, over
