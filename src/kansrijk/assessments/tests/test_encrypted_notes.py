"""The notes with an assessment, and with each of its domains, are stored encrypted."""

from kansrijk.assessments.choices import Moment
from kansrijk.assessments.services import assessment_record
from kansrijk.trajectories.choices import Phase
from tests.encryption import assert_encrypted_at_rest


def test_the_note_of_an_assessment_is_encrypted_at_rest(cast, journey, frozen_today):
    trajectory = journey(Phase.ACTIVE)

    assessment = assessment_record(
        trajectory=trajectory,
        by=cast.buddy,
        moment=Moment.START,
        held_on=frozen_today,
        levels=dict.fromkeys(["home", "wellbeing", "finances", "education", "work"], (2, 4)),
        notes={"wellbeing": "Sleeps badly since the letter from the bailiff."},
        with_backup=True,
        note="Drinks more since losing the job.",
    )

    assert_encrypted_at_rest(assessment, "note", "Drinks more since losing the job.")
    wellbeing = assessment.scores.get(domain__code="wellbeing")
    assert_encrypted_at_rest(wellbeing, "note", "Sleeps badly since the letter from the bailiff.")
