"""Writes to the registry: each validates, saves in one transaction and records the audit event."""

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from irtiqaa.accounts.models import Role, User
from irtiqaa.audit.models import AuditEvent
from irtiqaa.audit.services import audit_record
from irtiqaa.beneficiaries import duplicates, identifiers, matching
from irtiqaa.beneficiaries.derived import apply_derived_fields
from irtiqaa.beneficiaries.models import Beneficiary, BeneficiaryPhone, Consent
from irtiqaa.beneficiaries.selectors import (
    DuplicateCandidate,
    accompaniment_allowed,
    consents_in_force,
    duplicate_candidates,
)
from irtiqaa.lib.crypto import search_hash
from irtiqaa.lib.locking import save_versioned
from irtiqaa.organisations.scope import unit_in_scope

PROFILE_FIELDS = (
    "first_name_latin",
    "last_name_latin",
    "first_name_ar",
    "last_name_ar",
    "birth_date",
    "cin",
    "province",
    "commune",
    "marital_status",
    "children_count",
    "children_birth_years",
    "education_level",
    "literacy_arabic",
    "literacy_french",
    "languages",
    "agricultural_experience_years",
    "skills",
    "home_agency",
    "assigned_advisor",
)


DERIVED_FIELDS = ["search_text", "name_key", "sort_name", "cin_hash"]
# A change to one of these may make or unmake a suspected duplicate.
IDENTITY_FIELDS = frozenset(
    {
        "first_name_latin",
        "last_name_latin",
        "first_name_ar",
        "last_name_ar",
        "birth_date",
        "cin",
        "phones",
    }
)


class PossibleDuplicates(Exception):
    """Raised before saving when women like this one are already registered."""

    def __init__(self, candidates: list[DuplicateCandidate]) -> None:
        super().__init__("possible duplicates")
        self.candidates = candidates


@dataclass(frozen=True)
class ConsentInput:
    method: str
    text_version: str
    witness_name: str = ""
    purposes: tuple[str, ...] = field(default_factory=tuple)


def _check_can_write(actor: User, beneficiary: Beneficiary | None, profile: dict[str, Any]) -> None:
    if not actor.does_casework:
        raise PermissionDenied
    agency = profile["home_agency"]
    if not unit_in_scope(actor, agency) or agency.kind != "agency":
        raise ValidationError({"home_agency": _("Choose an agency within your scope.")})
    if beneficiary is not None and not unit_in_scope(actor, beneficiary.home_agency):
        raise PermissionDenied
    advisor = profile.get("assigned_advisor")
    if advisor is not None and (advisor.role != Role.ADVISOR or advisor.unit_id != agency.pk):
        raise ValidationError({"assigned_advisor": _("The advisor must work in her home agency.")})


def _normalised_phones(phones: list[str]) -> list[str]:
    try:
        return list(dict.fromkeys(identifiers.normalise_phone(p) for p in phones))
    except identifiers.IdentifierError:
        raise ValidationError(
            {"phones": _("Enter a valid Moroccan or Spanish phone number, e.g. 0612345678.")}
        ) from None


def _normalised_cin(profile: dict[str, Any]) -> dict[str, Any]:
    cin = profile.get("cin") or ""
    try:
        return {**profile, "cin": identifiers.normalise_cin(cin) if cin else ""}
    except identifiers.IdentifierError:
        raise ValidationError(
            {"cin": _("A CIN is one or two letters followed by digits, e.g. AB123456.")}
        ) from None


def _replace_phones(beneficiary: Beneficiary, phones: list[str]) -> None:
    beneficiary.phones.all().delete()
    BeneficiaryPhone.objects.bulk_create(
        BeneficiaryPhone(
            beneficiary=beneficiary,
            number=number,
            number_hash=search_hash("phone", number),
            position=position,
        )
        for position, number in enumerate(phones)
    )


def _save_consent(
    *, actor: User, beneficiary: Beneficiary, purpose: str, given: bool, consent: ConsentInput
) -> Consent:
    if consent.method == Consent.Method.ORAL_WITH_WITNESS and not consent.witness_name.strip():
        raise ValidationError({"witness_name": _("Oral consent needs the name of a witness.")})
    record = Consent(
        beneficiary=beneficiary,
        purpose=purpose,
        given=given,
        method=consent.method,
        witness_name=consent.witness_name,
        text_version=consent.text_version,
        recorded_by=actor,
    )
    record.full_clean()
    record.save()
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CONSENT_GIVEN if given else AuditEvent.Action.CONSENT_WITHDRAWN,
        obj=record,
        beneficiary_id=beneficiary.pk,
        changed_fields=[purpose],
    )
    return record


def beneficiary_register(
    *,
    actor: User,
    profile: dict[str, Any],
    phones: list[str],
    consent: ConsentInput,
    duplicate_reason: str = "",
    via: str = "web",
) -> Beneficiary:
    """Register a woman with her consent. Raises PossibleDuplicates unless a reason is given."""
    if Consent.Purpose.ACCOMPANIMENT not in consent.purposes:
        raise ValidationError(
            {
                "consent_purposes": _(
                    "She cannot be registered without her consent to accompaniment."
                )
            }
        )
    _check_can_write(actor, None, profile)
    phones = _normalised_phones(phones)
    profile = _normalised_cin(profile)
    candidates = duplicate_candidates(
        actor=actor,
        cin=profile.get("cin", ""),
        phones=phones,
        birth_date=profile["birth_date"],
        names=[
            f"{profile.get('first_name_latin', '')} {profile.get('last_name_latin', '')}",
            f"{profile.get('first_name_ar', '')} {profile.get('last_name_ar', '')}",
        ],
        person=matching.PersonName(
            profile.get("first_name_latin", ""),
            profile.get("last_name_latin", ""),
            profile.get("first_name_ar", ""),
            profile.get("last_name_ar", ""),
        ),
    )
    if candidates and not duplicate_reason.strip():
        raise PossibleDuplicates(candidates)

    beneficiary = Beneficiary(
        **profile,
        registered_by=actor,
        duplicate_override_reason=duplicate_reason.strip() if candidates else "",
    )
    apply_derived_fields(beneficiary)
    beneficiary.full_clean(exclude=DERIVED_FIELDS)
    with transaction.atomic():
        beneficiary.save()
        _replace_phones(beneficiary, phones)
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CREATE,
            obj=beneficiary,
            beneficiary_id=beneficiary.pk,
            changed_fields=[f for f in PROFILE_FIELDS if profile.get(f) not in (None, "", [])]
            + (["phones"] if phones else []),
            via=via,
        )
        for purpose in consent.purposes:
            _save_consent(
                actor=actor, beneficiary=beneficiary, purpose=purpose, given=True, consent=consent
            )
        # Her accompaniment starts with her registration. Imported here: cases builds on this
        # module (consent checks), so a module-level import would be circular.
        from irtiqaa.cases.services import case_open

        case_open(actor=actor, beneficiary=beneficiary, via=via)
        if candidates:
            # The advisor has said she is none of these women: those pairs are decided.
            duplicates.record_registration_decision(
                actor=actor,
                beneficiary=beneficiary,
                candidates=candidates,
                reason=duplicate_reason,
            )
        _look_for_duplicates_after_commit(beneficiary)
    return beneficiary


def _look_for_duplicates_after_commit(beneficiary: Beneficiary) -> None:
    """Her possible duplicates across the whole registry (the check above only sees the
    advisor's scope), found by a worker once her file is saved."""
    from irtiqaa.beneficiaries.tasks import detect_duplicates_task

    pk = beneficiary.pk
    transaction.on_commit(lambda: detect_duplicates_task.enqueue([pk]))


def _comparable(beneficiary: Beneficiary, phones: list[str]) -> dict[str, Any]:
    values: dict[str, Any] = {name: getattr(beneficiary, name) for name in PROFILE_FIELDS}
    values["phones"] = phones
    return values


def _refuse_identifiers_of_another_woman(
    actor: User, beneficiary: Beneficiary, phones: list[str]
) -> None:
    """A CIN or phone number edited into one another woman already has is almost always a typing
    mistake; two files of the same woman are merged, not made to share an identifier."""
    others = duplicate_candidates(
        actor=actor,
        cin=beneficiary.cin,
        phones=phones,
        birth_date=None,
        names=[],
        exclude_id=beneficiary.pk,
    )
    for other in others:
        field = "cin" if "cin" in other.reasons else "phones"
        raise ValidationError(
            {
                field: _("This number is already recorded for another woman: %(name)s.")
                % {"name": other.beneficiary.display_name}
            }
        )


def beneficiary_update(
    *,
    actor: User,
    beneficiary: Beneficiary,
    profile: dict[str, Any],
    phones: list[str],
    expected_version: int,
    via: str = "web",
) -> Beneficiary:
    """Save an edit made from `expected_version`; raises EditConflict if someone saved in between."""
    _check_can_write(actor, beneficiary, profile)
    phones = _normalised_phones(phones)
    profile = _normalised_cin(profile)
    before = _comparable(beneficiary, [p.number for p in beneficiary.phones.all()])
    for name, value in profile.items():
        setattr(beneficiary, name, value)
    apply_derived_fields(beneficiary)
    beneficiary.full_clean(exclude=DERIVED_FIELDS)
    changed = sorted(
        name for name, value in _comparable(beneficiary, phones).items() if before[name] != value
    )
    if "cin" in changed or "phones" in changed:
        _refuse_identifiers_of_another_woman(actor, beneficiary, phones)
    with transaction.atomic():
        require_accompaniment_consent(beneficiary)
        save_versioned(beneficiary, expected_version=expected_version)
        if "phones" in changed:
            _replace_phones(beneficiary, phones)
        audit_record(
            actor=actor,
            action=AuditEvent.Action.UPDATE,
            obj=beneficiary,
            beneficiary_id=beneficiary.pk,
            changed_fields=changed,
            via=via,
        )
        if set(changed) & IDENTITY_FIELDS:
            _look_for_duplicates_after_commit(beneficiary)
    return beneficiary


def consent_record(
    *,
    actor: User,
    beneficiary: Beneficiary,
    purpose: str,
    given: bool,
    consent: ConsentInput,
    via: str = "web",
) -> Consent:
    """Record a consent decision; a withdrawal takes effect as soon as it is saved."""
    if not actor.does_casework or not unit_in_scope(actor, beneficiary.home_agency):
        raise PermissionDenied
    with transaction.atomic():
        lock_file(beneficiary)
        return _save_consent(
            actor=actor, beneficiary=beneficiary, purpose=purpose, given=given, consent=consent
        )


def lock_file(beneficiary: Beneficiary) -> None:
    """Hold her row until the caller's transaction ends, so that a consent decision and a change
    to her file are never interleaved (a no-op on SQLite, whose writers take turns anyway)."""
    list(Beneficiary.objects.select_for_update().filter(pk=beneficiary.pk).values_list("pk"))


def require_accompaniment_consent(beneficiary: Beneficiary) -> None:
    """Accompaniment work stops the moment she withdraws that consent. Call it inside the write's
    transaction: it locks her file, so a withdrawal saved meanwhile is always seen."""
    lock_file(beneficiary)
    if not accompaniment_allowed(consents_in_force(beneficiary)):
        raise ValidationError(
            _("She has withdrawn her consent to accompaniment: her file can no longer be changed.")
        )


def beneficiary_file_opened(*, actor: User, beneficiary: Beneficiary, via: str = "web") -> None:
    audit_record(
        actor=actor,
        action=AuditEvent.Action.VIEW,
        obj=beneficiary,
        beneficiary_id=beneficiary.pk,
        via=via,
    )
