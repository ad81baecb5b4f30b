"""The funder's programme report when the cache cannot answer: cold, and after a write.

Run by `bench/run.py` in a child process (environment from `benchsite.env`); prints one JSON
object. The funder's published set is kept under the programme's figures version
(`reports.snapshot`), and the cells to hide under the year's exact figures
(`reports.disclosure`). So three cases, in this order, in one fresh process:

- *cold*: nothing kept (a new server: the benchmark's cache is the process's own memory, as
  without `CACHE_URL`): every report built, the audit run;
- *after a write*: a new figures version that left the year's exact figures as they were (most
  writes touch the running year, not the funder's ended one): the set built again, no audit;
- *warm*: read from the cache.

Each case is asked `--repeat` times (cold only once: it fills the cache); medians in ms.
"""

import argparse
import json
import statistics
import time

import django

django.setup()

import pages  # noqa: E402

from kansrijk.people.models import Programme  # noqa: E402
from kansrijk.trajectories import counts  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    a = pages.actors()
    user, url = next(
        (u, url) for label, u, url in pages.key_pages(a) if label == "programme report"
    )
    client = pages.login(user)
    programme = Programme.objects.get(slug=a.programme_slug)

    def asked() -> float:
        started = time.perf_counter()
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        return (time.perf_counter() - started) * 1000

    cold = asked()
    after_write = []
    for _ in range(args.repeat):
        counts.figures_changed(programme.pk)
        after_write.append(asked())
    warm = [asked() for _ in range(args.repeat)]
    print(
        json.dumps(
            {
                "cold_ms": round(cold, 1),
                "after_write_ms": round(statistics.median(after_write), 1),
                "warm_ms": round(statistics.median(warm), 1),
                "repeat": args.repeat,
            }
        )
    )


if __name__ == "__main__":
    main()
