from collections.abc import Iterable

from django.contrib.auth.models import AnonymousUser
from django.db import models

from irtiqaa.accounts.models import User
from irtiqaa.audit.models import AuditEvent


def audit_record(
    *,
    actor: "User | AnonymousUser | None",
    action: str,
    obj: "models.Model | AnonymousUser | None" = None,
    object_type: str = "",
    object_id: str | int = "",
    beneficiary_id: int | None = None,
    changed_fields: Iterable[str] = (),
    via: str = "",
) -> AuditEvent:
    """Record one audit event. Field *names* only: the values may be sensitive."""
    if isinstance(obj, models.Model):
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk or ""
    return AuditEvent.objects.create(
        actor=actor if isinstance(actor, User) else None,
        actor_username=getattr(actor, "username", "") or "system",
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        beneficiary_id=beneficiary_id,
        changed_fields=sorted(set(changed_fields)),
        via=via,
    )


def audit_list_read(
    *, actor: "User | AnonymousUser", object_type: str, filters: dict[str, object]
) -> None:
    """A page of records read through the API: who read which list, with which filters (names
    only: a search term can be a CIN)."""
    audit_record(
        actor=actor,
        action=AuditEvent.Action.EXPORT,
        object_type=object_type,
        changed_fields=[name for name, value in filters.items() if value not in (None, "")],
        via="api",
    )


def audit_record_many(
    *,
    actor: "User | None",
    action: str,
    object_type: str,
    entries: Iterable[tuple[int | str, int | None, Iterable[str]]],
    via: str = "",
) -> None:
    """Record one event per (object id, beneficiary id, changed fields), in one insert: a list
    of thousands of women imported at once is audited woman by woman without a query each."""
    AuditEvent.objects.bulk_create(
        (
            AuditEvent(
                actor=actor,
                actor_username=getattr(actor, "username", "") or "system",
                action=action,
                object_type=object_type,
                object_id=str(object_id),
                beneficiary_id=beneficiary_id,
                changed_fields=sorted(set(fields)),
                via=via,
            )
            for object_id, beneficiary_id, fields in entries
        ),
        batch_size=1000,
    )
