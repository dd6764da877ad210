"""How far a running import is, and whether someone asked to cancel it.

The commit runs in one transaction, and what a transaction writes is seen by no one before it
ends. On PostgreSQL the progress is therefore written through a second, autocommitting
connection; SQLite has a single writer at a time, so there the progress of the commit itself only
shows when it ends (the check before it, the long part, reports as it goes).
"""

import time
from typing import Any

from django.db import connection
from django.utils import timezone

from irtiqaa.imports.models import ImportJob

WRITE_EVERY_SECONDS = 0.5
DJANGO_ONLY_PARAMS = frozenset(
    {"cursor_factory", "context", "prepare_threshold", "server_side_binding"}
)


class Cancelled(Exception):
    """Someone asked to cancel the import: the caller's transaction rolls back."""


class Progress:
    def __init__(self, job: ImportJob, total: int = 0) -> None:
        self.job_id = job.pk
        self.total = total
        self.done = 0
        self._written_at = 0.0
        self._side: Any = None

    def start(self, total: int) -> None:
        self.total, self.done = total, 0
        self.write()

    def advance(self, count: int) -> None:
        self.done += count
        if time.monotonic() - self._written_at >= WRITE_EVERY_SECONDS:
            self.write()

    def write(self) -> None:
        self._written_at = time.monotonic()
        now = timezone.now()
        if not connection.in_atomic_block:
            ImportJob.objects.filter(pk=self.job_id).update(
                progress_done=self.done, progress_total=self.total, heartbeat_at=now
            )
        elif connection.vendor == "postgresql":
            self._side_connection().execute(
                "UPDATE imports_importjob SET progress_done = %s, progress_total = %s,"
                " heartbeat_at = %s WHERE id = %s",
                (self.done, self.total, now, self.job_id),
            )

    def _side_connection(self) -> Any:
        if self._side is None:
            import psycopg

            # The same connection settings as Django's, less Django's own Python objects.
            params: dict[str, Any] = {
                key: value
                for key, value in connection.get_connection_params().items()
                if isinstance(value, str | int) and key not in DJANGO_ONLY_PARAMS
            }
            self._side = psycopg.connect(**params, autocommit=True)
        return self._side

    def check_cancelled(self) -> None:
        requested = (
            ImportJob.objects.filter(pk=self.job_id)
            .values_list("cancel_requested", flat=True)
            .first()
        )
        if requested:
            raise Cancelled

    def close(self) -> None:
        if self._side is not None:
            self._side.close()
            self._side = None
