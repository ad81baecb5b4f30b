"""The coordinator chooses the programme's life domains; nobody else may open the page."""

import pytest
from django.urls import reverse

from kansrijk.core.errors import Refused
from kansrijk.frameworks.models import ProgrammeFramework
from kansrijk.frameworks.selectors import default_framework, framework_for
from kansrijk.frameworks.services import new_version, programme_framework_choose
from kansrijk.frameworks.shipped import BROAD
from tests.factories import shipped_framework


def _url(cast) -> str:
    return reverse("programme_framework", args=[cast.programme.slug])


def _post(client, cast, chosen: str, current: str = "kansrijk-five@1"):
    return client.post(_url(cast), {"framework": chosen, "current": current})


def test_the_coordinator_sees_the_domains_and_what_each_level_means(client, cast):
    client.force_login(cast.coordinator)

    response = client.get(_url(cast))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Kansrijk Oost uses “Five life domains” for new assessments." in html
    assert "Eleven life areas" in html
    assert "Not enough money for food or rent; debts are out of control." in html
    assert "taking part in the community" in html.lower()


def test_a_choice_made_by_someone_else_meanwhile_is_not_overwritten(client, cast):
    broad = shipped_framework(BROAD)
    ProgrammeFramework.objects.create(programme=cast.programme, framework=broad)
    client.force_login(cast.coordinator)

    # The page was opened while the default was still chosen.
    response = _post(client, cast, "kansrijk-five@1", current="kansrijk-five@1")

    assert response.status_code == 422
    assert "Someone else chose other life domains in the meantime" in response.content.decode()
    assert framework_for(cast.programme) == broad


def test_the_service_refuses_an_older_version_and_other_programmes_coordinators(cast):
    first = default_framework()
    new_version(first)

    with pytest.raises(Refused, match="newest version"):
        programme_framework_choose(
            programme=cast.programme, framework=first, by=cast.coordinator, current=first
        )
    with pytest.raises(Refused, match="Only the coordinator"):
        programme_framework_choose(
            programme=cast.programme,
            framework=shipped_framework(BROAD),
            by=cast.other_coordinator,
            current=framework_for(cast.programme),
        )
    assert not ProgrammeFramework.objects.exists()


@pytest.mark.parametrize("who", ["buddy", "backup", "funder", "other_coordinator", "stranger"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_nobody_but_the_programmes_coordinator_opens_the_page(client, cast, who, method):
    client.force_login(getattr(cast, who))

    response = getattr(client, method)(_url(cast), {"framework": "kansrijk-eleven@1"})

    assert response.status_code == 404
    assert not ProgrammeFramework.objects.exists()
