"""Writes to cases, interactions and transfers: each checks the actor's scope and her consent,
saves in one transaction and records the audit event (field names only, never the notes)."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from irtiqaa.accounts.models import Role, User
from irtiqaa.audit.models import AuditEvent
from irtiqaa.audit.services import audit_record, audit_record_many
from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.beneficiaries.services import lock_file, require_accompaniment_consent
from irtiqaa.cases import phases
from irtiqaa.cases.models import (
    Case,
    ClosureReason,
    Interaction,
    Phase,
    PhaseChange,
    Topic,
    Transfer,
)
from irtiqaa.cases.selectors import CLOSURE_APPROVERS, may_read_notes, rules_for
from irtiqaa.lib.locking import changed_fields, save_versioned, snapshot
from irtiqaa.organisations.models import OrganisationUnit
from irtiqaa.organisations.scope import unit_in_scope
from irtiqaa.seasons.models import Participation


def _require_file_writer(actor: User, beneficiary: Beneficiary) -> None:
    """Casework in her scope, and her consent to accompaniment in force (locks her file)."""
    _require_file_closer(actor, beneficiary)
    require_accompaniment_consent(beneficiary)


def _require_file_closer(actor: User, beneficiary: Beneficiary) -> None:
    """Closing her case is the one write a withdrawal of consent does not stop: it ends the
    accompaniment and starts the retention period of her data (locks her file)."""
    if not actor.does_casework or not unit_in_scope(actor, beneficiary.home_agency):
        raise PermissionDenied
    lock_file(beneficiary)


def _audit(
    actor: User | None, action: str, obj: Any, beneficiary_id: int, fields: list[str], via: str
) -> None:
    audit_record(
        actor=actor,
        action=action,
        obj=obj,
        beneficiary_id=beneficiary_id,
        changed_fields=fields,
        via=via,
    )


# ---- the case and its phases ----


def case_open(
    *,
    actor: User | None,
    beneficiary: Beneficiary,
    phase: str = Phase.PRE_DEPARTURE,
    via: str = "web",
) -> Case:
    """Open her case when she enters the programme (inside the registration's transaction)."""
    now = timezone.now()
    with transaction.atomic():
        case = Case.objects.create(
            beneficiary=beneficiary, phase=phase, phase_since=now, opened_at=now, opened_by=actor
        )
        PhaseChange.objects.create(
            case=case,
            to_phase=phase,
            cause=PhaseChange.Cause.OPENED,
            changed_by=actor,
            changed_at=now,
        )
        _audit(actor, AuditEvent.Action.CREATE, case, beneficiary.pk, ["phase"], via)
    return case


def cases_open_many(*, actor: User | None, beneficiary_ids: list[int], via: str = "web") -> None:
    """Open the cases of many women registered at once (an imported list), as `case_open` does
    for one, in a few inserts."""
    now = timezone.now()
    cases = Case.objects.bulk_create(
        [
            Case(
                beneficiary_id=pk,
                phase=Phase.PRE_DEPARTURE,
                phase_since=now,
                opened_at=now,
                opened_by=actor,
            )
            for pk in beneficiary_ids
        ],
        batch_size=1000,
    )
    if cases and cases[0].pk is None:  # databases that do not return ids from bulk inserts
        cases = list(Case.objects.filter(beneficiary_id__in=beneficiary_ids))
    PhaseChange.objects.bulk_create(
        [
            PhaseChange(
                case_id=case.pk,
                to_phase=Phase.PRE_DEPARTURE,
                cause=PhaseChange.Cause.OPENED,
                changed_by=actor,
                changed_at=now,
            )
            for case in cases
        ],
        batch_size=1000,
    )
    audit_record_many(
        actor=actor,
        action=AuditEvent.Action.CREATE,
        object_type=Case._meta.label_lower,
        entries=((case.pk, case.beneficiary_id, ["phase"]) for case in cases),
        via=via,
    )


def _locked_case(actor: User | None, beneficiary: Beneficiary, via: str) -> Case:
    """Her case, held until the transaction ends; opened now if she has none yet (a woman
    created outside the registration, e.g. by an import)."""
    case = Case.objects.select_for_update().filter(beneficiary=beneficiary).first()
    if case is None:
        case = case_open(actor=actor, beneficiary=beneficiary, via=via)
    case.beneficiary = beneficiary
    return case


def _move(
    case: Case,
    *,
    actor: User | None,
    to_phase: str,
    cause: str,
    note: str,
    expected_version: int,
) -> PhaseChange:
    now = timezone.now()
    change = PhaseChange.objects.create(
        case=case,
        from_phase=case.phase,
        to_phase=to_phase,
        cause=cause,
        note=note,
        changed_by=actor,
        changed_at=now,
    )
    case.phase = to_phase
    case.phase_since = now
    save_versioned(case, expected_version=expected_version)
    return change


def _clean_note(note: str, *, required: bool, field: str = "note") -> str:
    note = (note or "").strip()
    if required and not note:
        raise ValidationError({field: _("Write a short note: it is kept in her phase history.")})
    if len(note) > 2000:
        raise ValidationError({field: _("Keep the note under 2000 characters.")})
    return note


@transaction.atomic
def case_change_phase(
    *,
    actor: User,
    beneficiary: Beneficiary,
    phase: str,
    note: str,
    expected_version: int,
    via: str = "web",
) -> Case:
    """The advisor's decision to move her case to another phase (closure has its own path)."""
    _require_file_writer(actor, beneficiary)
    case = _locked_case(actor, beneficiary, via)
    if case.is_closed:
        raise ValidationError({"phase": _("Her case is closed: reopen it to change its phase.")})
    if phase not in Phase.values or phase == Phase.CLOSED:
        raise ValidationError({"phase": _("Choose one of the phases offered.")})
    if phase == case.phase:
        raise ValidationError({"phase": _("Her case is already in this phase.")})
    note = _clean_note(note, required=False)
    _move(
        case,
        actor=actor,
        to_phase=phase,
        cause=PhaseChange.Cause.DECISION,
        note=note,
        expected_version=expected_version,
    )
    _audit(actor, AuditEvent.Action.UPDATE, case, beneficiary.pk, ["phase"], via)
    return case


def _season_is_latest(participation: Participation) -> bool:
    later = Participation.objects.filter(beneficiary_id=participation.beneficiary_id).exclude(
        pk=participation.pk
    )
    return not later.filter(campaign__year__gt=participation.campaign.year).exists()


def case_follow_season(*, actor: User, participation: Participation, via: str = "web") -> None:
    """Move her case as her season's dates say (departure → in season, return → post-return),
    inside the season's transaction. See phases.phase_after_season_event for what is left as
    it is (a closed case, a later stage of her path, an old season)."""
    beneficiary = participation.beneficiary
    case = _locked_case(actor, beneficiary, via)
    last = case.phase_changes.first()
    decided = last is not None and last.cause in (
        PhaseChange.Cause.DECISION,
        PhaseChange.Cause.REOPENING,
    )
    target = phases.phase_after_season_event(
        current=case.phase,
        departed=participation.departure_date,
        returned=participation.return_date,
        cancelled=participation.status == Participation.Status.CANCELLED,
        latest_season=_season_is_latest(participation),
        current_set_on=timezone.localtime(last.changed_at).date() if last and decided else None,
    )
    if target is None:
        return
    cause = PhaseChange.Cause.RETURN if target == Phase.POST_RETURN else PhaseChange.Cause.DEPARTURE
    _move(
        case,
        actor=actor,
        to_phase=target,
        cause=cause,
        note=str(participation.campaign),
        expected_version=case.version,
    )
    _audit(actor, AuditEvent.Action.UPDATE, case, beneficiary.pk, ["phase"], via)


# ---- closure ----


def _check_closure_reason(reason: str, note: str) -> str:
    if reason not in ClosureReason.values:
        raise ValidationError({"reason": _("Choose the reason for closing her case.")})
    return _clean_note(note, required=reason == ClosureReason.OTHER)


def _clear_closure_request(case: Case) -> None:
    case.closure_requested_reason = ""
    case.closure_requested_note = ""
    case.closure_requested_by = None
    case.closure_requested_at = None


def _clear_closure_refusal(case: Case) -> None:
    case.closure_refusal_note = ""
    case.closure_refused_by = None
    case.closure_refused_at = None


def _close(case: Case, *, actor: User, reason: str, note: str, expected_version: int) -> None:
    case.closure_reason = reason
    case.closed_at = timezone.now()
    _clear_closure_request(case)
    _clear_closure_refusal(case)
    _move(
        case,
        actor=actor,
        to_phase=Phase.CLOSED,
        cause=PhaseChange.Cause.CLOSURE,
        note=note,
        expected_version=expected_version,
    )


@transaction.atomic
def case_close(
    *,
    actor: User,
    beneficiary: Beneficiary,
    reason: str,
    note: str,
    expected_version: int,
    via: str = "web",
) -> Case:
    """Close her case with a reason. Where her region's rules ask for a coordinator's approval,
    an advisor's closure is only requested (`closure_pending`); a coordinator or national
    programme manager closes at once."""
    _require_file_closer(actor, beneficiary)
    note = _check_closure_reason(reason, note)
    case = _locked_case(actor, beneficiary, via)
    if case.is_closed:
        raise ValidationError({"reason": _("Her case is already closed.")})
    needs_approval = (
        actor.role not in CLOSURE_APPROVERS and rules_for(beneficiary).closure_needs_approval
    )
    if not needs_approval:
        _close(case, actor=actor, reason=reason, note=note, expected_version=expected_version)
        fields = ["phase", "closure_reason"]
    elif case.closure_pending:
        raise ValidationError({"reason": _("Her closure already awaits a coordinator's approval.")})
    else:
        case.closure_requested_reason = reason
        case.closure_requested_note = note
        case.closure_requested_by = actor
        case.closure_requested_at = timezone.now()
        _clear_closure_refusal(case)
        save_versioned(case, expected_version=expected_version)
        fields = ["closure_requested_reason", "closure_requested_note"]
    _audit(actor, AuditEvent.Action.UPDATE, case, beneficiary.pk, fields, via)
    return case


@transaction.atomic
def case_decide_closure(
    *,
    actor: User,
    beneficiary: Beneficiary,
    approve: bool,
    note: str,
    expected_version: int,
    via: str = "web",
) -> Case:
    """A coordinator (or national programme manager) approves or refuses a requested closure."""
    if actor.role not in CLOSURE_APPROVERS:
        raise PermissionDenied
    _require_file_closer(actor, beneficiary)
    case = _locked_case(actor, beneficiary, via)
    if not case.closure_pending:
        raise ValidationError(_("No closure of her case awaits approval."))
    if approve:
        request_note = case.closure_requested_note
        decision_note = _clean_note(note, required=False)
        combined = "\n".join(n for n in (request_note, decision_note) if n)
        _close(
            case,
            actor=actor,
            reason=case.closure_requested_reason,
            note=combined[:2000],
            expected_version=expected_version,
        )
        fields = ["phase", "closure_reason"]
    else:
        case.closure_refusal_note = _clean_note(note, required=True)
        case.closure_refused_by = actor
        case.closure_refused_at = timezone.now()
        _clear_closure_request(case)
        save_versioned(case, expected_version=expected_version)
        fields = ["closure_refusal_note", "closure_requested_reason"]
    _audit(actor, AuditEvent.Action.UPDATE, case, beneficiary.pk, fields, via)
    return case


@transaction.atomic
def case_reopen(
    *,
    actor: User,
    beneficiary: Beneficiary,
    phase: str,
    note: str,
    expected_version: int,
    via: str = "web",
) -> Case:
    """Reopen a closed case in the phase she is now in, saying why."""
    _require_file_writer(actor, beneficiary)
    case = _locked_case(actor, beneficiary, via)
    if not case.is_closed:
        raise ValidationError({"phase": _("Her case is not closed.")})
    if phase not in Phase.values or phase == Phase.CLOSED:
        raise ValidationError({"phase": _("Choose one of the phases offered.")})
    note = _clean_note(note, required=True)
    case.closure_reason = ""
    case.closed_at = None
    _move(
        case,
        actor=actor,
        to_phase=phase,
        cause=PhaseChange.Cause.REOPENING,
        note=note,
        expected_version=expected_version,
    )
    _audit(actor, AuditEvent.Action.UPDATE, case, beneficiary.pk, ["phase", "closure_reason"], via)
    return case


# ---- interactions ----

INTERACTION_FIELDS = (
    "kind",
    "occurred_on",
    "duration_minutes",
    "present",
    "topics",
    "notes",
    "next_step",
    "next_step_on",
)


def _check_interaction(actor: User, beneficiary: Beneficiary, fields: dict[str, Any]) -> None:
    if "notes" in fields and not may_read_notes(actor, beneficiary):
        # Whoever may not read the notes may not write or overwrite them either.
        raise ValidationError(
            {"notes": _("Notes are read and written only by her advisors and coordinators.")}
        )
    occurred_on: datetime.date | None = fields.get("occurred_on")
    if occurred_on is not None and occurred_on > timezone.localdate():
        raise ValidationError(
            {"occurred_on": _("This date is in the future: record it once it has happened.")}
        )
    next_step_on = fields.get("next_step_on")
    if next_step_on is not None and not (fields.get("next_step") or "").strip():
        raise ValidationError({"next_step": _("Say what the next step is.")})
    if next_step_on is not None and occurred_on is not None and next_step_on < occurred_on:
        raise ValidationError(
            {"next_step_on": _("The next step cannot come before the interaction.")}
        )
    topics = fields.get("topics")
    if topics is not None and not all(isinstance(t, Topic) for t in topics):
        raise ValidationError({"topics": _("Choose topics from the list.")})


def _assign(interaction: Interaction, fields: dict[str, Any]) -> list[Topic] | None:
    for name, value in fields.items():
        if name != "topics":
            setattr(interaction, name, value)
    return list(fields["topics"]) if "topics" in fields else None


@transaction.atomic
def interaction_create(
    *, actor: User, beneficiary: Beneficiary, fields: dict[str, Any], via: str = "web"
) -> Interaction:
    """Record a contact with her; the interaction keeps the phase her case was in."""
    _require_file_writer(actor, beneficiary)
    _check_interaction(actor, beneficiary, fields)
    case = _locked_case(actor, beneficiary, via)
    if case.is_closed:
        raise ValidationError(_("Her case is closed: reopen it to record an interaction."))
    interaction = Interaction(beneficiary=beneficiary, recorded_by=actor, phase=case.phase)
    topics = _assign(interaction, fields)
    interaction.full_clean(exclude=["topics", "recorded_by", "workshop"])
    interaction.save()
    if topics:
        interaction.topics.set(topics)
    written = [n for n, v in fields.items() if v not in (None, "", [])]
    _audit(actor, AuditEvent.Action.CREATE, interaction, beneficiary.pk, written, via)
    return interaction


@transaction.atomic
def interaction_update(
    *,
    actor: User,
    interaction: Interaction,
    fields: dict[str, Any],
    expected_version: int,
    via: str = "web",
) -> Interaction:
    beneficiary = interaction.beneficiary
    _require_file_writer(actor, beneficiary)
    if Case.objects.filter(beneficiary=beneficiary, phase=Phase.CLOSED).exists():
        raise ValidationError(_("Her case is closed: reopen it to change an interaction."))
    _check_interaction(actor, beneficiary, fields)
    plain = [n for n in fields if n != "topics"]
    before = snapshot(interaction, plain)
    topics_before = {t.pk for t in interaction.topics.all()}
    topics = _assign(interaction, fields)
    interaction.full_clean(exclude=["topics", "recorded_by", "workshop"])
    save_versioned(interaction, expected_version=expected_version)
    changed = changed_fields(interaction, before)
    if topics is not None and {t.pk for t in topics} != topics_before:
        interaction.topics.set(topics)
        changed.append("topics")
    _audit(actor, AuditEvent.Action.UPDATE, interaction, beneficiary.pk, changed, via)
    return interaction


# ---- transfers ----


@transaction.atomic
def case_transfer(
    *,
    actor: User,
    beneficiary: Beneficiary,
    to_agency: OrganisationUnit | None,
    reason: str,
    advisor: User | None = None,
    via: str = "web",
) -> Transfer:
    """She moved: her file goes to another agency, with all its history. Her former agency loses
    sight of her at once (scope follows her home agency). Her assigned advisor is cleared unless
    an advisor of the new agency is chosen."""
    _require_file_writer(actor, beneficiary)
    if (
        to_agency is None
        or to_agency.kind != OrganisationUnit.Kind.AGENCY
        or not to_agency.is_active
    ):
        raise ValidationError({"to_agency": _("Choose an active agency.")})
    if to_agency.pk == beneficiary.home_agency_id:
        raise ValidationError({"to_agency": _("Her file is already with this agency.")})
    reason = _clean_note(reason, required=True, field="reason")
    if advisor is not None and (
        advisor.role != Role.ADVISOR or advisor.unit_id != to_agency.pk or not advisor.is_active
    ):
        raise ValidationError({"advisor": _("The advisor must work in the new agency.")})
    lock_file(beneficiary)
    from_agency = beneficiary.home_agency
    # An update with the version bumped: an edit of her file begun before the transfer gets the
    # conflict message instead of putting her back in her former agency.
    Beneficiary.objects.filter(pk=beneficiary.pk).update(
        home_agency=to_agency,
        assigned_advisor=advisor,
        version=F("version") + 1,
        updated_at=timezone.now(),
    )
    beneficiary.refresh_from_db(fields=["home_agency", "assigned_advisor", "version", "updated_at"])
    transfer = Transfer.objects.create(
        beneficiary=beneficiary,
        from_agency=from_agency,
        to_agency=to_agency,
        reason=reason,
        transferred_by=actor,
    )
    _audit(actor, AuditEvent.Action.CREATE, transfer, beneficiary.pk, ["to_agency", "reason"], via)
    _audit(
        actor,
        AuditEvent.Action.UPDATE,
        beneficiary,
        beneficiary.pk,
        ["home_agency", "assigned_advisor"],
        via,
    )
    _leave_former_agency(actor, beneficiary, from_agency, advisor, via)
    return transfer


def _leave_former_agency(
    actor: User,
    beneficiary: Beneficiary,
    former: OrganisationUnit,
    advisor: User | None,
    via: str,
) -> None:
    """What tied her to the agency she left and has not happened yet: her seats in its coming
    workshops are freed, and her open actions owned by one of its advisors go to her new advisor
    (or to nobody). Attended workshops and done actions stay in her history."""
    from irtiqaa.plans.models import Action
    from irtiqaa.workshops.models import Invitation

    seats = Invitation.objects.filter(
        beneficiary=beneficiary,
        workshop__agency=former,
        workshop__starts_at__gt=timezone.now(),
        attendance="",
    )
    for invitation in seats:
        _audit(actor, AuditEvent.Action.DELETE, invitation, beneficiary.pk, [], via)
    seats.delete()
    actions = Action.objects.filter(
        goal__plan__beneficiary=beneficiary,
        status__in=Action.OPEN_STATUSES,
        owner_advisor__unit=former,
    )
    for action in actions:
        _audit(actor, AuditEvent.Action.UPDATE, action, beneficiary.pk, ["owner_advisor"], via)
    actions.update(owner_advisor=advisor)
