import datetime
import secrets

from django.db import transaction
from django.utils import timezone

from irtiqaa.accounts.models import ApiToken, Role, User
from irtiqaa.audit.models import AuditEvent
from irtiqaa.audit.services import audit_record
from irtiqaa.organisations.models import OrganisationUnit


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    username: str,
    password: str,
    role: str,
    unit: OrganisationUnit,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
) -> User:
    """An account holding one role in one unit of the matching kind."""
    user = User(
        username=username,
        role=role,
        unit=unit,
        first_name=first_name,
        last_name=last_name,
        email=email,
        is_staff=role == Role.ADMIN,
        is_superuser=role == Role.ADMIN,
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CREATE,
        obj=user,
        changed_fields=["username", "role", "unit", "password"],
    )
    return user


@transaction.atomic
def api_token_create(*, actor: User | None, user: User, name: str = "") -> tuple[ApiToken, str]:
    """A new token for `user`. The token itself is returned once and never stored."""
    token = secrets.token_urlsafe(32)
    api_token = ApiToken.objects.create(
        user=user, name=name, digest=ApiToken.digest_of(token), prefix=token[:8]
    )
    audit_record(actor=actor or user, action=AuditEvent.Action.TOKEN_CREATED, obj=api_token)
    return api_token, token


# Guessing passwords: after this many failures for one username, wait before trying again.
LOGIN_FAILURES_ALLOWED = 5
LOGIN_LOCKOUT = datetime.timedelta(minutes=15)


def login_locked_out(username: str) -> bool:
    since = timezone.now() - LOGIN_LOCKOUT
    failures = AuditEvent.objects.filter(
        action=AuditEvent.Action.LOGIN_FAILED,
        object_type="accounts.user",
        object_id=username[:40],
        created_at__gte=since,
    )
    return failures.count() >= LOGIN_FAILURES_ALLOWED
