"""Dump the demo women and everything hanging off them, in a form comparable across runs.

Usage (Django settings from the environment, as for manage.py):

    .venv/bin/python bench/dump_demo.py > dump.tsv            # every table, every column
    .venv/bin/python bench/dump_demo.py --women-only > w.tsv  # (first_name_latin, last_name_latin,
                                                              #  birth_date, cin) ordered by id

Rows are written in id order, with foreign keys replaced by the position of the row they point
to, so that two databases seeded with the same seed give byte-identical dumps even when their id
sequences started at different values. Encrypted columns are read back through the ORM, which
decrypts them: the dump shows the plaintext, never the token (tokens differ on every run).
`updated_at` (the time of the load) is left out.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "irtiqaa.settings")

import django

django.setup()

from irtiqaa.beneficiaries.models import (  # noqa: E402
    Beneficiary,
    BeneficiaryPhone,
    Consent,
)
from irtiqaa.seasons.models import Incident, Participation  # noqa: E402


def dump(model, foreign_keys: dict, out) -> dict:
    """Write the rows of `model`; return {id: position} for the models that point at it."""
    fields = [
        f.attname
        for f in model._meta.concrete_fields
        if f.attname not in ("id", "updated_at") and f.attname not in foreign_keys
    ]
    positions = {}
    out.write(f"# {model._meta.db_table}\n")
    for position, obj in enumerate(model.objects.order_by("id").iterator(chunk_size=5000)):
        positions[obj.id] = position
        values = [str(positions_of[getattr(obj, fk)]) for fk, positions_of in foreign_keys.items()]
        values += [repr(getattr(obj, name)) for name in fields]
        out.write("\t".join(values) + "\n")
    return positions


def main() -> None:
    out = sys.stdout
    if "--women-only" in sys.argv:
        rows = Beneficiary.objects.order_by("id").values_list(
            "first_name_latin", "last_name_latin", "birth_date", "cin"
        )
        for row in rows.iterator(chunk_size=5000):
            out.write("\t".join(map(str, row)) + "\n")
        return
    women = dump(Beneficiary, {}, out)
    dump(BeneficiaryPhone, {"beneficiary_id": women}, out)
    dump(Consent, {"beneficiary_id": women}, out)
    seasons = dump(Participation, {"beneficiary_id": women}, out)
    dump(Incident, {"participation_id": seasons}, out)


if __name__ == "__main__":
    main()
