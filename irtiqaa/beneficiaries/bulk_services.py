"""Writes to the registry for many women at once (an imported recruitment list).

The same rules as the one-by-one services (consent first, identifiers normalised and hashed,
derived name keys, audit per woman, her case opened), in a few inserts instead of a dozen queries
per woman. The caller holds the transaction and has validated each profile with the
registration's rules.
"""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from irtiqaa.accounts.models import User
from irtiqaa.audit.models import AuditEvent
from irtiqaa.audit.services import audit_record_many
from irtiqaa.beneficiaries.derived import apply_derived_fields
from irtiqaa.beneficiaries.models import Beneficiary, BeneficiaryPhone, Consent
from irtiqaa.beneficiaries.services import DERIVED_FIELDS, PROFILE_FIELDS, ConsentInput
from irtiqaa.lib.crypto import search_hash
from irtiqaa.organisations.models import OrganisationUnit
from irtiqaa.organisations.scope import unit_in_scope

# Filled from a list only where her file has nothing yet: what an advisor typed is never
# overwritten by a list.
FILLABLE_FIELDS = (
    "first_name_latin",
    "last_name_latin",
    "first_name_ar",
    "last_name_ar",
    "cin",
    "commune",
    "skills",
)


@dataclass
class NewWoman:
    profile: dict[str, Any]
    phones: list[str]


def check_list_consent(method: str, text_version: str, witness_name: str) -> None:
    """The consent declared for a whole list, checked as one recorded woman by woman
    (services._save_consent)."""
    if method not in Consent.Method.values:
        raise ValidationError({"consent_method": _("Say how the women gave their consent.")})
    if method == Consent.Method.ORAL_WITH_WITNESS and not witness_name.strip():
        raise ValidationError({"witness_name": _("Oral consent needs the name of a witness.")})
    if not text_version.strip():
        raise ValidationError({"consent_text_version": _("This value is missing.")})


def _require_casework(actor: User, agency: OrganisationUnit) -> None:
    if not actor.does_casework or not unit_in_scope(actor, agency) or agency.kind != "agency":
        raise PermissionDenied


def beneficiaries_register_many(
    *,
    actor: User,
    women: list[NewWoman],
    agency: OrganisationUnit,
    advisor: User | None,
    consent: ConsentInput,
    via: str = "import",
) -> list[int]:
    """Register women with their consent and open their cases; returns their ids in order. The
    caller hands them to the registry-wide duplicate detection once its transaction ends."""
    _require_casework(actor, agency)
    if Consent.Purpose.ACCOMPANIMENT not in consent.purposes:
        raise PermissionDenied
    check_list_consent(consent.method, consent.text_version, consent.witness_name)
    records = []
    for woman in women:
        record = Beneficiary(
            **woman.profile, home_agency=agency, assigned_advisor=advisor, registered_by=actor
        )
        apply_derived_fields(record)
        records.append(record)
    records = Beneficiary.objects.bulk_create(records, batch_size=1000)
    if records and records[0].pk is None:  # databases that do not return ids from bulk inserts
        raise NotImplementedError("bulk registration needs a database returning inserted ids")
    ids = [record.pk for record in records]
    BeneficiaryPhone.objects.bulk_create(
        (
            BeneficiaryPhone(
                beneficiary_id=pk,
                number=number,
                number_hash=search_hash("phone", number),
                position=position,
            )
            for pk, woman in zip(ids, women, strict=True)
            for position, number in enumerate(woman.phones)
        ),
        batch_size=1000,
    )
    consents = Consent.objects.bulk_create(
        (
            Consent(
                beneficiary_id=pk,
                purpose=purpose,
                given=True,
                method=consent.method,
                witness_name=consent.witness_name,
                text_version=consent.text_version,
                recorded_by=actor,
            )
            for pk in ids
            for purpose in consent.purposes
        ),
        batch_size=1000,
    )
    audit_record_many(
        actor=actor,
        action=AuditEvent.Action.CREATE,
        object_type=Beneficiary._meta.label_lower,
        entries=(
            (
                pk,
                pk,
                [f for f in PROFILE_FIELDS if woman.profile.get(f) not in (None, "", [])]
                + ["home_agency"]
                + (["assigned_advisor"] if advisor else [])
                + (["phones"] if woman.phones else []),
            )
            for pk, woman in zip(ids, women, strict=True)
        ),
        via=via,
    )
    audit_record_many(
        actor=actor,
        action=AuditEvent.Action.CONSENT_GIVEN,
        object_type=Consent._meta.label_lower,
        entries=((c.pk or "", c.beneficiary_id, [c.purpose]) for c in consents),
        via=via,
    )
    # Imported here: cases builds on the registry (consent checks); see beneficiary_register.
    from irtiqaa.cases.services import cases_open_many

    cases_open_many(actor=actor, beneficiary_ids=ids, via=via)
    return ids


def _cin_of_another_woman(beneficiary: Beneficiary, cin: str) -> bool:
    others = Beneficiary.objects.filter(cin_hash=search_hash("cin", cin)).exclude(pk=beneficiary.pk)
    return others.exists()


def beneficiary_complete_from_list(
    *,
    actor: User,
    beneficiary: Beneficiary,
    profile: dict[str, Any],
    phones: list[str],
    via: str = "import",
) -> list[str]:
    """Fill the blanks of her file from a list and add the phone numbers she did not have; returns
    the fields changed. The caller holds her file (select_for_update) and checked her consent."""
    if not actor.does_casework or not unit_in_scope(actor, beneficiary.home_agency):
        raise PermissionDenied
    changed = []
    for name in FILLABLE_FIELDS:
        value = profile.get(name)
        if name == "cin" and value and _cin_of_another_woman(beneficiary, value):
            continue
        if value and not getattr(beneficiary, name):
            setattr(beneficiary, name, value)
            changed.append(name)
    known = set(beneficiary.phones.values_list("number_hash", flat=True))
    new_phones = [p for p in phones if search_hash("phone", p) not in known]
    if new_phones:
        start = beneficiary.phones.count()
        BeneficiaryPhone.objects.bulk_create(
            BeneficiaryPhone(
                beneficiary=beneficiary,
                number=number,
                number_hash=search_hash("phone", number),
                position=start + offset,
            )
            for offset, number in enumerate(new_phones)
        )
        changed.append("phones")
    if changed:
        apply_derived_fields(beneficiary)
        profile_changed = [name for name in changed if name != "phones"]
        if profile_changed:
            beneficiary.version += 1
            beneficiary.save(
                update_fields=[*profile_changed, *DERIVED_FIELDS, "version", "updated_at"]
            )
        audit_record_many(
            actor=actor,
            action=AuditEvent.Action.UPDATE,
            object_type=Beneficiary._meta.label_lower,
            entries=[(beneficiary.pk, beneficiary.pk, changed)],
            via=via,
        )
    return changed
