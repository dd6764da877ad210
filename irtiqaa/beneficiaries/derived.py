"""Fields computed from a woman's names and CIN, kept up to date by every write path."""

from collections.abc import Callable
from typing import Any

from django.db import models, transaction

from irtiqaa.beneficiaries import matching
from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.lib.crypto import search_hash

NAME_FIELDS = ["first_name_latin", "last_name_latin", "first_name_ar", "last_name_ar"]


def apply_derived_fields(beneficiary: Beneficiary) -> None:
    beneficiary.cin_hash = search_hash("cin", beneficiary.cin) if beneficiary.cin else ""
    for field, value in matching.derived_name_fields(
        *(getattr(beneficiary, name) for name in NAME_FIELDS)
    ).items():
        setattr(beneficiary, field, value)


def refresh_name_keys(
    model: type[models.Model] = Beneficiary,
    batch_size: int = 2000,
    progress: Callable[[int], Any] = lambda done: None,
) -> int:
    """Recompute every woman's stored search and sort keys with the current matching module
    (after it changed), in batches; returns how many rows changed. `model` may be a migration's
    historical model."""
    changed, done, last_pk = 0, 0, 0
    keys = list(matching.derived_name_fields("", "", "", ""))
    while True:
        rows = list(
            model._default_manager.filter(pk__gt=last_pk)
            .order_by("pk")
            .only("pk", *NAME_FIELDS, *keys)[:batch_size]
        )
        if not rows:
            return changed
        stale = []
        for row in rows:
            fresh = matching.derived_name_fields(*(getattr(row, name) for name in NAME_FIELDS))
            if any(getattr(row, key) != value for key, value in fresh.items()):
                for key, value in fresh.items():
                    setattr(row, key, value)
                stale.append(row)
        with transaction.atomic():
            model._default_manager.bulk_update(stale, keys)
        changed += len(stale)
        done += len(rows)
        last_pk = rows[-1].pk
        progress(done)
