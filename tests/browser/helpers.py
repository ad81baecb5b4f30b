"""What a person does in the browser again and again: log in, log out, wait for htmx."""

import re

from playwright.sync_api import Page, expect

PASSWORD = "een-lang-wachtwoord"


def portal_account(trajectory, *, by, email: str):
    """The participant of this journey with her own portal login (password PASSWORD)."""
    from kansrijk.access.services import participant_account_create

    user = participant_account_create(
        household=trajectory.household, trajectory=trajectory, by=by, email=email
    )
    user.set_password(PASSWORD)
    user.save()
    return user


def log_in(page: Page, username: str) -> None:
    page.goto("/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def log_out(page: Page) -> None:
    page.get_by_role("button", name=re.compile("Uitloggen")).click()
    expect(page).to_have_url(re.compile("/login/"))


def wait_for_htmx(page: Page) -> None:
    """Wait until htmx listens: it loads last on the page, and on a busy machine a person's
    first choice can come before it (a filter then waits for its "Tonen" button instead)."""
    page.wait_for_load_state("load")
    page.wait_for_function("() => window.htmx !== undefined")
