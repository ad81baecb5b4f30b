"""A partner's system refers a household to kansrijk and follows where it stands.

Standard library only. Against `make run` (http://127.0.0.1:8000), with a key made by
`kansrijk api_client create` (see docs/api.md):

    KANSRIJK_KEY=kr_… python examples/partner_client.py

The household below is made up. Send a real one only with the participant's consent.
"""

import datetime as dt
import json
import os
import sys
import time
import urllib.error
import urllib.request

BASE = os.environ.get("KANSRIJK_URL", "http://127.0.0.1:8000/api/v1")
KEY = os.environ.get("KANSRIJK_KEY", "")


def call(method: str, path: str, body: dict | None = None) -> tuple[int, dict]:
    """One call to the API: the status and the JSON it answered (a problem, on an error)."""
    request = urllib.request.Request(
        BASE + path,
        method=method,
        data=json.dumps(body).encode() if body is not None else None,
        headers={
            "Authorization": f"Bearer {KEY}",
            "Content-Type": "application/json",
            "Accept-Language": "nl",  # problems come in Dutch (the default) or English ("en")
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:  # 4xx/5xx: application/problem+json
        return error.code, json.load(error)


def main() -> int:
    if not KEY:
        print("Set KANSRIJK_KEY to the key from `kansrijk api_client create`.")
        return 2
    referral = {
        "area": "beijum",  # the slug of an area of a programme the key works for
        # Our own id: sending it again returns the same referral (200) instead of a new one.
        "client_reference": "voorbeeld-0001",
        "given_name": "Voorbeeld",
        "family_name": "Huishouden",
        "phone": "06 00000000",
        "reason": "Veel stress over schulden; wil graag hulp bij overzicht.",
        "consent_on": dt.date.today().isoformat(),
        "consent_method": "in_person",
        "consent_recorded_by": "Medewerker WIJ",
        "share_basic": True,
    }
    status, answer = call("POST", "/referrals", referral)
    if status not in (200, 201):
        print(f"Refused ({status}): {answer.get('title')}: {answer.get('detail')}")
        return 1
    print("Made" if status == 201 else "Already sent", answer["uuid"], "status:", answer["status"])
    # Follow it: a real system would ask now and then (a few times a day is plenty).
    for _ in range(3):
        status, answer = call("GET", f"/referrals/{answer['uuid']}")
        print(f"{answer['status']} since {answer['status_since']}")
        if answer["status"] == "declined":
            print("Not accepted:", answer["decline_reason"])
        time.sleep(1)
    # All of our organisation's referrals, a page at a time.
    status, page = call("GET", "/referrals?page=1&page_size=20")
    print(f"{page['count']} referrals; next page: {page['_links']['next']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
