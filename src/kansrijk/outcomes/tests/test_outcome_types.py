"""The coordinator words, orders, switches off and adds the programme's outcome types."""

import pytest
from django.urls import reverse

from kansrijk.outcomes.choices import OutcomeKind
from kansrijk.outcomes.models import OutcomeType
from kansrijk.outcomes.selectors import outcome_types

pytestmark = pytest.mark.usefixtures("frozen_today")


def _url(cast):
    return reverse("outcome_types", args=[cast.programme.slug])


def _post(cast, **changed):
    """Every type as it is, with `changed` on top, as the page would send it."""
    data = {"sent": "1", "new_name": ""}
    for t in outcome_types(cast.programme, active_only=False):
        data[f"name-{t.pk}"] = t.name
        data[f"position-{t.pk}"] = t.position
        if t.active:
            data[f"active-{t.pk}"] = "on"
    for key, value in changed.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def test_the_coordinator_rewords_switches_off_and_adds_an_outcome(client, cast, kind_type):
    client.force_login(cast.coordinator)
    network = kind_type(OutcomeKind.NETWORK_GROWN)
    freeze = kind_type(OutcomeKind.DEBT_FREEZE)

    page = client.get(_url(cast))
    response = client.post(
        _url(cast),
        _post(
            cast,
            **{
                f"name-{network.pk}": "Meer mensen om zich heen",
                f"active-{freeze.pk}": None,
                "new_name": "Rijbewijs gehaald",
            },
        ),
    )

    assert page.status_code == 200
    assert response.status_code == 302
    network.refresh_from_db()
    freeze.refresh_from_db()
    assert network.label == "Meer mensen om zich heen"
    assert not freeze.active
    own = OutcomeType.objects.get(programme=cast.programme, kind=OutcomeKind.OTHER)
    assert (own.code, own.name, own.active) == ("rijbewijs-gehaald", "Rijbewijs gehaald", True)
    assert freeze not in outcome_types(cast.programme)


def test_switching_every_outcome_off_is_refused_and_changes_nothing(client, cast):
    client.force_login(cast.coordinator)
    data = {k: v for k, v in _post(cast).items() if not k.startswith("active-")}

    response = client.post(_url(cast), data)

    assert response.status_code == 422
    assert "Keep at least one outcome on" in response.content.decode()
    assert OutcomeType.objects.filter(programme=cast.programme, active=False).count() == 0


def test_a_post_without_the_types_changes_nothing(client, cast):
    client.force_login(cast.coordinator)
    outcome_types(cast.programme)

    empty = client.post(_url(cast), {})
    only_a_name = client.post(_url(cast), {"new_name": "Rijbewijs"})

    assert empty.status_code != 302 and only_a_name.status_code == 422
    assert not OutcomeType.objects.filter(active=False).exists()
    assert not OutcomeType.objects.filter(kind=OutcomeKind.OTHER).exists()


@pytest.mark.parametrize("who", ["other_coordinator", "funder", "buddy", "backup", "stranger"])
def test_only_the_programmes_coordinator_opens_it(client, cast, who):
    client.force_login(getattr(cast, who))

    assert client.get(_url(cast)).status_code == 404
    assert client.post(_url(cast), _post(cast)).status_code == 404
