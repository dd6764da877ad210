"""Check demo data as the application reads it: encrypted values, hashes, derived fields.

Usage (Django settings from the environment, as for manage.py):

    .venv/bin/python bench/verify_demo.py [SAMPLE]     # default: 2000 women, spread over all ids

For a sample of women, read through the ORM: the CIN and the phone numbers decrypt, their keyed
hashes match, a CIN search finds the woman, and `apply_derived_fields` gives back exactly the
search_text, name_key, sort_name and cin_hash that were stored. Stored CINs and numbers must be
Fernet tokens, never the plain value. Exits non-zero on the first mismatch.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "irtiqaa.settings")

import django

django.setup()

from django.db import connection  # noqa: E402

from irtiqaa.beneficiaries.derived import apply_derived_fields  # noqa: E402
from irtiqaa.beneficiaries.models import Beneficiary, BeneficiaryPhone  # noqa: E402
from irtiqaa.lib.crypto import search_hash  # noqa: E402

DERIVED = ("search_text", "name_key", "sort_name", "cin_hash")


def main() -> None:
    sample = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    ids = Beneficiary.objects.order_by("id").values_list("id", flat=True)
    total = ids.count()
    if not total:
        sys.exit("No women to check.")
    step = max(1, total // sample)
    chosen = list(ids[::step]) if step > 1 else list(ids)
    women = Beneficiary.objects.filter(id__in=chosen).prefetch_related("phones")
    checked = phones = 0
    for woman in women.iterator(chunk_size=500):
        stored = {name: getattr(woman, name) for name in DERIVED}
        apply_derived_fields(woman)
        recomputed = {name: getattr(woman, name) for name in DERIVED}
        if stored != recomputed:
            sys.exit(f"Woman {woman.id}: stored {stored} but derived {recomputed}")
        if woman.cin:
            found = Beneficiary.objects.filter(cin_hash=search_hash("cin", woman.cin))
            if woman.id not in found.values_list("id", flat=True):
                sys.exit(f"Woman {woman.id}: not found by her CIN")
        for phone in woman.phones.all():
            if phone.number_hash != search_hash("phone", phone.number):
                sys.exit(f"Phone {phone.id}: hash does not match {phone.number!r}")
            if not phone.number.startswith("+212"):
                sys.exit(f"Phone {phone.id}: decrypted to {phone.number!r}")
            phones += 1
        checked += 1
    with connection.cursor() as cursor:
        for table, column in (
            (Beneficiary._meta.db_table, "cin"),
            (BeneficiaryPhone._meta.db_table, "number"),
        ):
            cursor.execute(
                f"SELECT count(*) FROM {table} WHERE {column} <> '' AND {column} NOT LIKE 'gAAAAA%%'"
            )
            clear = cursor.fetchone()[0]
            if clear:
                sys.exit(f"{clear} values of {table}.{column} are not Fernet tokens")
    print(f"OK: {checked} of {total} women and their {phones} phones read back and re-derived.")


if __name__ == "__main__":
    main()
