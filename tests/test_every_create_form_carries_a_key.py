"""Every form that creates something carries its one-time key, so sent twice it creates once.

Every page of the URLconf is opened by every visitor the leak matrix allows on it, and every
`<form method="post">` on it must carry the key (`{% submission_key %}`), unless it changes one
row at a version (sent twice, the second finds the version moved and is refused) or its address
is named below as acting without creating. A new form that forgets the key fails here.
"""

import re
from urllib.parse import urlparse

import pytest
from django.test import Client
from django.urls import resolve

from tests.test_leak_matrix import VISITORS, World, _allowed, _url_names

pytestmark = pytest.mark.usefixtures("frozen_today")

POST_FORM = re.compile(r"<form\b(?=[^>]*\bmethod=\"post\")([^>]*)>(.*?)</form>", re.S | re.I)
ACTION = re.compile(r'\baction="([^"]*)"')
KEY = re.compile(r'<input type="hidden" name="submission" value="[A-Za-z0-9_-]{43}">')
VERSION = re.compile(r'name="version"')
# Forms that make nothing new; sent twice, the second finds the work done.
ACTS_WITHOUT_CREATING = {
    "logout": "ends the session",
    "set_language": "remembers a choice",
    "my_language": "stores her choice of language",
    "login": "signs in",
    "activate": "checks the code of an activation letter; creates nothing",
    "activate_password": "sets the one password of the account the code names, once",
    "two_factor": "checks a code",
    "two_factor_setup": "turns the second factor on once",
    "two_factor_remove": "turns it off",
    "password_change": "replaces the password",
    "password_reset": "sends a link; asked for before signing in, where there is no user to key",
    "withdraw_consent": "ends the consent; a withdrawn consent stays withdrawn",
    "withdraw_my_consent": "ends the consent; a withdrawn consent stays withdrawn",
    "my_consent_stop": "carries the consents the page showed: sent twice, the second finds "
    "them changed and is refused",
    "my_consent_undo": "reverses one change once: sent twice, the second finds it undone",
    "cover_end": "ends the cover; an ended cover stays ended",
    "note_celebrate": "marks the note a success",
    "api_client_revoke": "stops the key; a stopped key stays stopped",
}


def _post_forms(page: str, url: str):
    for attributes, body in POST_FORM.findall(page):
        action = ACTION.search(attributes)
        target = urlparse(action.group(1) if action and action.group(1) else url).path
        yield resolve(target).url_name, body


def test_every_form_that_may_create_carries_a_one_time_key(cast):
    world = World(cast)
    forgetful, forms_seen = set(), 0
    for visitor in VISITORS:
        user = world.users[visitor]
        if user is None:
            continue
        client = Client(headers={"accept-language": "en"})
        client.force_login(user)
        for name in sorted(_url_names()):
            if not _allowed(name, visitor):
                continue
            url = world.url(name)
            response = client.get(url)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            for target, body in _post_forms(response.content.decode(), url):
                forms_seen += 1
                if KEY.search(body) or VERSION.search(body) or target in ACTS_WITHOUT_CREATING:
                    continue
                forgetful.add(f"{name} → {target}")
    assert forms_seen > 50
    assert not forgetful, "add {% submission_key %} to these forms:\n" + "\n".join(
        sorted(forgetful)
    )
