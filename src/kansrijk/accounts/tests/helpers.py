"""What the signing-in tests do again and again: know a password, read a code off the app."""

from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "een-lang-wachtwoord-voor-tests"


def code_for(device: TOTPDevice, *, steps_later: int = 0) -> str:
    """The code the user's app shows now (or that many 30-second steps later)."""
    if device.pk is not None:
        device.refresh_from_db()
    value = totp(device.bin_key, device.step, device.t0, device.digits, steps_later)
    return f"{value:0{device.digits}d}"


def wrong_code_for(device: TOTPDevice) -> str:
    """A well-formed code that is none of those the device accepts right now."""
    accepted = {code_for(device, steps_later=steps) for steps in (-1, 0, 1)}
    return next(code for code in ("123456", "654321", "111111") if code not in accepted)


def log_in(client: Client, username: str, password: str = PASSWORD, **extra):
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


def pass_second_factor(client: Client, device: TOTPDevice) -> None:
    response = client.post(reverse("two_factor"), {"code": code_for(device), "next": "/"})
    assert response.status_code == 302, response.content.decode()


def pending_app(client: Client) -> TOTPDevice:
    """The app being set up, as the user's phone holds it after scanning the setup page: its
    secret is in the session until a code from it is typed (nothing is stored before)."""
    from kansrijk.accounts.services import PENDING_SECRET

    return TOTPDevice(name="app", key=client.session[PENDING_SECRET])
