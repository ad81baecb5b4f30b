"""The guided intake: saved step by step, so leaving halfway loses nothing."""

import re

import pytest
from django.urls import reverse

from kansrijk.core.errors import Refused
from kansrijk.intake.models import Intake
from kansrijk.intake.selectors import referral_stress_for
from kansrijk.intake.services import intake_complete, intake_save_step
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import Trajectory
from tests.encryption import TOKEN_PREFIX, stored
from tests.factories import ReferralFactory

pytestmark = pytest.mark.usefixtures("frozen_today")

# Per step: what the coordinator posts, and a text the step shows again when it is reopened.
STEP_POSTS = {
    "basics": (
        {"stress_now": "A letter from the bailiff.", "stress_sources": ["debts", "eviction"]},
        "A letter from the bailiff.",
    ),
    "wishes": ({"wishes": "Sleep without worrying."}, "Sleep without worrying."),
    "strengths": (
        {
            "strengths": "Good with numbers.",
            "network": "Her sister.",
            "availability_slots": ["evenings"],
            "availability": "Not on Wednesdays.",
            "notes": "Was in hospital.",
        },
        "Was in hospital.",
    ),
}


@pytest.fixture
def coordinator_client(client, cast):
    client.force_login(cast.coordinator)
    return client


def _post_step(client, trajectory, slug, **data):
    version = Trajectory.objects.get(pk=trajectory.pk).version
    url = reverse("intake_step", args=[trajectory.household.uuid, slug])
    return client.post(url, {"version": str(version), **data})


def _save(trajectory, by, step, **data):
    version = Trajectory.objects.get(pk=trajectory.pk).version
    return intake_save_step(trajectory=trajectory, by=by, step=step, data=data, version=version)


@pytest.mark.parametrize("slug", list(STEP_POSTS))
def test_each_step_saves_and_comes_back_filled_in(coordinator_client, journey, slug):
    trajectory = journey(Phase.INTAKE)
    data, shown = STEP_POSTS[slug]

    response = _post_step(coordinator_client, trajectory, slug, **data)
    page = coordinator_client.get(reverse("intake_step", args=[trajectory.household.uuid, slug]))

    assert response.status_code == 302
    assert shown in page.content.decode()
    assert Trajectory.objects.get(pk=trajectory.pk).phase == Phase.INTAKE


def test_the_steps_store_the_choices_and_the_notes(coordinator_client, journey):
    trajectory = journey(Phase.INTAKE)

    for slug, (data, _shown) in STEP_POSTS.items():
        _post_step(coordinator_client, trajectory, slug, **data)

    intake = Intake.objects.get(trajectory=trajectory)
    assert intake.stress_source_list == ["debts", "eviction"]
    assert intake.availability_slots == ["evenings"]
    assert intake.notes == "Was in hospital."
    assert intake.steps_saved == [1, 2, 3]
    assert intake.completed_at is None
    basics = coordinator_client.get(
        reverse("intake_step", args=[trajectory.household.uuid, "basics"])
    )
    assert re.search(r'value="eviction"[^>]* checked', basics.content.decode())


def test_leaving_after_step_2_and_opening_the_intake_again_resumes_at_step_3(
    coordinator_client, journey
):
    trajectory = journey(Phase.INTAKE)
    _post_step(coordinator_client, trajectory, "basics", stress_now="The energy bill.")
    saved = _post_step(coordinator_client, trajectory, "wishes", wishes="A calm month.")

    again = coordinator_client.get(reverse("intake", args=[trajectory.household.uuid]))
    household = coordinator_client.get(reverse("household", args=[trajectory.household.uuid]))

    assert saved["Location"] == reverse(
        "intake_step", args=[trajectory.household.uuid, "strengths"]
    )
    assert again.context["step"].slug == "strengths"
    assert "Step 3 of 5" in again.content.decode()
    intake = Intake.objects.get(trajectory=trajectory)
    assert (intake.stress_now, intake.wishes) == ("The energy bill.", "A calm month.")
    assert "Intake: step 2 of 5 saved" in household.content.decode()


def test_the_check_page_shows_every_answer_with_a_change_link_per_step(coordinator_client, journey):
    trajectory = journey(Phase.INTAKE)
    for slug, (data, _shown) in STEP_POSTS.items():
        _post_step(coordinator_client, trajectory, slug, **data)

    response = coordinator_client.get(reverse("intake", args=[trajectory.household.uuid]))
    page = coordinator_client.get(reverse("intake_finish", args=[trajectory.household.uuid]))

    text = page.content.decode()
    assert response["Location"] == reverse("intake_picture", args=[trajectory.household.uuid])
    for answer in ("A letter from the bailiff.", "threat of eviction", "Her sister."):
        assert answer in text
    for slug in [*STEP_POSTS, "first-picture"]:
        assert reverse("intake_step", args=[trajectory.household.uuid, slug]) in text


def test_step_1_starts_from_what_the_referral_said_about_stress_and_says_so(
    coordinator_client, journey
):
    trajectory = journey(Phase.INTAKE)
    ReferralFactory(trajectory=trajectory, stress_sources="A letter about eviction.")

    page = coordinator_client.get(reverse("intake", args=[trajectory.household.uuid]))

    form = page.context["form"]
    assert form["stress_now"].value() == "A letter about eviction."
    assert "From the referral" in page.content.decode()
    assert not Intake.objects.filter(trajectory=trajectory).exists()


def test_the_carried_stress_is_saved_only_with_the_step_and_then_the_saved_words_count(
    coordinator_client, journey
):
    trajectory = journey(Phase.INTAKE)
    ReferralFactory(trajectory=trajectory, stress_sources="A letter about eviction.")

    _post_step(coordinator_client, trajectory, "basics", stress_now="The energy bill.")
    again = coordinator_client.get(
        reverse("intake_step", args=[trajectory.household.uuid, "basics"])
    )

    assert Intake.objects.get(trajectory=trajectory).stress_now == "The energy bill."
    assert again.context["form"]["stress_now"].value() == "The energy bill."
    assert "From the referral" not in again.content.decode()


def test_the_referrals_stress_reaches_only_who_may_see_the_sensitive_notes(cast, journey):
    trajectory = journey(Phase.INTAKE)
    ReferralFactory(trajectory=trajectory, stress_sources="A letter about eviction.")

    assert referral_stress_for(cast.coordinator, trajectory) == "A letter about eviction."
    # The backup has consent for the basic details and the assessments, not the sensitive notes.
    assert referral_stress_for(cast.backup, trajectory) == ""


def test_finishing_without_wishes_is_refused_naming_the_step(cast, journey, snapshot, frozen_today):
    trajectory = journey(Phase.INTAKE)
    _save(trajectory, cast.coordinator, 1, stress_now="The energy bill.")
    before = snapshot(trajectory)

    with pytest.raises(Refused, match=r"Step 2, “What do you want\?”, is not filled in yet\."):
        intake_complete(
            trajectory=trajectory, by=cast.coordinator, held_on=frozen_today, version=before.version
        )

    before.assert_unchanged()
    assert Intake.objects.get().completed_at is None


def test_finishing_moves_the_household_to_matching_with_a_phase_change_and_an_audit_entry(
    cast, journey, snapshot, frozen_today
):
    trajectory = journey(Phase.INTAKE)
    _save(trajectory, cast.coordinator, 1, stress_now="The energy bill.")
    _save(trajectory, cast.coordinator, 2, wishes="A calm month.")
    before = snapshot(trajectory)

    intake = intake_complete(
        trajectory=trajectory, by=cast.coordinator, held_on=frozen_today, version=before.version
    )

    before.assert_moved(to=Phase.MATCHING, by=cast.coordinator)
    assert (intake.held_on, intake.wishes) == (frozen_today, "A calm month.")
    assert intake.completed_at is not None


def test_a_step_saved_on_a_stale_version_is_refused_and_nothing_is_overwritten(
    cast, journey, snapshot
):
    trajectory = journey(Phase.INTAKE)
    seen = trajectory.version
    _save(trajectory, cast.coordinator, 2, wishes="What the first coordinator wrote.")
    before = snapshot(trajectory)

    with pytest.raises(Refused, match="Someone else changed"):
        intake_save_step(
            trajectory=trajectory,
            by=cast.coordinator,
            step=2,
            data={"wishes": "An older page."},
            version=seen,
        )

    before.assert_unchanged()
    assert Intake.objects.get().wishes == "What the first coordinator wrote."


def test_a_stale_step_page_answers_422_with_the_reason(coordinator_client, journey):
    trajectory = journey(Phase.INTAKE)
    _post_step(coordinator_client, trajectory, "wishes", wishes="First.")

    response = coordinator_client.post(
        reverse("intake_step", args=[trajectory.household.uuid, "wishes"]),
        {"version": str(trajectory.version), "wishes": "Second."},
    )

    assert response.status_code == 422
    assert "Someone else changed this household" in response.content.decode()
    assert Intake.objects.get().wishes == "First."


@pytest.mark.parametrize("who", ["buddy", "backup", "funder", "other_coordinator"])
def test_only_the_programmes_coordinator_fills_in_the_intake(client, cast, journey, who):
    trajectory = journey(Phase.INTAKE)
    uuid = trajectory.household.uuid
    client.force_login(getattr(cast, who))
    urls = [
        reverse("intake", args=[uuid]),
        reverse("intake_step", args=[uuid, "basics"]),
        reverse("intake_finish", args=[uuid]),
    ]

    answers = [client.get(url).status_code for url in urls]
    answers += [client.post(url, {"version": "1", "stress_now": "x"}).status_code for url in urls]

    assert answers == [404] * 6
    assert not Intake.objects.exists()
    with pytest.raises(Refused, match="Only a coordinator of this programme"):
        _save(trajectory, getattr(cast, who), 1, stress_now="x")


def test_a_step_that_does_not_exist_is_404(coordinator_client, journey):
    trajectory = journey(Phase.INTAKE)

    response = coordinator_client.get(
        reverse("intake_step", args=[trajectory.household.uuid, "nothing"])
    )

    assert response.status_code == 404


def test_the_steps_cannot_be_saved_outside_the_intake_phase(cast, journey):
    trajectory = journey(Phase.MATCHING)

    with pytest.raises(Refused, match="only be filled in"):
        _save(trajectory, cast.coordinator, 2, wishes="Late.")

    assert not Intake.objects.exists()


def test_the_free_text_answers_are_encrypted_at_rest(cast, journey):
    trajectory = journey(Phase.INTAKE)
    texts = {
        "stress_now": "Gambling debts.",
        "stress_sources": "debts,health",
        "wishes": "To sleep without worrying.",
        "strengths": "Good with numbers.",
        "network": "Her sister.",
        "notes": "Was in hospital.",
    }
    _save(
        trajectory,
        cast.coordinator,
        1,
        stress_now=texts["stress_now"],
        stress_sources="debts,health",
    )
    _save(trajectory, cast.coordinator, 2, wishes=texts["wishes"])
    _save(
        trajectory,
        cast.coordinator,
        3,
        strengths=texts["strengths"],
        network=texts["network"],
        notes=texts["notes"],
    )

    intake = Intake.objects.get()
    for name, text in texts.items():
        raw = stored(intake, name)
        assert raw.startswith(TOKEN_PREFIX), name
        assert text not in raw
        assert getattr(intake, name) == text
