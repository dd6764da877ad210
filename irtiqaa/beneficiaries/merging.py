"""Merging two files of the same woman: one file survives, with everything both held.

What the merge keeps, and the rules where the two files disagree:

- Identity and profile: for each field (`MERGE_FIELDS`) the person merging chooses whose value
  the surviving file keeps; a field she was not asked about keeps the survivor's value, or the
  other file's when the survivor has none.
- Phones: the union, each number once (compared by keyed hash); the survivor's first.
- Consents: every decision of both files is kept under the survivor, so her consent history
  stays complete, and the latest decision per purpose is in force, as always — with one
  exception: a purpose withdrawn on either file (the decision in force on that file is a
  withdrawal) stays withdrawn, even if the other file holds a later "given". A withdrawal is
  never lifted by a merge: the withdrawal is recorded again on the survivor, at the time of the
  merge, so that it is the decision in force. Only she can give her consent again.
- Seasons: a campaign on one file only moves; a campaign on both keeps the survivor's season,
  whose empty fields (employer, dates, savings, earnings; a status still "selected") are filled
  from the other's, takes its incidents, and the emptied duplicate is deleted.
- Case: the survivor's case stays; the other case's phase history, interactions and transfers
  move to her; the other case is then deleted. Her phase afterwards is the current one of the
  two: an open case over a closed one, and between two open (or two closed) cases the one whose
  phase changed last (phases are cyclic, season after season, so the last change says where she
  is better than any order of phases).
- Action plan: the other plan's goals (with their actions) are added after the survivor's; a
  survivor without a plan takes the other's.
- Workshops: an invitation to a workshop only one file has moves; for a workshop on both, the
  invitation with attendance recorded is kept (the survivor's when both or neither have).
- Assessments: moved.
- Audit: nothing rewritten (the log is append-only). The merged file stays, pointing at the
  survivor, so that her history (the timeline, the audit log of her file) includes the events
  recorded under the merged file's id. One `merge` event on each file.
- The merged file: `merged_into` and `merged_at` set, its CIN hash cleared (identifier searches
  find the survivor only), out of every list, search and scope; files merged into it earlier
  now point at the survivor. Its suspected pairs are closed, carried over to the survivor.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from irtiqaa.accounts.models import User
from irtiqaa.assessments.models import Assessment
from irtiqaa.audit.models import AuditEvent
from irtiqaa.audit.services import audit_record
from irtiqaa.beneficiaries.derived import apply_derived_fields
from irtiqaa.beneficiaries.models import Beneficiary, BeneficiaryPhone, Consent, DuplicatePair
from irtiqaa.beneficiaries.selectors import consents_in_force
from irtiqaa.beneficiaries.services import DERIVED_FIELDS, _check_can_write
from irtiqaa.cases.models import Case, Interaction, PhaseChange, Transfer
from irtiqaa.lib.errors import EditConflict
from irtiqaa.lib.locking import save_versioned
from irtiqaa.organisations.scope import unit_in_scope
from irtiqaa.plans.models import Action, ActionPlan, Goal
from irtiqaa.seasons.models import Incident, Participation
from irtiqaa.workshops.models import Invitation

SURVIVOR, MERGED = "survivor", "merged"

# The choices offered, each covering one or more fields of her file (children: their number
# and birth years go together).
MERGE_FIELDS: dict[str, tuple[str, ...]] = {
    "first_name_latin": ("first_name_latin",),
    "last_name_latin": ("last_name_latin",),
    "first_name_ar": ("first_name_ar",),
    "last_name_ar": ("last_name_ar",),
    "birth_date": ("birth_date",),
    "cin": ("cin",),
    "province": ("province",),
    "commune": ("commune",),
    "marital_status": ("marital_status",),
    "children": ("children_count", "children_birth_years"),
    "education_level": ("education_level",),
    "literacy_arabic": ("literacy_arabic",),
    "literacy_french": ("literacy_french",),
    "languages": ("languages",),
    "agricultural_experience_years": ("agricultural_experience_years",),
    "skills": ("skills",),
    "home_agency": ("home_agency",),
    "assigned_advisor": ("assigned_advisor",),
}

MERGE_FIELD_LABELS = {
    "first_name_latin": gettext_lazy("First name (Latin script)"),
    "last_name_latin": gettext_lazy("Last name (Latin script)"),
    "first_name_ar": gettext_lazy("First name (Arabic script)"),
    "last_name_ar": gettext_lazy("Last name (Arabic script)"),
    "birth_date": gettext_lazy("Date of birth"),
    "cin": gettext_lazy("CIN"),
    "province": gettext_lazy("Province"),
    "commune": gettext_lazy("Commune"),
    "marital_status": gettext_lazy("Marital status"),
    "children": gettext_lazy("Children"),
    "education_level": gettext_lazy("Education level"),
    "literacy_arabic": gettext_lazy("Literacy in Arabic"),
    "literacy_french": gettext_lazy("Literacy in French"),
    "languages": gettext_lazy("Spoken languages"),
    "agricultural_experience_years": gettext_lazy("Agricultural experience (years)"),
    "skills": gettext_lazy("Skills"),
    "home_agency": gettext_lazy("Home agency"),
    "assigned_advisor": gettext_lazy("Assigned advisor"),
}

# A season's fields filled from the other file's season of the same campaign when empty.
SEASON_FILLABLE = (
    "employer",
    "departure_date",
    "return_date",
    "planned_return_date",
    "savings_mad",
    "earnings_mad",
)


def _values(beneficiary: Beneficiary, name: str) -> tuple[Any, ...]:
    return tuple(getattr(beneficiary, f) for f in MERGE_FIELDS[name])


def _is_empty(values: tuple[Any, ...]) -> bool:
    return all(v in (None, "", [], 0) for v in values)


def differing_fields(survivor: Beneficiary, merged: Beneficiary) -> list[str]:
    """The choices to offer: the fields whose values differ between the two files."""
    return [n for n in MERGE_FIELDS if _values(survivor, n) != _values(merged, n)]


def default_choices(survivor: Beneficiary, merged: Beneficiary) -> dict[str, str]:
    """The survivor's value, unless she has none and the other file has one."""
    return {
        name: MERGED
        if _is_empty(_values(survivor, name)) and not _is_empty(_values(merged, name))
        else SURVIVOR
        for name in differing_fields(survivor, merged)
    }


def default_survivor(a: Beneficiary, b: Beneficiary) -> tuple[Beneficiary, Beneficiary]:
    """(survivor, merged) as first proposed: the file with more seasons, else the older one."""

    def rank(woman: Beneficiary) -> tuple[int, datetime.datetime, int]:
        seasons = Participation.objects.filter(beneficiary=woman).count()
        return (-seasons, woman.created_at, woman.pk)

    return (a, b) if rank(a) <= rank(b) else (b, a)


@dataclass(frozen=True)
class WhatMoves:
    """What the merged file holds, which the survivor will hold after the merge."""

    seasons: int
    incidents: int
    interactions: int
    transfers: int
    workshops: int
    assessments: int
    plan_goals: int
    plan_actions: int
    consents: int
    phones: int


def what_moves(merged: Beneficiary) -> WhatMoves:
    return WhatMoves(
        seasons=Participation.objects.filter(beneficiary=merged).count(),
        incidents=Incident.objects.filter(participation__beneficiary=merged).count(),
        interactions=Interaction.objects.filter(beneficiary=merged).count(),
        transfers=Transfer.objects.filter(beneficiary=merged).count(),
        workshops=Invitation.objects.filter(beneficiary=merged).count(),
        assessments=Assessment.objects.filter(beneficiary=merged).count(),
        plan_goals=Goal.objects.filter(plan__beneficiary=merged).count(),
        plan_actions=Action.objects.filter(goal__plan__beneficiary=merged).count(),
        consents=Consent.objects.filter(beneficiary=merged).count(),
        phones=BeneficiaryPhone.objects.filter(beneficiary=merged).count(),
    )


# --- the parts of the merge, in the order they run -------------------------------------------


def _check_choices(choices: dict[str, str]) -> None:
    for name, side in choices.items():
        if name not in MERGE_FIELDS:
            raise ValidationError({name: _("This field cannot be chosen in a merge.")})
        if side not in (SURVIVOR, MERGED):
            raise ValidationError({name: _("Choose the value of one of the two files.")})


def _apply_choices(
    survivor: Beneficiary, merged: Beneficiary, choices: dict[str, str]
) -> list[str]:
    """Set the survivor's fields from the chosen file; returns the fields taken from the other."""
    taken = []
    for name, side in {**default_choices(survivor, merged), **choices}.items():
        if side == MERGED and _values(survivor, name) != _values(merged, name):
            for field in MERGE_FIELDS[name]:
                setattr(survivor, field, getattr(merged, field))
            taken.append(name)
    return taken


def _merge_phones(survivor: Beneficiary, merged: Beneficiary) -> bool:
    known = set(survivor.phones.values_list("number_hash", flat=True))
    position = len(known)
    added = False
    for phone in BeneficiaryPhone.objects.filter(beneficiary=merged).order_by("position", "id"):
        if phone.number_hash in known:
            phone.delete()
            continue
        known.add(phone.number_hash)
        BeneficiaryPhone.objects.filter(pk=phone.pk).update(beneficiary=survivor, position=position)
        position += 1
        added = True
    return added


def _merge_consents(actor: User, survivor: Beneficiary, merged: Beneficiary, via: str) -> None:
    before = (consents_in_force(survivor), consents_in_force(merged))
    Consent.objects.filter(beneficiary=merged).update(beneficiary=survivor)
    after = consents_in_force(survivor)
    for purpose, in_force in after.items():
        withdrawal = next(
            (
                decisions[purpose]
                for decisions in before
                if purpose in decisions and not decisions[purpose].given
            ),
            None,
        )
        if in_force.given and withdrawal is not None:
            restated = Consent.objects.create(
                beneficiary=survivor,
                purpose=purpose,
                given=False,
                method=withdrawal.method,
                witness_name=withdrawal.witness_name,
                text_version=withdrawal.text_version,
                recorded_by=actor,
            )
            audit_record(
                actor=actor,
                action=AuditEvent.Action.CONSENT_WITHDRAWN,
                obj=restated,
                beneficiary_id=survivor.pk,
                changed_fields=[purpose, "merge"],
                via=via,
            )


def _merge_seasons(actor: User, survivor: Beneficiary, merged: Beneficiary, via: str) -> None:
    kept = {p.campaign_id: p for p in Participation.objects.filter(beneficiary=survivor)}
    for other in Participation.objects.filter(beneficiary=merged):
        season = kept.get(other.campaign_id)
        if season is None:
            Participation.objects.filter(pk=other.pk).update(beneficiary=survivor)
            continue
        filled = [f for f in SEASON_FILLABLE if getattr(season, f) in (None, "")]
        filled = [f for f in filled if getattr(other, f) not in (None, "")]
        for f in filled:
            setattr(season, f, getattr(other, f))
        if (
            season.status == Participation.Status.SELECTED
            and other.status != Participation.Status.SELECTED
        ):
            season.status = other.status
            filled.append("status")
        other.incidents.update(participation=season)
        if filled:
            save_versioned(season, expected_version=season.version)
        audit_record(
            actor=actor,
            action=AuditEvent.Action.UPDATE,
            obj=season,
            beneficiary_id=survivor.pk,
            changed_fields=[*filled, "incidents", "merge"],
            via=via,
        )
        audit_record(
            actor=actor,
            action=AuditEvent.Action.DELETE,
            obj=other,
            beneficiary_id=merged.pk,
            changed_fields=["merge"],
            via=via,
        )
        other.delete()


def _current(case: Case) -> tuple[bool, datetime.datetime]:
    return (not case.is_closed, case.phase_since)


CASE_STATE_FIELDS = (
    "phase",
    "phase_since",
    "closure_requested_reason",
    "closure_requested_note",
    "closure_requested_by",
    "closure_requested_at",
    "closure_refusal_note",
    "closure_refused_by",
    "closure_refused_at",
    "closure_reason",
    "closed_at",
)


def _merge_case(survivor: Beneficiary, merged: Beneficiary) -> None:
    Interaction.objects.filter(beneficiary=merged).update(beneficiary=survivor)
    Transfer.objects.filter(beneficiary=merged).update(beneficiary=survivor)
    other = Case.objects.filter(beneficiary=merged).first()
    if other is None:
        return
    case = Case.objects.filter(beneficiary=survivor).first()
    if case is None:
        Case.objects.filter(pk=other.pk).update(beneficiary=survivor)
        return
    PhaseChange.objects.filter(case=other).update(case=case)
    if _current(other) > _current(case):
        for field in CASE_STATE_FIELDS:
            setattr(case, field, getattr(other, field))
    if other.opened_at < case.opened_at:
        case.opened_at, case.opened_by = other.opened_at, other.opened_by
    save_versioned(case, expected_version=case.version)
    other.delete()


def _merge_plans(survivor: Beneficiary, merged: Beneficiary) -> None:
    other = ActionPlan.objects.filter(beneficiary=merged).first()
    if other is None:
        return
    plan = ActionPlan.objects.filter(beneficiary=survivor).first()
    if plan is None:
        ActionPlan.objects.filter(pk=other.pk).update(beneficiary=survivor)
        return
    after = (plan.goals.aggregate(last=Max("position"))["last"] or 0) + 1
    for goal in other.goals.order_by("position", "id"):
        Goal.objects.filter(pk=goal.pk).update(plan=plan, position=after + goal.position)
    plan.updated_at = max(plan.updated_at, other.updated_at)
    save_versioned(plan, expected_version=plan.version)
    other.delete()


def _merge_invitations(survivor: Beneficiary, merged: Beneficiary) -> None:
    kept = {i.workshop_id: i for i in Invitation.objects.filter(beneficiary=survivor)}
    for other in Invitation.objects.filter(beneficiary=merged):
        mine = kept.get(other.workshop_id)
        if mine is not None:
            if mine.attendance or not other.attendance:
                other.delete()
                continue
            mine.delete()
        Invitation.objects.filter(pk=other.pk).update(beneficiary=survivor)


def _carry_pairs_over(actor: User, survivor: Beneficiary, merged: Beneficiary) -> None:
    """The pair of the two files is merged. Another suspected pair of the merged file becomes a
    pair of the survivor (unless she already has one with that woman); a decision that the
    merged file is not some woman holds for the survivor too."""
    now = timezone.now()
    involving = DuplicatePair.objects.select_for_update().filter(Q(first=merged) | Q(second=merged))
    for pair in involving:
        other_id = pair.second_id if pair.first_id == merged.pk else pair.first_id
        if other_id != survivor.pk and pair.status != DuplicatePair.Status.MERGED:
            low, high = sorted((survivor.pk, other_id))
            if not DuplicatePair.objects.filter(first_id=low, second_id=high).exists():
                DuplicatePair.objects.create(
                    first_id=low,
                    second_id=high,
                    score=pair.score,
                    evidence=pair.evidence,
                    status=pair.status,
                    detected_at=pair.detected_at,
                    decided_by=pair.decided_by,
                    decided_at=pair.decided_at,
                    note=pair.note,
                )
        if pair.status == DuplicatePair.Status.SUSPECTED or other_id == survivor.pk:
            pair.status = DuplicatePair.Status.MERGED
            pair.decided_by, pair.decided_at = actor, now
            pair.save(update_fields=["status", "decided_by", "decided_at"])
    if not DuplicatePair.objects.filter(
        first_id=min(survivor.pk, merged.pk), second_id=max(survivor.pk, merged.pk)
    ).exists():
        # Merged without having been suspected (from two files chosen by hand).
        DuplicatePair.objects.create(
            first_id=min(survivor.pk, merged.pk),
            second_id=max(survivor.pk, merged.pk),
            score=0.0,
            status=DuplicatePair.Status.MERGED,
            decided_by=actor,
            decided_at=now,
        )


# --- the service ------------------------------------------------------------------------------


def _locked(*pks: int) -> dict[int, Beneficiary]:
    """Both files, fresh and locked until the transaction ends (in id order, so that two merges
    of overlapping files cannot deadlock)."""
    return {
        b.pk: b
        for b in Beneficiary.objects.select_for_update()
        .filter(pk__in=pks)
        .order_by("pk")
        .select_related("home_agency")
    }


def _check_mergeable(actor: User, survivor: Beneficiary, merged: Beneficiary) -> None:
    if not actor.does_casework:
        raise PermissionDenied
    for woman in (survivor, merged):
        if not unit_in_scope(actor, woman.home_agency):
            raise PermissionDenied
    if survivor.pk == merged.pk:
        raise ValidationError({"survivor": _("A file cannot be merged into itself.")})
    for woman in (survivor, merged):
        if woman.merged_into_id is not None:
            raise ValidationError(
                {
                    "survivor": _(
                        "File %(id)s was already merged into another file: merge that one."
                    )
                    % {"id": woman.pk}
                }
            )


def beneficiaries_merge(
    *,
    actor: User,
    survivor: Beneficiary,
    merged: Beneficiary,
    choices: dict[str, str],
    expected_versions: tuple[int, int],
    via: str = "web",
) -> Beneficiary:
    """Merge `merged` into `survivor` (see the module's rules), in one transaction; `choices`
    maps a field of `MERGE_FIELDS` to "survivor" or "merged" (whose value to keep).
    `expected_versions` are the versions of (survivor, merged) the person saw: if either file
    changed since, EditConflict and nothing is written."""
    _check_mergeable(actor, survivor, merged)
    _check_choices(choices)
    with transaction.atomic():
        files = _locked(survivor.pk, merged.pk)
        survivor, merged = files[survivor.pk], files[merged.pk]
        _check_mergeable(actor, survivor, merged)
        if (survivor.version, merged.version) != tuple(expected_versions):
            raise EditConflict
        taken = _apply_choices(survivor, merged, choices)
        _check_can_write(
            actor,
            survivor,
            {"home_agency": survivor.home_agency, "assigned_advisor": survivor.assigned_advisor},
        )
        apply_derived_fields(survivor)
        survivor.full_clean(exclude=[*DERIVED_FIELDS, "merged_into", "merged_at"])

        phones_added = _merge_phones(survivor, merged)
        _merge_consents(actor, survivor, merged, via)
        _merge_seasons(actor, survivor, merged, via)
        _merge_case(survivor, merged)
        _merge_plans(survivor, merged)
        _merge_invitations(survivor, merged)
        Assessment.objects.filter(beneficiary=merged).update(beneficiary=survivor)

        now = timezone.now()
        merged.merged_into, merged.merged_at, merged.cin_hash = survivor, now, ""
        save_versioned(merged, expected_version=merged.version)
        Beneficiary.objects.filter(merged_into=merged).update(merged_into=survivor)
        save_versioned(survivor, expected_version=survivor.version)
        _carry_pairs_over(actor, survivor, merged)
        audit_record(
            actor=actor,
            action=AuditEvent.Action.MERGE,
            obj=survivor,
            beneficiary_id=survivor.pk,
            changed_fields=[
                *[f for name in taken for f in MERGE_FIELDS[name]],
                *(["phones"] if phones_added else []),
                f"merged_from:{merged.pk}",
            ],
            via=via,
        )
        audit_record(
            actor=actor,
            action=AuditEvent.Action.MERGE,
            obj=merged,
            beneficiary_id=merged.pk,
            changed_fields=["merged_into", "merged_at", f"merged_into:{survivor.pk}"],
            via=via,
        )
        _look_again_after_commit(survivor)
    return survivor


def _look_again_after_commit(survivor: Beneficiary) -> None:
    from irtiqaa.beneficiaries.tasks import detect_duplicates_task

    pk = survivor.pk
    transaction.on_commit(lambda: detect_duplicates_task.enqueue([pk]))
