"""Who may sign a household up and who decides on a referral. Who may *read* a household is
`access`'s."""

from kansrijk.access import policy
from kansrijk.people.choices import Role
from kansrijk.people.models import Programme, User

from .models import PartnerReferral


def may_refer(user: User, programme: Programme | None = None) -> bool:
    """A referrer (of `programme`, or of any programme) who works for a partner organisation:
    a referral is always sent for that organisation."""
    return user.organisation_id is not None and policy.has_role(user, Role.REFERRER, programme)


def may_decide(user: User, referral: PartnerReferral) -> bool:
    """The coordinator of the referral's programme accepts or declines it (while it waits: the
    service checks that under the referral's lock)."""
    return policy.has_role(user, Role.COORDINATOR, referral.programme)


def sees_inbox(user: User, programme: Programme) -> bool:
    """A programme's inbox of referrals is for its coordinators."""
    return policy.has_role(user, Role.COORDINATOR, programme)
