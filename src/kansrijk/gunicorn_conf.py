"""gunicorn's configuration for kansrijk: which proxy it believes about HTTPS, from our settings.

Start gunicorn with it (README, "Security: headers and HTTPS"):

    gunicorn -c python:kansrijk.gunicorn_conf kansrijk.wsgi

Without it gunicorn believes `X-Forwarded-Proto: https` from 127.0.0.1 (its default
`forwarded_allow_ips`), sets the WSGI scheme to https and so tells Django the request is secure
whatever TRUST_X_FORWARDED_PROTO says: a proxy on the same host that passes the client's header
on would let plain HTTP past the HTTPS redirect. Here that one setting decides for both: off,
gunicorn believes no forwarded scheme from anyone; on, only X-Forwarded-Proto (the header Django
reads) and only from FORWARDED_ALLOW_IPS (default 127.0.0.1 and ::1), and the header of anyone
else is dropped before Django sees it. `kansrijk.wsgi` refuses to run under gunicorn without
this file, and `on_starting` refuses a command line that trusts otherwise.

It lives in the package rather than as ./gunicorn.conf.py (which gunicorn reads from the
directory it starts in) so that an installed kansrijk has it wherever gunicorn is started.
"""

import ipaddress
import os

from kansrijk import settings

# The one scheme header gunicorn may believe, and only when Django believes it too.
SCHEME_HEADERS = {"X-FORWARDED-PROTO": "https"}

forwarded_allow_ips = ",".join(settings.FORWARDED_ALLOW_IPS)
secure_scheme_headers = SCHEME_HEADERS if settings.TRUST_X_FORWARDED_PROTO else {}
# SCRIPT_NAME and PATH_INFO from a trusted proxy would move the app's paths; kansrijk is served
# from the root of its host, so no proxy sets them.
forwarder_headers = ""


def trust_problem(allowed: list[str], scheme_headers: dict[str, str]) -> str | None:
    """What is wrong with gunicorn's final trust (after its command line and
    GUNICORN_CMD_ARGS, which override this file), or None when it matches the settings."""
    if not settings.TRUST_X_FORWARDED_PROTO and (allowed or scheme_headers):
        return (
            f"gunicorn would believe forwarded headers from {','.join(allowed) or 'anyone'} "
            "but TRUST_X_FORWARDED_PROTO is off. Set TRUST_X_FORWARDED_PROTO=true if your "
            "proxy overwrites X-Forwarded-Proto, or leave out --forwarded-allow-ips."
        )
    if settings.TRUST_X_FORWARDED_PROTO and scheme_headers != SCHEME_HEADERS:
        return (
            f"gunicorn would take HTTPS from {sorted(scheme_headers)}; kansrijk takes it from "
            "X-Forwarded-Proto only. Leave secure_scheme_headers to kansrijk.gunicorn_conf."
        )
    return None


def believed(peer, allowed: list[str]) -> bool:
    """Whether gunicorn believes forwarded headers from this peer, as gunicorn itself decides."""
    # A unix socket has no address: gunicorn believes it, as only local processes reach it.
    if not isinstance(peer, tuple):
        return True
    if "*" in allowed:
        return True
    try:
        address = ipaddress.ip_address(peer[0])
    except ValueError:
        return False
    return any(address in ipaddress.ip_network(network) for network in allowed)


def pre_request(worker, req) -> None:
    """Drop X-Forwarded-Proto from a peer gunicorn does not believe.

    Django reads the header itself when TRUST_X_FORWARDED_PROTO is on (SECURE_PROXY_SSL_HEADER),
    from whoever reaches gunicorn; this way it believes the same peers as gunicorn does.
    """
    worker.log.debug("%s %s", req.method, req.path)  # what gunicorn's own hook does
    if not believed(req.peer_addr, worker.cfg.forwarded_allow_ips):
        req.headers = [(name, value) for name, value in req.headers if name != "X-FORWARDED-PROTO"]


def on_starting(server) -> None:
    """Stop the start (gunicorn prints the message and exits 1) when its trust is not ours."""
    problem = trust_problem(server.cfg.forwarded_allow_ips, server.cfg.secure_scheme_headers)
    if problem:
        raise RuntimeError(problem)


def child_exit(server, worker) -> None:
    """With PROMETHEUS_MULTIPROC_DIR (README, "Operations: health, logs, metrics, cache"), let
    /metrics forget the gauges of a worker that stopped; its counters stay counted."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
