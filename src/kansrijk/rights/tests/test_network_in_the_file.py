"""The network map is the participant's data: in their download, and gone when erased."""

import pytest

from kansrijk.network.choices import Moment
from kansrijk.network.models import NetworkMap, Tie
from kansrijk.rights.export import household_export
from kansrijk.rights.pdf import export_pdf
from kansrijk.rights.services import household_erase
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.services import trajectory_drop_out

pytestmark = pytest.mark.usefixtures("frozen_today")


def test_the_download_holds_every_map_with_its_ties(coached, start_map, make_map, make_tie):
    halfway = make_map(coached, moment=Moment.HALFWAY, copy_from=start_map)
    make_tie(halfway, "taalmaatje", kind="friends", note="Elke dinsdag in de bieb")

    data = household_export(coached.household, language="nl")

    maps = data["trajectories"][0]["network_maps"]
    assert [m["moment"] for m in maps] == [
        {"value": "start", "label": "begin"},
        {"value": "halfway", "label": "halverwege"},
    ]
    assert maps[0]["what_goes_well"] == "Kookt graag; goed met de kinderen."
    assert [t["name"] for t in maps[1]["ties"]] == [
        "zus",
        "buurvrouw Els",
        "WIJ-team",
        "taalmaatje",
    ]
    tie = maps[1]["ties"][3]
    assert tie["note"] == "Elke dinsdag in de bieb"
    assert tie["kind"]["value"] == "friends" and tie["what_it_does"]["value"] == "support"
    assert maps[0]["ties"][2]["organisation"] is True
    assert export_pdf(data).startswith(b"%PDF")


def test_erasure_removes_the_maps_and_leaves_other_households_alone(
    cast, coached, start_map, journey, make_map, make_tie
):
    other = journey(Phase.AFTERCARE, buddy=None)
    kept = make_map(other, by=cast.coordinator)
    make_tie(kept, "oma", by=cast.coordinator)
    trajectory_drop_out(
        trajectory=coached,
        by=cast.coordinator,
        reason="participant_stopped",
        on=coached.matched_on,
        note="",
        version=coached.version,
    )

    household_erase(household=coached.household, by=cast.coordinator, reason="Gevraagd.")

    assert not NetworkMap.objects.filter(trajectory=coached).exists()
    assert not Tie.objects.filter(network_map=start_map).exists()
    assert Tie.objects.filter(network_map=kept).count() == 1
