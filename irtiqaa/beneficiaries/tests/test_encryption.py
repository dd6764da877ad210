"""CIN and phone numbers are encrypted at rest, found through keyed hashes, and rotatable."""

from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection

from irtiqaa.beneficiaries.models import Beneficiary, BeneficiaryPhone
from irtiqaa.beneficiaries.selectors import beneficiary_list
from irtiqaa.conftest import Cast
from irtiqaa.lib import crypto

PLAINTEXTS = ("AB123456", "+212612345678", "612345678", "0612345678")


def raw_rows() -> str:
    """Every value of every table, as the database holds them."""
    dump = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            dump.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(dump)


def test_no_plaintext_cin_or_phone_in_any_table(woman: Beneficiary) -> None:
    dump = raw_rows()
    assert woman.cin == "AB123456"  # readable through the model
    for plaintext in PLAINTEXTS:
        assert plaintext not in dump


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_no_plaintext_in_the_database_file(
    tmp_path: Path, register: Callable[..., Beneficiary], cast: Cast
) -> None:
    register()
    if connection.vendor != "sqlite":
        # A PostgreSQL server's files are not ours to read: every row of every table is.
        content = raw_rows().encode()
        assert b"Fatima Zahra" in content
        for plaintext in PLAINTEXTS:
            assert plaintext.encode() not in content
        return
    # The test database lives in memory: copy it to a file with SQLite's own backup, read bytes.
    target = tmp_path / "copy.sqlite3"
    import sqlite3

    destination = sqlite3.connect(target)
    connection.ensure_connection()
    connection.connection.backup(destination)  # type: ignore[union-attr]
    destination.close()
    content = target.read_bytes()
    assert b"Fatima Zahra" in content  # the copy holds the data: the check below means something
    for plaintext in PLAINTEXTS:
        assert plaintext.encode() not in content


def test_the_cin_hash_depends_on_the_search_key(woman: Beneficiary, settings: object) -> None:
    assert woman.cin_hash == crypto.search_hash("cin", "AB123456")
    assert woman.cin_hash != crypto.search_hash("phone", "AB123456")
    settings.IRTIQAA_SEARCH_KEY = "another key"  # type: ignore[attr-defined]
    assert crypto.search_hash("cin", "AB123456") != woman.cin_hash


def test_rotation_reencrypts_under_the_new_key_and_old_keys_still_read(
    woman: Beneficiary, cast: Cast, settings: object
) -> None:
    old_keys = list(settings.IRTIQAA_FIELD_KEYS)  # type: ignore[attr-defined]
    new_key = Fernet.generate_key().decode()
    with connection.cursor() as cursor:
        cursor.execute("SELECT cin FROM beneficiaries_beneficiary WHERE id = %s", [woman.pk])
        token_before = cursor.fetchone()[0]

    settings.IRTIQAA_FIELD_KEYS = [new_key, *old_keys]  # type: ignore[attr-defined]
    # Before rotation, the old tokens still decrypt (the old key is still listed).
    assert Beneficiary.objects.get(pk=woman.pk).cin == "AB123456"
    call_command("rotate_field_keys", stdout=open("/dev/null", "w"))  # noqa: SIM115

    with connection.cursor() as cursor:
        cursor.execute("SELECT cin FROM beneficiaries_beneficiary WHERE id = %s", [woman.pk])
        token_after = cursor.fetchone()[0]
    assert token_after != token_before
    assert Fernet(new_key.encode()).decrypt(token_after.encode()) == b"AB123456"

    # Once rotated, the old keys can go: everything reads with the new key alone.
    settings.IRTIQAA_FIELD_KEYS = [new_key]  # type: ignore[attr-defined]
    assert Beneficiary.objects.get(pk=woman.pk).cin == "AB123456"
    assert BeneficiaryPhone.objects.get(beneficiary=woman).number == "+212612345678"
    # Search does not depend on the field keys.
    assert list(beneficiary_list(actor=cast.advisor, query="AB123456")) == [woman]


def test_a_missing_key_fails_loudly(woman: Beneficiary, settings: object) -> None:
    from django.core.exceptions import ImproperlyConfigured

    settings.IRTIQAA_FIELD_KEYS = [Fernet.generate_key().decode()]  # type: ignore[attr-defined]
    with pytest.raises(ImproperlyConfigured, match="cannot be decrypted"):
        Beneficiary.objects.get(pk=woman.pk)
