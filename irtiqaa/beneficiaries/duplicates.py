"""Files that may be the same woman: finding them across the registry, reviewing them, and
recording that two files are two different women.

A pair is suspected when the two files share a CIN, share a phone number, or have the same birth
date and names that `matching.match_score` scores at least `MATCH_THRESHOLD` — the rules of the
registration's duplicate check (`selectors.duplicate_candidates`), applied to the whole registry
whatever the scope. Files merged into another are left out.
"""

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from irtiqaa.accounts.models import User
from irtiqaa.audit.models import AuditEvent
from irtiqaa.audit.services import audit_record
from irtiqaa.beneficiaries import matching, pairing
from irtiqaa.beneficiaries.models import Beneficiary, BeneficiaryPhone, DuplicatePair
from irtiqaa.beneficiaries.selectors import DuplicateCandidate
from irtiqaa.organisations.scope import casework_prefix

CIN_SCORE = 1.0
PHONE_SCORE = 0.95  # as in the registration's check: a phone is sometimes a relative's
CHUNK_SIZE = 500  # women whose duplicates are looked for at a time

# What each evidence code means, in words, for the review page.
EVIDENCE_LABELS: dict[str, Promise] = {
    "cin": gettext_lazy("same CIN"),
    "phone": gettext_lazy("same phone"),
    "birth_date": gettext_lazy("same date of birth"),
    "similar_name": gettext_lazy("similar names"),
    "whole:same_key": gettext_lazy("names spelt alike"),
    "whole:similar_spelling": gettext_lazy("names spelt similarly"),
    "whole:same_consonants": gettext_lazy("names with the same consonants"),
    "whole:one_typo": gettext_lazy("one typing slip in the name"),
    "first:same_key": gettext_lazy("first names spelt alike"),
    "first:similar_spelling": gettext_lazy("first names spelt similarly"),
    "first:same_consonants": gettext_lazy("first names with the same consonants"),
    "first:one_typo": gettext_lazy("one typing slip in the first name"),
    "last:same_key": gettext_lazy("last names spelt alike"),
    "last:similar_spelling": gettext_lazy("last names spelt similarly"),
    "last:same_consonants": gettext_lazy("last names with the same consonants"),
    "last:one_typo": gettext_lazy("one typing slip in the last name"),
    "swapped": gettext_lazy("first and last names swapped"),
    "arabic_latin": gettext_lazy("Arabic and Latin spellings of the same name"),
}


def evidence_words(codes: Iterable[str]) -> list[str]:
    return [str(EVIDENCE_LABELS[code]) for code in codes if code in EVIDENCE_LABELS]


# --- Finding pairs ---------------------------------------------------------------------------


@dataclass
class _Found:
    score: float = 0.0
    evidence: list[str] = field(default_factory=list)

    def add(self, score: float, codes: Iterable[str]) -> None:
        self.score = max(self.score, score)
        for code in codes:
            if code not in self.evidence:
                self.evidence.append(code)

    def ordered_evidence(self) -> list[str]:
        rank = {"cin": 0, "phone": 1, "birth_date": 2}
        return sorted(self.evidence, key=lambda code: rank.get(code, 3))


Found = dict[tuple[int, int], _Found]
NAME_COLUMNS = ("first_name_latin", "last_name_latin", "first_name_ar", "last_name_ar")


def _active() -> QuerySet[Beneficiary]:
    return Beneficiary.objects.filter(merged_into__isnull=True)


def _chunks(values: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _pairs_sharing(
    found: Found,
    owners: Iterable[tuple[Any, int]],
    code: str,
    score: float,
    involving: set[int] | None,
) -> None:
    """Every two women sharing a key (owners: (key, woman) sorted by key)."""
    for _key, rows in groupby(owners, key=lambda row: row[0]):
        women = sorted({pk for _, pk in rows})
        for i, a in enumerate(women):
            for b in women[i + 1 :]:
                if involving is None or a in involving or b in involving:
                    found.setdefault((a, b), _Found()).add(score, [code])


def _by_cin(found: Found, involving: set[int] | None) -> None:
    active = _active().exclude(cin_hash="")
    if involving is None:
        hashes = list(
            active.values("cin_hash")
            .annotate(n=Count("pk"))
            .filter(n__gt=1)
            .values_list("cin_hash", flat=True)
        )
    else:
        hashes = list(active.filter(pk__in=involving).values_list("cin_hash", flat=True))
    for chunk in _chunks(hashes, 1000):
        owners = (
            active.filter(cin_hash__in=chunk).order_by("cin_hash").values_list("cin_hash", "pk")
        )
        _pairs_sharing(found, owners, "cin", CIN_SCORE, involving)


def _by_phone(found: Found, involving: set[int] | None) -> None:
    phones = BeneficiaryPhone.objects.filter(beneficiary__merged_into__isnull=True)
    if involving is None:
        hashes = list(
            phones.values("number_hash")
            .annotate(n=Count("beneficiary_id", distinct=True))
            .filter(n__gt=1)
            .values_list("number_hash", flat=True)
        )
    else:
        hashes = list(
            phones.filter(beneficiary_id__in=involving).values_list("number_hash", flat=True)
        )
    for chunk in _chunks(hashes, 1000):
        owners = (
            phones.filter(number_hash__in=chunk)
            .order_by("number_hash")
            .values_list("number_hash", "beneficiary_id")
        )
        _pairs_sharing(found, owners, "phone", PHONE_SCORE, involving)


def _person(row: tuple[Any, ...]) -> pairing.Person:
    pk, _birth_date, *names = row
    return pk, matching.PersonName(*names)


def _by_birth_date(
    found: Found,
    women: QuerySet[Beneficiary],
    involving: set[int] | None,
    progress: Callable[[int], Any],
) -> None:
    rows = (
        women.order_by("birth_date", "pk")
        .values_list("pk", "birth_date", *NAME_COLUMNS)
        .iterator(chunk_size=2000)
    )
    done = 0
    for _day, day_rows in groupby(rows, key=lambda row: row[1]):
        group = [_person(row) for row in day_rows]
        for low, high, match in pairing.name_pairs(group, involving=involving):
            found.setdefault((low, high), _Found()).add(
                match.score, ["birth_date", *match.evidence]
            )
        done += len(group)
        progress(done)


def _record(found: Found, involving: set[int] | None) -> int:
    """Record the pairs found; returns how many are new. A pair someone decided on (not the same
    woman, merged) is never reopened; a suspected pair gets its new score and evidence, and one
    no longer found (a CIN corrected...) is dropped, no one having decided anything about it."""
    existing_pairs = DuplicatePair.objects.all()
    if involving is not None:
        existing_pairs = existing_pairs.filter(
            Q(first_id__in=involving) | Q(second_id__in=involving)
        )
    existing = {
        (pair.first_id, pair.second_id): pair
        for pair in existing_pairs.only(
            "pk", "first_id", "second_id", "status", "score", "evidence"
        )
    }
    new, changed = [], []
    for (low, high), what in found.items():
        evidence = what.ordered_evidence()
        score = round(what.score, 4)
        pair = existing.get((low, high))
        if pair is None:
            new.append(DuplicatePair(first_id=low, second_id=high, score=score, evidence=evidence))
        elif pair.status == DuplicatePair.Status.SUSPECTED and (
            pair.score != score or pair.evidence != evidence
        ):
            pair.score, pair.evidence = score, evidence
            changed.append(pair)
    stale = [
        pair.pk
        for key, pair in existing.items()
        if pair.status == DuplicatePair.Status.SUSPECTED and key not in found
    ]
    with transaction.atomic():
        # A pair recorded meanwhile by another run is left as it is.
        DuplicatePair.objects.bulk_create(new, batch_size=500, ignore_conflicts=True)
        DuplicatePair.objects.bulk_update(changed, ["score", "evidence"], batch_size=500)
        for chunk in _chunks(stale, 500):
            DuplicatePair.objects.filter(
                pk__in=chunk, status=DuplicatePair.Status.SUSPECTED
            ).delete()
    return len(new)


def duplicate_pairs_detect(
    *,
    beneficiary_ids: Iterable[int] | None = None,
    progress: Callable[[int], Any] = lambda done: None,
) -> int:
    """Look for suspected duplicates of these women across the whole registry (or, with None,
    among all the women of the registry) and record them; returns how many new pairs were
    recorded. `progress` is told how many women have been compared so far."""
    if beneficiary_ids is None:
        found: Found = {}
        _by_cin(found, None)
        _by_phone(found, None)
        _by_birth_date(found, _active(), None, progress)
        return _record(found, None)
    created, done = 0, 0
    for chunk in _chunks(sorted(set(beneficiary_ids)), CHUNK_SIZE):
        involving = set(_active().filter(pk__in=chunk).values_list("pk", flat=True))
        found = {}
        if involving:
            _by_cin(found, involving)
            _by_phone(found, involving)
            days = set(_active().filter(pk__in=involving).values_list("birth_date", flat=True))
            _by_birth_date(found, _active().filter(birth_date__in=days), involving, lambda n: None)
        created += _record(found, set(chunk))
        done += len(chunk)
        progress(done)
    return created


def record_registration_decision(
    *, actor: User, beneficiary: Beneficiary, candidates: list[DuplicateCandidate], reason: str
) -> None:
    """She was registered although the check showed these women, with a reason: the advisor has
    said they are different women, so these pairs are recorded as decided."""
    now = timezone.now()
    codes = {"cin": "cin", "phone": "phone", "birth_date_and_name": "similar_name"}
    pairs = []
    for candidate in candidates:
        low, high = sorted((beneficiary.pk, candidate.beneficiary.pk))
        evidence = [codes.get(r, r) for r in candidate.reasons]
        if "similar_name" in evidence:
            evidence.insert(evidence.index("similar_name"), "birth_date")
        pairs.append(
            DuplicatePair(
                first_id=low,
                second_id=high,
                score=round(candidate.score, 4),
                evidence=evidence,
                status=DuplicatePair.Status.NOT_DUPLICATE,
                decided_by=actor,
                decided_at=now,
                note=reason.strip(),
            )
        )
    DuplicatePair.objects.bulk_create(pairs, ignore_conflicts=True)


def record_import_decisions(
    *, actor: User, pairs: list[tuple[int, int, float, list[str]]], note: str
) -> None:
    """Women imported as new although the check proposed these registered women (new woman,
    proposed woman, score, evidence): the advisor has said they differ, so the pairs are
    recorded as decided and never proposed again."""
    now = timezone.now()
    DuplicatePair.objects.bulk_create(
        [
            DuplicatePair(
                first_id=min(a, b),
                second_id=max(a, b),
                score=round(score, 4),
                evidence=[code for code in evidence if code in EVIDENCE_LABELS],
                status=DuplicatePair.Status.NOT_DUPLICATE,
                decided_by=actor,
                decided_at=now,
                note=note,
            )
            for a, b, score, evidence in pairs
        ],
        ignore_conflicts=True,
    )


# --- Reading pairs -----------------------------------------------------------------------------


def _pairs_in_scope(actor: User) -> QuerySet[DuplicatePair]:
    """Pairs whose two files are both within the actor's scope (as `beneficiaries_in_scope`
    decides it: her units' subtree, files not merged away), written as joins from the small
    pair table rather than as two subqueries over the whole registry."""
    prefix = casework_prefix(actor)
    if prefix is None:
        return DuplicatePair.objects.none()
    return DuplicatePair.objects.filter(
        first__home_agency__path__startswith=prefix,
        second__home_agency__path__startswith=prefix,
        first__merged_into__isnull=True,
        second__merged_into__isnull=True,
    )


def duplicate_pairs_for_review(*, actor: User) -> QuerySet[DuplicatePair]:
    """Suspected pairs where both women are within the actor's scope, the likeliest first."""
    related = ("province", "home_agency", "assigned_advisor")
    return (
        _pairs_in_scope(actor)
        .filter(status=DuplicatePair.Status.SUSPECTED)
        .select_related(*(f"{side}__{r}" for side in ("first", "second") for r in related))
        .order_by("-score", "id")
    )


def suspected_pair_count(*, actor: User) -> int:
    return _pairs_in_scope(actor).filter(status=DuplicatePair.Status.SUSPECTED).count()


def suspected_pairs_of(*, actor: User, beneficiary: Beneficiary) -> list[DuplicatePair]:
    """Her suspected pairs whose other file the actor may see too."""
    return list(
        _pairs_in_scope(actor)
        .filter(status=DuplicatePair.Status.SUSPECTED)
        .filter(Q(first=beneficiary) | Q(second=beneficiary))
        .order_by("-score", "id")
    )


def duplicate_pair_get(*, actor: User, pk: int) -> DuplicatePair:
    """A pair whose two files are within the actor's scope (whatever its status), or 404."""
    try:
        return _pairs_in_scope(actor).select_related("first", "second").get(pk=pk)
    except (DuplicatePair.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


# --- Deciding ----------------------------------------------------------------------------------


def _check_can_decide(actor: User, pair: DuplicatePair) -> None:
    if not actor.does_casework:
        raise PermissionDenied
    if not _pairs_in_scope(actor).filter(pk=pair.pk).exists():
        raise PermissionDenied


def duplicate_pair_dismiss(
    *, actor: User, pair: DuplicatePair, reason: str, via: str = "web"
) -> DuplicatePair:
    """Record that the two files are two different women; the pair is never suggested again."""
    _check_can_decide(actor, pair)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say briefly how you know they are two women.")})
    if len(reason) > 1000:
        raise ValidationError({"reason": _("Keep the reason under 1,000 characters.")})
    with transaction.atomic():
        locked = DuplicatePair.objects.select_for_update().get(pk=pair.pk)
        if locked.status != DuplicatePair.Status.SUSPECTED:
            raise ValidationError(_("Someone has already decided about these two files."))
        locked.status = DuplicatePair.Status.NOT_DUPLICATE
        locked.decided_by = actor
        locked.decided_at = timezone.now()
        locked.note = reason
        locked.save(update_fields=["status", "decided_by", "decided_at", "note"])
        for beneficiary_id in (locked.first_id, locked.second_id):
            audit_record(
                actor=actor,
                action=AuditEvent.Action.UPDATE,
                obj=locked,
                beneficiary_id=beneficiary_id,
                changed_fields=["status", "note"],
                via=via,
            )
    return locked
