"""Reads of the registry. Every function takes the acting user and returns only her scope."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.http import Http404

from irtiqaa.accounts.models import User
from irtiqaa.beneficiaries import identifiers, matching
from irtiqaa.beneficiaries.models import Beneficiary, BeneficiaryPhone, Consent
from irtiqaa.lib.crypto import search_hash
from irtiqaa.organisations.scope import casework_prefix

# Above this similarity, a name with the same birth date is shown as a possible duplicate.
SIMILAR_NAME_THRESHOLD = matching.MATCH_THRESHOLD  # 0.85


def beneficiaries_in_scope(actor: User) -> QuerySet[Beneficiary]:
    """The women whose files the actor may read: under her unit, and not merged into another
    file (a merged file answers with a pointer to the survivor: `beneficiary_get`)."""
    prefix = casework_prefix(actor)
    if prefix is None:
        return Beneficiary.objects.none()
    return Beneficiary.objects.filter(
        home_agency__path__startswith=prefix, merged_into__isnull=True
    )


class MergedFile(Http404):
    """The file asked for was merged into another one, which the actor may read: she is sent
    there (a 404 wherever this is not handled, as for any file she may not read)."""

    def __init__(self, merged: Beneficiary, survivor: Beneficiary) -> None:
        super().__init__("merged")
        self.merged, self.survivor = merged, survivor


def beneficiary_get(*, actor: User, pk: int) -> Beneficiary:
    """The woman's record, or 404 if she does not exist or is outside the actor's scope;
    MergedFile (a 404) if it was merged into a file within the actor's scope."""
    try:
        return (
            beneficiaries_in_scope(actor)
            .select_related("province__region", "home_agency", "assigned_advisor")
            .get(pk=pk)
        )
    except (Beneficiary.DoesNotExist, ValueError, TypeError):
        pass
    prefix = casework_prefix(actor)
    merged = (
        Beneficiary.objects.filter(
            pk=pk, merged_into__isnull=False, home_agency__path__startswith=prefix
        )
        .select_related("merged_into__home_agency")
        .first()
        if prefix is not None and isinstance(pk, int)
        else None
    )
    if merged is not None and merged.merged_into is not None:
        survivor = merged.merged_into
        if survivor.merged_into_id is None and survivor.home_agency.path.startswith(prefix or "/"):
            raise MergedFile(merged, survivor)
    raise Http404


def merged_file_ids_of(beneficiary_id: int) -> list[int]:
    """The ids of the files merged into hers: events recorded under them are part of her
    history. (A file merged into one that was merged in turn points at the last survivor.)"""
    return list(
        Beneficiary.objects.filter(merged_into_id=beneficiary_id).values_list("pk", flat=True)
    )


def _identifier_matches(query: str) -> Q | None:
    """CIN and phones are held encrypted: they are found whole, through their keyed hash, never
    by a fragment. Names hold no digits, so a query with digits is an identifier or nothing."""
    if not any(c.isdigit() for c in query):
        return None
    try:
        cin = identifiers.normalise_cin(query)
    except identifiers.IdentifierError:
        pass
    else:
        return Q(cin_hash=search_hash("cin", cin))
    if sum(c.isdigit() for c in query) >= 8:
        try:
            phone = identifiers.normalise_phone(query)
        except identifiers.IdentifierError:
            return Q(pk__in=[])
        owners = BeneficiaryPhone.objects.filter(number_hash=search_hash("phone", phone))
        return Q(pk__in=owners.values("beneficiary_id"))
    return Q(pk__in=[])


def is_partial_identifier(query: str) -> bool:
    """Digits that are neither a whole CIN nor a whole phone number."""
    query = query.strip()
    return any(c.isdigit() for c in query) and _identifier_matches(query) == Q(pk__in=[])


def beneficiary_list(
    *,
    actor: User,
    query: str = "",
    campaign_id: int | None = None,
    participation_status: str = "",
    province_id: int | None = None,
    advisor_id: int | None = None,
) -> QuerySet[Beneficiary]:
    """Her caseload: search by name in either script, by CIN or by phone; filters."""
    beneficiaries = beneficiaries_in_scope(actor)
    query = query.strip()
    if query:
        by_identifier = _identifier_matches(query)
        if by_identifier is not None:
            beneficiaries = beneficiaries.filter(by_identifier)
        else:
            for term in matching.query_terms(query)[:6]:
                beneficiaries = beneficiaries.filter(search_text__contains=term)
    if campaign_id or participation_status:
        participations = Q()
        if campaign_id:
            participations &= Q(participations__campaign_id=campaign_id)
        if participation_status:
            participations &= Q(participations__status=participation_status)
        beneficiaries = beneficiaries.filter(participations).distinct()
    if province_id:
        beneficiaries = beneficiaries.filter(province_id=province_id)
    if advisor_id:
        beneficiaries = beneficiaries.filter(assigned_advisor_id=advisor_id)
    return beneficiaries.select_related("province", "home_agency", "assigned_advisor")


def decisions_in_force(consents: list[Consent]) -> dict[str, Consent]:
    """The latest decision for each purpose, from her consents newest first."""
    current: dict[str, Consent] = {}
    for consent in consents:
        current.setdefault(consent.purpose, consent)
    return current


def consents_in_force(beneficiary: Beneficiary) -> dict[str, Consent]:
    return decisions_in_force(
        list(beneficiary.consents.select_related("recorded_by").order_by("-recorded_at", "-id"))
    )


def accompaniment_allowed(in_force: dict[str, Consent]) -> bool:
    current = in_force.get(Consent.Purpose.ACCOMPANIMENT)
    return current is not None and current.given


@dataclass
class DuplicateCandidate:
    beneficiary: Beneficiary
    reasons: list[str] = field(default_factory=list)
    score: float = 0.0
    # The name comparison's score and codes (matching.match_score), when names were compared.
    name_score: float = 0.0
    evidence: list[str] = field(default_factory=list)


def _name_score(
    person: matching.PersonName | None,
    names: list[str],
    first_latin: str,
    last_latin: str,
    first_ar: str,
    last_ar: str,
) -> float:
    """How alike her names and a registered woman's are: `matching.match_score` with `person`,
    otherwise the best `matching.similarity` of the whole names."""
    if person is not None:
        theirs = matching.PersonName(first_latin, last_latin, first_ar, last_ar)
        return matching.match_score(person, theirs).score
    latin = f"{first_latin} {last_latin}".strip()
    arabic = f"{first_ar} {last_ar}".strip()
    if not (latin or arabic):
        return 0.0
    return max(
        matching.similarity(mine, theirs) for mine in names for theirs in (latin, arabic) if theirs
    )


def duplicate_candidates(
    *,
    actor: User,
    cin: str,
    phones: list[str],
    birth_date: datetime.date | None,
    names: list[str],
    exclude_id: int | None = None,
    person: matching.PersonName | None = None,
) -> list[DuplicateCandidate]:
    """Women already registered who may be this one: same CIN or phone, or same birth date and
    a similar name. Only women within the actor's scope are shown (the others stay hidden).

    With `person` (her first and last names in each script), names are compared with
    `matching.match_score` (first and last names each, also swapped); otherwise the whole
    `names` are compared with `matching.similarity`."""
    names = [n.strip() for n in names if n.strip()]
    if person is not None and not person.versions():
        person = None
    # Her agency is shown with each candidate: fetched with her, on the join the scope makes.
    scope = beneficiaries_in_scope(actor).select_related("home_agency")
    if exclude_id:
        scope = scope.exclude(pk=exclude_id)
    found: dict[int, DuplicateCandidate] = {}

    def candidate(b: Beneficiary) -> DuplicateCandidate:
        return found.setdefault(b.pk, DuplicateCandidate(beneficiary=b))

    if cin:
        for b in scope.filter(cin_hash=search_hash("cin", cin)):
            candidate(b).reasons.append("cin")
            candidate(b).score = 1.0
    if phones:
        hashes = [search_hash("phone", p) for p in phones]
        owners = BeneficiaryPhone.objects.filter(number_hash__in=hashes).values("beneficiary_id")
        for b in scope.filter(pk__in=owners):
            candidate(b).reasons.append("phone")
            candidate(b).score = max(candidate(b).score, 0.95)
    if birth_date is not None and (person is not None or names):
        # Every woman of the scope born that day is compared, by her names only: the whole
        # record (and her CIN, decrypted) is loaded for those whose names are similar.
        similar: dict[int, float] = {}
        for pk, *theirs in scope.filter(birth_date=birth_date).values_list(
            "pk", "first_name_latin", "last_name_latin", "first_name_ar", "last_name_ar"
        ):
            score = _name_score(person, names, *theirs)
            if score >= SIMILAR_NAME_THRESHOLD:
                similar[pk] = score
        missing = [pk for pk in similar if pk not in found]
        loaded = scope.in_bulk(missing) if missing else {}
        for pk, score in similar.items():
            if pk in loaded:
                candidate(loaded[pk])
            if pk in found:  # not if she was removed in between
                found[pk].reasons.append("birth_date_and_name")
                found[pk].score = max(found[pk].score, score)
    return sorted(found.values(), key=lambda c: -c.score)


def matching_name_fields() -> tuple[str, ...]:
    return ("first_name_latin", "last_name_latin", "first_name_ar", "last_name_ar")


@dataclass(frozen=True)
class PersonQuery:
    """A person to look for in the registry (a row of an imported list)."""

    person: matching.PersonName
    birth_date: datetime.date | None
    cin_hash: str = ""
    phone_hashes: tuple[str, ...] = ()


def registry_candidates(
    *, actor: User, people: list[PersonQuery], chunk_size: int = 500
) -> list[list[DuplicateCandidate]]:
    """For each person, the women of the actor's scope who may be her, best first, by the same
    rules as `duplicate_candidates` (same CIN, same phone, or same date of birth and a name
    scoring at least the threshold) — in three queries per chunk of people instead of three per
    person. The evidence lists the reasons, then the name comparison's own codes."""
    found: list[dict[int, DuplicateCandidate]] = [{} for _ in people]
    # Only what is compared: no identifier is decrypted.
    scope = beneficiaries_in_scope(actor).only(
        "pk", "birth_date", "cin_hash", *matching_name_fields()
    )
    for start in range(0, len(people), chunk_size):
        chunk = list(enumerate(people[start : start + chunk_size], start=start))
        by_cin: dict[str, list[int]] = {}
        by_phone: dict[str, list[int]] = {}
        by_date: dict[datetime.date, list[int]] = {}
        for index, query in chunk:
            if query.cin_hash:
                by_cin.setdefault(query.cin_hash, []).append(index)
            for phone_hash in query.phone_hashes:
                by_phone.setdefault(phone_hash, []).append(index)
            if query.birth_date is not None:
                by_date.setdefault(query.birth_date, []).append(index)
        women: dict[int, Beneficiary] = {}
        matches: list[tuple[int, int, str]] = []
        if by_cin:
            for woman in scope.filter(cin_hash__in=list(by_cin)):
                women[woman.pk] = woman
                matches.extend((i, woman.pk, "cin") for i in by_cin[woman.cin_hash])
        if by_phone:
            phone_owners = BeneficiaryPhone.objects.filter(
                number_hash__in=list(by_phone), beneficiary__in=scope
            ).values_list("beneficiary_id", "number_hash")
            for owner_id, phone_hash in phone_owners:
                matches.extend((i, owner_id, "phone") for i in by_phone[phone_hash])
        if by_date:
            for woman in scope.filter(birth_date__in=list(by_date)):
                women[woman.pk] = woman
                matches.extend((i, woman.pk, "birth_date") for i in by_date[woman.birth_date])
        missing = {pk for _i, pk, _r in matches} - set(women)
        women.update(scope.in_bulk(missing))
        for index, pk, reason in matches:
            woman = women[pk]
            theirs = matching.PersonName(
                woman.first_name_latin,
                woman.last_name_latin,
                woman.first_name_ar,
                woman.last_name_ar,
            )
            name = matching.match_score(people[index].person, theirs)
            if reason == "birth_date" and name.score < SIMILAR_NAME_THRESHOLD:
                continue
            candidate = found[index].setdefault(pk, DuplicateCandidate(beneficiary=woman))
            candidate.reasons.append(reason)
            if reason == "cin":
                candidate.score = 1.0
            elif reason == "phone":
                candidate.score = max(candidate.score, 0.95 if name.score >= 0.5 else 0.7)
            else:
                candidate.score = max(candidate.score, name.score)
            candidate.name_score = name.score
            if name.score >= SIMILAR_NAME_THRESHOLD:
                candidate.evidence = list(name.evidence)
    return [sorted(f.values(), key=lambda c: (-c.score, c.beneficiary.pk)) for f in found]
