"""Server time of the accompaniment pages, against a bare endpoint measured in the same run.

    set -a; . var/dev.env; set +a          # or any DATABASE_URL holding demo data
    .venv/bin/python bench/pages.py [--repeat 7]

Each page is requested in-process through Django's test client (no network, no browser), as the
demo account that uses it; the first request warms caches and is not counted. It prints the
median time, the ratio to `/healthz` (one `SELECT 1`, the least a request costs here) and the
number of SQL queries. docs/performance.md records a run.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "irtiqaa.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from irtiqaa.accounts.models import User  # noqa: E402
from irtiqaa.beneficiaries.models import Beneficiary  # noqa: E402
from irtiqaa.workshops.models import Workshop  # noqa: E402


def measure(client: Client, url: str, repeat: int) -> tuple[float, int]:
    client.get(url)
    times = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times), len(queries)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    repeat = parser.parse_args().repeat
    host = os.environ.get("ALLOWED_HOSTS", "localhost").split(",")[0]

    def client_for(username: str) -> Client:
        client = Client(HTTP_HOST=host)
        client.force_login(User.objects.get(username=username))
        return client

    advisor = client_for("advisor.kenitra")
    agency = User.objects.get(username="advisor.kenitra").unit
    longest = (
        Beneficiary.objects.filter(home_agency=agency)
        .annotate(n=Count("interactions", distinct=True))
        .order_by("-n")
        .first()
    )
    workshop = (
        Workshop.objects.filter(agency=agency).annotate(n=Count("invitations")).order_by("-n")[0]
    )
    assert longest is not None
    pages = [
        ("bare endpoint /healthz (baseline)", advisor, "/healthz"),
        ("advisor's day (advisor.kenitra)", advisor, "/today/"),
        ("advisor's day, whole agency", advisor, "/today/?scope=agency"),
        ("team view (coord.rsk)", client_for("coord.rsk"), "/team/"),
        ("team view (national)", client_for("national"), "/team/"),
        ("her file (longest history of the agency)", advisor, f"/beneficiaries/{longest.pk}/"),
        ("her action plan", advisor, f"/beneficiaries/{longest.pk}/plan/"),
        ("workshops list", advisor, "/workshops/"),
        ("workshop attendance roll", advisor, f"/workshops/{workshop.pk}/attendance/"),
        ("API: interactions, first page", advisor, "/api/v1/interactions"),
    ]
    api_token = None
    baseline = None
    print(f"{connection.vendor}, {Beneficiary.objects.count():,} women, median of {repeat}")
    print(f"{'page':<44} {'median ms':>10} {'× baseline':>11} {'queries':>8}")
    for label, client, url in pages:
        if url.startswith("/api/"):
            from irtiqaa.accounts.services import api_token_create

            if api_token is None:
                _, api_token = api_token_create(
                    actor=None, user=User.objects.get(username="advisor.kenitra")
                )
            client = Client(HTTP_HOST=host, HTTP_AUTHORIZATION=f"Bearer {api_token}")
        seconds, queries = measure(client, url, repeat)
        baseline = baseline or seconds
        print(f"{label:<44} {seconds * 1000:>10.1f} {seconds / baseline:>11.1f} {queries:>8}")


if __name__ == "__main__":
    main()
