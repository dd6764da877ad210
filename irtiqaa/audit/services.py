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


def changed_field_names(before: dict[str, object], after: dict[str, object]) -> list[str]:
    return sorted(name for name in after if before.get(name) != after[name])
