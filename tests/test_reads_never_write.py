"""Reads never write: every GET page of the product, asked by everyone allowed to use it,
changes nothing in the database but its own audit entry and the visitor's session.

The pages and who may use them come from the leak matrix (`RULES`), so a new page is asked
here as soon as its rule is written down there. Shipped defaults (frameworks, goal templates,
barrier tags, a programme's outcome types) come from migrations and from the write that makes
a programme, never from a page that only shows them.
"""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.test_leak_matrix import RULES, VISITORS, World, _allowed, _url_names

pytestmark = pytest.mark.usefixtures("frozen_today")

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)
# What a read may write: the NEN 7513 trail of who read the file, and the session it rode on.
ALLOWED_WRITES = (
    re.compile(r'^\s*INSERT\s+INTO\s+"access_auditentry"', re.IGNORECASE),
    re.compile(r'^\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"django_session"', re.IGNORECASE),
)


def _writes(queries: list[dict]) -> list[str]:
    """The statements among `queries` that change a table other than the audit and sessions."""
    return [
        q["sql"]
        for q in queries
        if WRITE.match(q["sql"]) and not any(p.match(q["sql"]) for p in ALLOWED_WRITES)
    ]


def test_the_write_check_tells_a_read_from_a_write():
    queries = [
        {"sql": 'SELECT "plans_goal"."id" FROM "plans_goal"'},
        {"sql": 'INSERT INTO "access_auditentry" ("actor_id") VALUES (1)'},
        {"sql": 'UPDATE "django_session" SET "expire_date" = now()'},
        {"sql": 'INSERT INTO "plans_goaltemplate" ("text") VALUES (\'x\')'},
        {"sql": 'UPDATE "access_auditentry" SET "detail" = \'\''},
    ]
    assert _writes(queries) == [queries[3]["sql"], queries[4]["sql"]]


def test_no_get_page_writes_anything_but_its_audit_entry_and_the_session(cast, capsys):
    world = World(cast)
    # Logging out is asked last: after it the visitor is nobody for the pages that follow.
    names = sorted(_url_names() & set(RULES), key=lambda name: (name == "logout", name))
    writes, asked = [], 0
    for visitor in VISITORS:
        client = Client(headers={"accept-language": "en"})
        if world.users[visitor] is not None:
            client.force_login(world.users[visitor])
        for name in names:
            if not _allowed(name, visitor):
                continue
            with CaptureQueriesContext(connection) as captured:
                response = client.get(world.url(name))
                if getattr(response, "streaming", False):
                    b"".join(response.streaming_content)  # a download may read as it streams
            asked += 1
            writes += [
                f"{visitor} GET {name}: {sql[:160]}" for sql in _writes(captured.captured_queries)
            ]
    with capsys.disabled():
        print(f"\nreads never write: {asked} GET requests, {len(writes)} writes")
    assert asked > 100  # the matrix really asked the pages
    assert not writes, "\n".join(writes)


def test_shipped_defaults_are_read_as_the_migrations_left_them_never_installed(cast):
    from kansrijk.escalation.models import BarrierTag
    from kansrijk.escalation.selectors import tags_for
    from kansrijk.frameworks.models import Framework
    from kansrijk.frameworks.selectors import default_framework, frameworks_to_choose
    from kansrijk.frameworks.shipped import BROAD
    from kansrijk.plans.models import GoalTemplate
    from kansrijk.plans.selectors import goal_templates

    # A programme that removed every shipped row it may remove (the admin lets it).
    GoalTemplate.objects.all().delete()
    BarrierTag.objects.all().delete()
    Framework.objects.filter(slug=BROAD.slug).delete()
    domains = list(default_framework().domains.all())
    with CaptureQueriesContext(connection) as captured:
        templates = goal_templates(domains)
        tags = tags_for(cast.programme)
        frameworks = frameworks_to_choose()
    assert _writes(captured.captured_queries) == []
    assert templates == {}
    assert all(found == [] for found in tags.values())
    assert frameworks == [default_framework()]
