"""Fixtures of the two-server test: one cluster (cluster.py) for the whole run, and Chromium.

The cluster is stopped however the run ends. When it failed to start or a test failed, the logs
of both gunicorn servers and of nginx are printed, and the database and the temporary directory
are kept to look at; otherwise both are removed.
"""

import os
from pathlib import Path

import pytest
from cluster import DATABASE, Cluster

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
FIGURES = pytest.StashKey[dict[str, str]]()


def pytest_configure(config):
    config.stash[FIGURES] = {}


@pytest.fixture(scope="session")
def figures(request) -> dict[str, str]:
    """What the tests measured (the servers' split, the lockout, the e-mails), shown at the end."""
    return request.config.stash[FIGURES]


def pytest_terminal_summary(terminalreporter, config):
    if config.stash[FIGURES]:
        terminalreporter.section("two servers: what was measured")
        for name, figure in config.stash[FIGURES].items():
            terminalreporter.write_line(f"{name}: {figure}")


@pytest.fixture(scope="session")
def cluster(request):
    cluster = Cluster()
    started = False
    try:
        cluster.start()
        started = True
        yield cluster
    finally:
        request.config.stash[FIGURES]["start (seconds per step)"] = str(cluster.start_seconds)
        cluster.stop()
        if started and not request.session.testsfailed:
            cluster.remove()
        else:
            # Past pytest's capture, which would otherwise hide what a teardown prints.
            capture = request.config.pluginmanager.getplugin("capturemanager")
            with capture.global_and_fixture_disabled():
                print(f"\n{cluster.logs()}\nKept for a look: {cluster.root}, {DATABASE}")


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    # Chromium refuses to run as root with its sandbox (a CI container).
    sandbox = ["--no-sandbox"] if os.geteuid() == 0 else []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[*sandbox, "--disable-gpu", "--no-first-run", "--disable-sync"],
        )
        yield browser
        browser.close()
