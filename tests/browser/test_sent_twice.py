"""A form sent twice from the phone creates once: a double tap on "save", or a tap again after
the answer to the first got lost on a bad connection."""

import contextlib
import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Error, Page, Route, expect

from kansrijk.contacts.models import Contact

from .helpers import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def _contact_form(page: Page, household) -> None:
    log_in(page, "ingrid")
    page.goto(f"/households/{household.uuid}/contacts/new/")
    page.get_by_label("Korte notitie").fill("Samen de post doorgenomen.")


def _wait_for(page: Page, done: Callable[[], bool]) -> None:
    for _ in range(100):
        if done():
            return
        page.wait_for_timeout(50)  # lets the page's requests reach the route handler
    raise AssertionError("the browser did not send the form")


def test_a_double_tap_on_save_on_a_slow_connection_stores_the_contact_once(
    phone: Page, paired_household
):
    page = phone
    household = paired_household.household
    _contact_form(page, household)
    on_their_way: list[Route] = []
    page.route(
        re.compile(r"/contacts/new/$"),
        lambda route: (
            on_their_way.append(route) if route.request.method == "POST" else route.continue_()
        ),
    )
    save = page.get_by_role("button", name="Contact opslaan")
    save.scroll_into_view_if_needed()
    box = save.bounding_box()
    where = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)

    # A finger, not a locator: those wait for the first save's page before tapping again.
    page.mouse.click(*where)
    _wait_for(page, lambda: len(on_their_way) == 1)
    page.mouse.click(*where)  # the first is still on its way: tap again
    _wait_for(page, lambda: len(on_their_way) == 2)
    first, second = on_their_way
    answer = first.fetch(max_redirects=0)  # the first reaches the server after all
    # The browser may have given up waiting for it when the second tap sent the form again.
    with contextlib.suppress(Error):
        first.fulfill(response=answer)
    second.continue_()

    expect(page).to_have_url(re.compile(f"/households/{household.uuid}/$"))
    assert answer.status == 302
    assert first.request.post_data == second.request.post_data
    assert Contact.objects.count() == 1


def test_a_tap_again_after_the_answer_got_lost_stores_the_contact_once(
    phone: Page, paired_household
):
    page = phone
    household = paired_household.household
    _contact_form(page, household)
    answers_lost: list[int] = []

    def lose_the_first_answer(route: Route) -> None:
        """The first save reaches the server, but its answer never reaches the phone."""
        if route.request.method == "POST" and not answers_lost:
            answers_lost.append(route.fetch(max_redirects=0).status)
            route.abort("aborted")  # the phone keeps showing the form, as on a lost answer
        else:
            route.continue_()

    page.route(re.compile(r"/contacts/new/$"), lose_the_first_answer)
    page.get_by_role("button", name="Contact opslaan").click()
    expect(page.get_by_role("button", name="Contact opslaan")).to_be_visible()
    assert answers_lost == [302]
    page.get_by_role("button", name="Contact opslaan").click()

    expect(page).to_have_url(re.compile(f"/households/{household.uuid}/$"))
    assert Contact.objects.count() == 1
