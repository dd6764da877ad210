from django.db import models
from django.db.models import F

from irtiqaa.lib.errors import EditConflict


def save_versioned(instance: models.Model, *, expected_version: int) -> None:
    """Save an edit that started from `expected_version`, inside the caller's transaction.

    The version is bumped with a conditional UPDATE first, so of two people saving the same
    record, the second finds no row at her version and gets EditConflict instead of
    overwriting the first one's work.
    """
    model = type(instance)
    bumped = model._default_manager.filter(pk=instance.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not bumped:
        raise EditConflict
    instance.version = expected_version + 1  # type: ignore[attr-defined]
    instance.save()


def changed_fields(instance: models.Model, before: dict[str, object]) -> list[str]:
    return sorted(name for name, value in before.items() if getattr(instance, name) != value)


def snapshot(instance: models.Model, names: list[str]) -> dict[str, object]:
    return {name: getattr(instance, name) for name in names}
