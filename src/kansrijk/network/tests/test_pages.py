"""The network's pages: what they show, the forms, and the reads logged."""

import pytest
from django.urls import reverse

from kansrijk.access.models import AuditAction, AuditEntry
from kansrijk.network.choices import Flow, Moment, Strength, TieKind
from kansrijk.network.models import NetworkMap, Tie
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import Trajectory

pytestmark = pytest.mark.usefixtures("frozen_today")


def _url(name, trajectory, *args):
    return reverse(name, args=[trajectory.household.uuid, *args])


def test_the_network_page_shows_the_latest_map_as_a_picture_and_a_table(
    client, cast, coached, start_map
):
    client.force_login(cast.buddy)

    response = client.get(_url("network", coached))

    assert response.status_code == 200
    html = response.content.decode()
    assert '<svg class="ecomap__svg"' in html
    assert f'aria-labelledby="map-{start_map.uuid.hex[:8]}-title' in html
    assert "<desc id=" in html and "3 ties around it" in html
    for name in ("zus", "buurvrouw Els", "WIJ-team"):
        assert html.count(name) >= 2, name  # in the drawing and in the table
    assert "Kookt graag; goed met de kinderen." in html
    assert reverse("network_tie_new", args=[coached.household.uuid, start_map.uuid]) in html
    assert 'style="' not in html
    entry = AuditEntry.objects.get(action=AuditAction.VIEW)
    assert (entry.detail, entry.role, entry.actor) == ("network map", "buddy", cast.buddy)


def test_without_a_map_the_page_invites_the_first(client, cast, coached):
    client.force_login(cast.buddy)

    response = client.get(_url("network", coached))

    assert "No network map yet" in response.content.decode()
    assert _url("network_new", coached) in response.content.decode()


def test_a_later_map_says_what_changed_since_the_one_before(
    client, cast, coached, start_map, make_map, make_tie
):
    halfway = make_map(coached, moment=Moment.HALFWAY, copy_from=start_map)
    make_tie(halfway, "taalmaatje", kind=TieKind.FRIENDS)
    make_tie(halfway, "voedselbank", kind=TieKind.WORK, is_organisation=True)
    client.force_login(cast.buddy)

    response = client.get(_url("network", coached))

    html = response.content.decode()
    assert response.context["page"].shown.network_map == halfway
    assert "2 ties more, 1 new person, 1 new organisation." in html
    assert f"?from={start_map.uuid}&amp;to={halfway.uuid}" in html
    earlier = client.get(_url("network_map", coached, start_map.uuid))
    assert earlier.context["page"].shown.network_map == start_map
    assert earlier.context["page"].comparison is None


def test_the_comparison_shows_both_maps_with_the_same_sectors(
    client, cast, coached, start_map, make_map, make_tie
):
    end = make_map(coached, moment=Moment.END, copy_from=start_map)
    sister = end.ties.get(kind=TieKind.FAMILY)
    Tie.objects.filter(pk=sister.pk).update(strength=Strength.WEAK)
    make_tie(end, "trainer", kind=TieKind.CLUBS)
    client.force_login(cast.coordinator)

    response = client.get(_url("network_compare", coached))

    assert response.status_code == 200
    page = response.context["page"]
    assert (page.before.network_map, page.after.network_map) == (start_map, end)
    assert [s.kind for s in page.before.ecomap.sectors] == [
        s.kind for s in page.after.ecomap.sectors
    ]
    html = response.content.decode()
    assert "1 tie more, 1 weaker, 1 new person." in html
    assert html.count('class="ecomap__svg"') == 2
    assert AuditEntry.objects.get(action=AuditAction.VIEW).detail == "network comparison"


def test_the_comparison_takes_the_two_moments_chosen_in_either_order(
    client, cast, coached, start_map, make_map
):
    halfway = make_map(coached, moment=Moment.HALFWAY, copy_from=start_map)
    end = make_map(coached, moment=Moment.END, copy_from=halfway)
    client.force_login(cast.buddy)

    response = client.get(_url("network_compare", coached) + f"?from={end.uuid}&to={halfway.uuid}")

    page = response.context["page"]
    assert (page.before.network_map, page.after.network_map) == (halfway, end)
    nonsense = client.get(_url("network_compare", coached) + "?from=nonsense&to=")
    assert nonsense.context["page"].before.network_map == start_map


def test_one_map_is_not_enough_to_compare(client, cast, coached, start_map):
    client.force_login(cast.buddy)

    response = client.get(_url("network_compare", coached))

    assert response.status_code == 200
    assert "One map is not enough to compare" in response.content.decode()


def test_a_first_map_is_made_and_the_buddy_adds_ties_one_after_another(client, cast, coached):
    client.force_login(cast.buddy)
    assert client.get(_url("network_new", coached)).status_code == 200

    response = client.post(
        _url("network_new", coached),
        {"moment": Moment.START, "drawn_on": coached.matched_on, "start_from": "empty"},
    )

    network_map = NetworkMap.objects.get()
    assert response["Location"] == _url("network_tie_new", coached, network_map.uuid)
    tie = {"who": "person", "kind": TieKind.FAMILY, "strength": "strong", "flow": "support"}
    added = client.post(response["Location"], {**tie, "name": "zus", "another": "1"})
    assert added["Location"] == response["Location"]
    last = client.post(response["Location"], {**tie, "name": "school", "who": "organisation"})
    assert last["Location"] == _url("network_map", coached, network_map.uuid) + "#ties"
    assert [(t.name, t.is_organisation) for t in network_map.ties.order_by("id")] == [
        ("zus", False),
        ("school", True),
    ]


def test_a_new_moment_starts_as_a_copy_of_the_latest_map(
    client, cast, coached, start_map, frozen_today
):
    client.force_login(cast.buddy)
    form = client.get(_url("network_new", coached)).context["form"]
    assert form["start_from"].initial == start_map.uuid.hex
    assert form["moment"].initial == Moment.HALFWAY

    response = client.post(
        _url("network_new", coached),
        {"moment": Moment.HALFWAY, "drawn_on": frozen_today, "start_from": start_map.uuid.hex},
    )

    halfway = NetworkMap.objects.get(moment=Moment.HALFWAY)
    assert response["Location"] == _url("network_map", coached, halfway.uuid) + "#ties"
    assert halfway.ties.count() == 3


def test_a_refused_map_says_why_and_saves_nothing(client, cast, coached, start_map):
    client.force_login(cast.buddy)

    response = client.post(
        _url("network_new", coached),
        {"moment": Moment.START, "drawn_on": coached.matched_on, "start_from": "empty"},
    )

    assert response.status_code == 422
    assert "has a start map already" in response.content.decode()
    assert NetworkMap.objects.count() == 1


def test_a_tie_without_a_name_is_refused(client, cast, coached, start_map):
    client.force_login(cast.buddy)

    response = client.post(
        _url("network_tie_new", coached, start_map.uuid),
        {"name": "", "who": "person", "kind": "family", "strength": "normal", "flow": "support"},
    )

    assert response.status_code == 422
    assert start_map.ties.count() == 3


def test_a_tie_is_changed_and_taken_off_the_map(client, cast, coached, start_map):
    neighbour = start_map.ties.get(kind=TieKind.NEIGHBOURS)
    client.force_login(cast.buddy)
    edit = _url("network_tie_edit", coached, start_map.uuid, neighbour.uuid)
    page = client.get(edit)
    assert page.context["form"].initial["name"] == "buurvrouw Els"

    client.post(
        edit,
        {
            "name": "buurvrouw Els",
            "who": "person",
            "kind": TieKind.NEIGHBOURS,
            "strength": Strength.STRONG,
            "flow": Flow.BOTH,
            "note": "Helpt met de post",
            "version": 1,
        },
    )
    neighbour.refresh_from_db()
    assert (neighbour.strength, neighbour.flow, neighbour.note, neighbour.version) == (
        Strength.STRONG,
        Flow.BOTH,
        "Helpt met de post",
        2,
    )

    asked = client.post(
        _url("network_tie_remove", coached, start_map.uuid, neighbour.uuid), {"version": 2}
    )
    # The first tap asks what it will change; only the confirmation takes the tie off.
    assert asked.status_code == 200
    assert "Take buurvrouw Els off this map?" in asked.content.decode()
    assert Tie.objects.filter(pk=neighbour.pk).exists()
    removed = client.post(
        _url("network_tie_remove", coached, start_map.uuid, neighbour.uuid),
        {"version": 2, "confirm": "yes"},
    )

    assert removed["Location"] == _url("network_map", coached, start_map.uuid) + "#ties"
    assert not Tie.objects.filter(pk=neighbour.pk).exists()


def test_removing_needs_the_version_seen(client, cast, coached, start_map):
    neighbour = start_map.ties.get(kind=TieKind.NEIGHBOURS)
    client.force_login(cast.buddy)

    response = client.post(_url("network_tie_remove", coached, start_map.uuid, neighbour.uuid))

    assert response.status_code == 302
    assert Tie.objects.filter(pk=neighbour.pk).exists()
    assert (
        client.get(_url("network_tie_remove", coached, start_map.uuid, neighbour.uuid)).status_code
        == 405
    )


def test_what_goes_well_is_written_on_the_map(client, cast, coached, start_map):
    client.force_login(cast.buddy)

    response = client.post(
        _url("network_map_edit", coached, start_map.uuid),
        {
            "moment": Moment.START,
            "drawn_on": start_map.drawn_on,
            "strengths": "Doorzetter. Lacht veel.",
            "version": 1,
        },
    )

    assert response.status_code == 302
    start_map.refresh_from_db()
    assert (start_map.strengths, start_map.version) == ("Doorzetter. Lacht veel.", 2)


def test_after_the_year_the_coordinator_still_reads_the_map_but_cannot_change_it(
    client, cast, coached, start_map
):
    Trajectory.objects.filter(pk=coached.pk).update(phase=Phase.CLOSED)
    client.force_login(cast.coordinator)

    response = client.get(_url("network", coached))

    assert response.status_code == 200
    assert not response.context["editable"]
    assert _url("network_new", coached) not in response.content.decode()
    assert client.get(_url("network_new", coached)).status_code == 404
    assert client.get(_url("network_tie_new", coached, start_map.uuid)).status_code == 404


def test_the_household_page_links_the_map_for_those_who_may_see_it(client, cast, coached):
    url = reverse("household", args=[coached.household.uuid])
    network = _url("network", coached)
    client.force_login(cast.buddy)
    assert network in client.get(url).content.decode()

    client.force_login(cast.backup)  # consent for the basics and assessments, not the plan
    response = client.get(url)

    assert response.status_code == 200
    assert network not in response.content.decode()
