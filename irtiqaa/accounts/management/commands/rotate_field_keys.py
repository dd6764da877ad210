from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, transaction

from irtiqaa.audit.models import AuditEvent
from irtiqaa.audit.services import audit_record
from irtiqaa.lib.crypto import reencrypt
from irtiqaa.lib.fields import EncryptedTextField


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted field under the first key of IRTIQAA_FIELD_KEYS. "
        "Put the new key first, keep the old ones after it, run this, then drop the old keys."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=2000)

    def handle(self, *args: Any, **options: Any) -> None:
        total = 0
        for model in apps.get_models():
            columns = [
                f.column for f in model._meta.get_fields() if isinstance(f, EncryptedTextField)
            ]
            if columns:
                count = rotate_table(
                    model._meta.db_table,
                    model._meta.pk.column,
                    columns,
                    options["batch_size"],
                )
                self.stdout.write(f"{model._meta.label}: {count} rows re-encrypted")
                total += count
        audit_record(
            actor=None,
            action=AuditEvent.Action.KEYS_ROTATED,
            object_type="keys",
            object_id=str(total),
        )


def rotate_table(table: str, pk_column: str, columns: list[str], batch_size: int) -> int:
    """Re-encrypt the raw tokens of a table, batch by batch in primary-key order.

    It reads the stored tokens with SQL, not through the model, so that the plaintext is never
    held beyond one value at a time; each batch is its own transaction so a long rotation can
    be interrupted and run again (tokens under any listed key still decrypt).
    """
    q = connection.ops.quote_name
    selected = ", ".join(q(c) for c in columns)
    select = (
        f"SELECT {q(pk_column)}, {selected} FROM {q(table)} "  # noqa: S608
        f"WHERE {q(pk_column)} > %s ORDER BY {q(pk_column)} LIMIT %s"
    )
    assignments = ", ".join(f"{q(c)} = %s" for c in columns)
    # Only if the row still holds the tokens just read: a value edited meanwhile is kept (it is
    # already under the current key), never overwritten with the re-encrypted old one.
    unchanged = " AND ".join(
        f"{q(c)} IS NOT DISTINCT FROM %s" if connection.vendor == "postgresql" else f"{q(c)} IS %s"
        for c in columns
    )
    update = f"UPDATE {q(table)} SET {assignments} WHERE {q(pk_column)} = %s AND {unchanged}"  # noqa: S608
    count, last_pk = 0, 0
    while True:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(select, [last_pk, batch_size])
            rows = cursor.fetchall()
            if not rows:
                return count
            cursor.executemany(
                update,
                [
                    [reencrypt(t) if t else t for t in tokens] + [pk, *tokens]
                    for pk, *tokens in rows
                ],
            )
        count += len(rows)
        last_pk = rows[-1][0]
