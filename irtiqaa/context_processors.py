import functools

from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone

from irtiqaa.accounts.models import Role

# The count beside "Today" is read on every page, so it is cached; any write to what it counts
# starts a new generation of cached counts (see today/apps.py). The cache is per process: a write
# handled by another web process shows here when the count expires, within this many seconds.
ATTENTION_COUNT_SECONDS = 60
GENERATION_KEY = "attention:generation"


def navigation(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return {"acting_role": ""}
    return {"acting_role": user.role, "attention_count": _attention_count(user)}


def attention_counts_changed() -> None:
    """Something the count is made of was written: every cached count is now stale."""
    cache.set(GENERATION_KEY, timezone.now().timestamp(), None)


def _attention_count(user: object) -> object:
    """A callable the template calls only when it draws the navigation (not for fragments)."""

    @functools.cache
    def count() -> int | None:
        from irtiqaa.today.selectors import attention_count

        # National staff see the whole country: a count of everything would mean nothing.
        if not getattr(user, "does_casework", False) or getattr(user, "role", "") == Role.NATIONAL:
            return None
        today = timezone.localdate()
        generation = cache.get(GENERATION_KEY, 0)
        key = f"attention:{user.pk}:{today.isoformat()}:{generation}"  # type: ignore[attr-defined]
        value = cache.get(key)
        if value is None:
            value = attention_count(actor=user, today=today)  # type: ignore[arg-type]
            cache.set(key, value, ATTENTION_COUNT_SECONDS)
        return value

    return count
