"""Two app servers act as one: what a person does hops between them and still works; a lockout
earned on one holds on the other; `kansrijk remind` started on two machines at once sends each
digest once; both answer the load balancer's health checks. See docs/two-servers.md.
"""

import email
import re
import secrets
import subprocess
from base64 import b32decode
from collections import Counter
from pathlib import Path

import redis
import requests
from cluster import BIN, HOST, REDIS_DB, REDIS_HOST, REDIS_PORT, REPO, Cluster
from django_otp.oath import totp
from playwright.sync_api import Page, expect

DEMO_PASSWORD = "kansrijk-demo"
PHONE = {"width": 390, "height": 844}
# Below this share of the answers, one server would not really have taken part.
FAIR_SHARE = 0.25


# ---- a. a journey through the proxy ----


def sign_in_with_new_app(page: Page, username: str) -> None:
    """Password, then the second factor staff need with DEBUG off: the setup page shows the
    secret to type into an authenticator app; we compute the app's code from it."""
    page.goto("/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(re.compile(r"/two-factor/setup/"))
    secret = page.locator("code.secret").inner_text().replace(" ", "")
    key = b32decode(secret + "=" * (-len(secret) % 8))
    page.get_by_label("Code uit je app").fill(f"{totp(key):06d}")
    page.get_by_role("button", name="Inloggen in twee stappen aanzetten").click()
    expect(page.get_by_text("Inloggen in twee stappen staat aan.")).to_be_visible()


def log_out(page: Page) -> None:
    page.get_by_role("button", name=re.compile("Uitloggen")).click()
    expect(page).to_have_url(re.compile("/login/"))


def buddy_records_a_contact(page: Page, note: str) -> str:
    """The buddy logs a home visit with one of her households; answers that household's page."""
    sign_in_with_new_app(page, "buddy")
    expect(page.get_by_role("heading", name="Mijn huishoudens")).to_be_visible()
    page.get_by_role("link", name="Contact vastleggen").first.click()
    page.get_by_label("Huisbezoek").check()
    page.get_by_label("Minuten").fill("45")
    page.get_by_label("Korte notitie").fill(note)
    page.get_by_role("button", name="Contact opslaan").click()
    expect(page.get_by_text(note)).to_be_visible()
    return page.url


def coordinator_registers_a_referral(page: Page, participant: str) -> None:
    sign_in_with_new_app(page, "coordinator")
    page.get_by_role("link", name="Aanmelding registreren").click()
    page.get_by_label("Aangemeld door").select_option(label="WIJ Beijum")
    page.get_by_label("Wijk").select_option(label="Beijum")
    page.get_by_label("Voornaam van de deelnemer").fill(participant)
    page.get_by_label("Achternaam van de deelnemer").fill("Twee Servers")
    page.get_by_role("textbox", name="Telefoon").fill("06-1234 5678")
    page.get_by_label("Postcode").fill("9736ab")
    page.get_by_label("Waarom meld je dit huishouden aan?").fill("Schulden.")
    page.get_by_label("De deelnemer geeft toestemming voor deze aanmelding").check()
    page.get_by_label("Op papier getekend").check()
    page.get_by_role("button", name="Aanmelding registreren").click()
    expect(page.get_by_text("De aanmelding is geregistreerd.")).to_be_visible()
    expect(page.get_by_role("heading", name=f"{participant} Twee Servers")).to_be_visible()


def test_a_journey_hops_between_the_servers_and_still_works(cluster: Cluster, browser, figures):
    context = browser.new_context(
        base_url=cluster.url, ignore_https_errors=True, viewport=PHONE, locale="nl-NL"
    )
    context.set_default_timeout(20_000)
    answered: list[str | None] = []
    context.on("response", lambda response: answered.append(response.headers.get("x-upstream")))
    page = context.new_page()
    try:
        note = f"Samen de post doorgenomen ({secrets.token_hex(4)})."
        household_url = buddy_records_a_contact(page, note)
        log_out(page)
        coordinator_registers_a_referral(page, participant := f"Samira{secrets.randbelow(1000)}")
        # What the buddy wrote through one server or the other, the coordinator reads.
        page.goto(household_url)
        expect(page.get_by_text(note)).to_be_visible()
        cookies = {cookie["name"]: cookie for cookie in context.cookies()}
    finally:
        context.close()

    split = Counter(answered)
    figures["X-Upstream split (journey)"] = ", ".join(f"{k}: {v}" for k, v in split.items())
    assert None not in split, "every answer names the server that gave it"
    for server in (0, 1):
        share = split[cluster.upstream(server)] / len(answered)
        assert share >= FAIR_SHARE, f"server {server} gave {share:.0%} of the answers: {split}"
    assert cookies["sessionid"]["secure"] and cookies["csrftoken"]["secure"]
    created = cluster.query(
        "SELECT count(*) FROM people_household WHERE display_name = %s",
        f"{participant} Twee Servers",
    )
    assert created == [(1,)]


# ---- b. a lockout holds on both servers ----


def login_attempt(cluster: Cluster, server: int, username: str, password: str) -> int:
    """One password login straight at one server, as nginx would pass it on (HTTPS told by
    X-Forwarded-Proto); answers the status code. Cookies are carried by hand: they are Secure,
    and this leg is plain HTTP."""
    base = cluster.app_url(server)
    headers = {"Host": HOST, "X-Forwarded-Proto": "https"}
    form = requests.get(f"{base}/login/", headers=headers, timeout=10)
    assert form.status_code == 200, form.status_code
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)
    assert token is not None
    answer = requests.post(
        f"{base}/login/",
        data={"csrfmiddlewaretoken": token[1], "username": username, "password": password},
        headers={
            **headers,
            "Cookie": f"csrftoken={form.cookies['csrftoken']}",
            "Referer": f"https://{HOST}/login/",
        },
        allow_redirects=False,
        timeout=10,
    )
    return answer.status_code


def test_five_wrong_passwords_spread_over_both_servers_lock_out_on_both(cluster: Cluster, figures):
    wrong = [login_attempt(cluster, n % 2, "funder", "not-the-password") for n in range(5)]
    right = [login_attempt(cluster, server, "funder", DEMO_PASSWORD) for server in (0, 1)]
    figures["lockout"] = f"wrong passwords on servers 0,1,0,1,0 → {wrong}; right one → {right}"
    # The form comes back with its error four times; the fifth locks (429) or shows the error.
    assert wrong[:4] == [200] * 4
    assert wrong[4] in {200, 429}
    assert right == [429, 429], "the right password is refused on both servers"
    # The attempts were counted in the one Redis both servers share (CACHE_URL), not per process.
    counted = redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=REDIS_DB).keys("kansrijk-limits:*")
    figures["lockout"] += f"; {len(counted)} rate-limit key(s) in the shared Redis"
    assert counted


# ---- c. `kansrijk remind` started twice at once ----


def sent_emails_in(path: Path) -> list[email.message.Message]:
    """The e-mails Django's file backend wrote into one file: each followed by 79 dashes."""
    separator = b"\n" + b"-" * 79 + b"\n"
    return [
        email.message_from_bytes(part)
        for part in path.read_bytes().split(separator)
        if part.strip()
    ]


def test_remind_started_twice_at_once_sends_each_digest_once(cluster: Cluster, figures):
    before = set(cluster.mail_dir.iterdir())
    runs = [
        subprocess.Popen(
            [str(BIN / "kansrijk"), "remind"],
            env=cluster.env,
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=120)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs

    new_files = sorted(set(cluster.mail_dir.iterdir()) - before)
    to = Counter(message["To"] for path in new_files for message in sent_emails_in(path))
    digests = dict(
        cluster.query(
            "SELECT u.email, count(*) FROM reminders_reminderdigest d "
            "JOIN people_user u ON u.id = d.user_id GROUP BY u.email"
        )
    )
    figures["remind"] = (
        f"{sum(to.values())} e-mails to {len(to)} people, {sum(digests.values())} digest rows; "
        f"runs said: {' | '.join(output.strip().splitlines()[-1] for output in outputs)}"
    )
    assert digests, "the demo has something due today for someone"
    assert to == Counter(digests), "one e-mail per digest row, to its person"
    assert max(to.values()) == 1, "nobody got two"


# ---- d. health checks through the proxy ----


def test_healthz_answers_through_the_proxy_from_both_servers(cluster: Cluster):
    answers = [
        requests.get(f"{cluster.url}/healthz", verify=cluster.certificate, timeout=10)
        for _ in range(4)
    ]
    assert [answer.status_code for answer in answers] == [200] * 4
    assert {answer.headers["X-Upstream"] for answer in answers} == {
        cluster.upstream(0),
        cluster.upstream(1),
    }
    assert "max-age=" in answers[0].headers.get("Strict-Transport-Security", "")


def test_readyz_answers_through_the_proxy(cluster: Cluster):
    answer = requests.get(f"{cluster.url}/readyz", verify=cluster.certificate, timeout=10)
    assert answer.status_code == 200
    assert answer.json()["checks"] == {
        "database": "ok",
        "cache:default": "ok",
        "cache:limits": "ok",
        "migrations": "ok",
    }
