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


def _account_named(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def login_failure_record(username: str) -> None:
    """A failed login, counted against the account it named. What was typed is not kept: it is
    often a password typed into the wrong field."""
    account = _account_named(username)
    audit_record(
        actor=None,
        action=AuditEvent.Action.LOGIN_FAILED,
        object_type="accounts.user",
        object_id=account.pk if account else "",
    )


def login_locked_out(username: str) -> bool:
    """Too many recent failures for this account (the username as the login form cleans it)."""
    account = _account_named(username)
    if account is None:
        return False
    failures = AuditEvent.objects.filter(
        action=AuditEvent.Action.LOGIN_FAILED,
        object_type="accounts.user",
        object_id=str(account.pk),
        created_at__gte=timezone.now() - LOGIN_LOCKOUT,
    )
    return failures.count() >= LOGIN_FAILURES_ALLOWED
