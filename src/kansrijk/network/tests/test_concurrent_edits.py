"""Two people changing the same map or tie never silently overwrite each other."""

import pytest
from django.test import Client
from django.urls import reverse

from kansrijk.core.errors import Overtaken, Refused
from kansrijk.network import services
from kansrijk.network.choices import Flow, Moment, Strength, TieKind
from kansrijk.network.models import NetworkMap, Tie

pytestmark = pytest.mark.usefixtures("frozen_today")


def _edit_tie(tie, by, version, strength):
    return services.tie_edit(
        tie=tie,
        by=by,
        version=version,
        name=tie.name,
        kind=tie.kind,
        strength=strength,
        flow=tie.flow,
    )


def _sister(network_map) -> Tie:
    tie = network_map.ties.get(kind=TieKind.FAMILY)
    tie.network_map = network_map
    return tie


def test_a_tie_saved_from_a_stale_version_is_refused_with_what_the_other_saved(cast, start_map):
    sister = _sister(start_map)
    _edit_tie(sister, cast.buddy, 1, Strength.WEAK)

    with pytest.raises(Overtaken) as refused:
        _edit_tie(sister, cast.coordinator, 1, Strength.NORMAL)

    assert refused.value.current.strength == Strength.WEAK
    saved = Tie.objects.get(pk=sister.pk)
    assert (saved.strength, saved.version) == (Strength.WEAK, 2)


def test_removing_a_tie_someone_just_changed_is_refused(cast, start_map):
    sister = _sister(start_map)
    _edit_tie(sister, cast.buddy, 1, Strength.WEAK)

    with pytest.raises(Overtaken):
        services.tie_remove(tie=sister, by=cast.coordinator, version=1)

    assert Tie.objects.filter(pk=sister.pk).exists()


def test_changing_a_tie_someone_just_removed_is_refused(cast, start_map):
    sister = _sister(start_map)
    services.tie_remove(tie=sister, by=cast.buddy, version=1)

    with pytest.raises(Refused, match="removed this a moment ago"):
        _edit_tie(sister, cast.coordinator, 1, Strength.STRONG)


def test_a_map_saved_from_a_stale_version_is_refused(cast, start_map):
    arguments = {"moment": Moment.START, "drawn_on": start_map.drawn_on}
    services.network_map_edit(
        network_map=start_map, by=cast.buddy, version=1, strengths="Sterk", **arguments
    )

    with pytest.raises(Overtaken) as refused:
        services.network_map_edit(
            network_map=start_map, by=cast.coordinator, version=1, strengths="Eerlijk", **arguments
        )

    assert refused.value.current.strengths == "Sterk"
    assert NetworkMap.objects.get().version == 2


def test_adding_a_tie_does_not_overtake_someone_editing_the_map(cast, start_map, make_tie):
    make_tie(start_map, "oma")

    saved = services.network_map_edit(
        network_map=start_map,
        by=cast.coordinator,
        version=1,
        moment=Moment.START,
        drawn_on=start_map.drawn_on,
        strengths="Sterk",
    )

    assert (saved.version, saved.changed_by) == (2, cast.coordinator)


def test_the_refused_page_keeps_the_input_and_shows_what_the_other_saved(cast, coached, start_map):
    sister = _sister(start_map)
    url = reverse("network_tie_edit", args=[coached.household.uuid, start_map.uuid, sister.uuid])
    buddy, coordinator = (Client(headers={"accept-language": "en"}) for _ in range(2))
    buddy.force_login(cast.buddy)
    coordinator.force_login(cast.coordinator)
    form = {
        "name": "zus",
        "who": "person",
        "kind": TieKind.FAMILY,
        "flow": Flow.SUPPORT,
        "note": "",
        "version": 1,
    }
    assert buddy.post(url, {**form, "strength": Strength.WEAK}).status_code == 302

    response = coordinator.post(url, {**form, "name": "zusje", "strength": Strength.NORMAL})

    assert response.status_code == 422
    html = response.content.decode()
    assert "Someone else changed this tie" in html
    assert "Saved just now by someone else" in html
    assert 'value="zusje"' in html
    assert response.context["form"].data["version"] == 2
    assert Tie.objects.get(pk=sister.pk).strength == Strength.WEAK
