import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from kansrijk.people.models import User

from .helpers import PASSWORD


@pytest.fixture
def with_password():
    """Give a user the tests' password (factories leave it unusable): `with_password(user)`."""

    def give(user: User) -> User:
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
        return user

    return give


@pytest.fixture
def app_of():
    """A confirmed authenticator app for the user: `app_of(user)`."""

    def make(user: User) -> TOTPDevice:
        return TOTPDevice.objects.create(user=user, name="app", confirmed=True)

    return make


@pytest.fixture
def require_two_factor(settings):
    settings.REQUIRE_TWO_FACTOR = True
