"""The container's HEALTHCHECK: GET /healthz on the local gunicorn, exit 0 on 200, 1 otherwise.

Plain Python, so the image needs no curl. Django answers 400 to a Host it does not allow, and a
production ALLOWED_HOSTS rarely lists 127.0.0.1, so the request names the site's own host:
SITE_URL's, else the first ALLOWED_HOSTS entry that is not a wildcard. /healthz is exempt from
the HTTPS redirect, so plain HTTP inside the container is enough.
"""

import os
import sys
import urllib.request
from urllib.parse import urlsplit


def host_to_ask() -> str:
    site = urlsplit(os.environ.get("SITE_URL", "")).hostname
    if site:
        return site
    for host in os.environ.get("ALLOWED_HOSTS", "").split(","):
        host = host.strip().lstrip(".")
        if host and host != "*":
            return host
    return "localhost"


def main() -> int:
    request = urllib.request.Request(
        "http://127.0.0.1:8000/healthz", headers={"Host": host_to_ask()}
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return 0 if response.status == 200 else 1
    except OSError as error:  # URLError and HTTPError (a 503) are OSErrors
        print(f"healthz: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
