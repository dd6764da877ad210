"""Writes to workshops, invitations and attendance: each validates, saves in one transaction and
records the audit events."""

import datetime
from collections.abc import Iterable
from typing import Any, TypedDict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from irtiqaa.accounts.models import Role, User
from irtiqaa.audit.models import AuditEvent
from irtiqaa.audit.services import audit_record
from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.beneficiaries.selectors import beneficiaries_in_scope, beneficiary_list
from irtiqaa.cases.models import Case, Interaction, Phase
from irtiqaa.lib.errors import EditConflict
from irtiqaa.lib.locking import changed_fields, save_versioned, snapshot
from irtiqaa.organisations.models import OrganisationUnit
from irtiqaa.organisations.scope import unit_in_scope
from irtiqaa.workshops.models import Invitation, Workshop
from irtiqaa.workshops.selectors import accompaniment_allowed_ids

Attendance = Invitation.Attendance

# Who organises sessions, invites and records attendance: the agency's advisors and the region's
# coordinators. National staff read them.
WORKSHOP_WRITERS = frozenset({Role.ADVISOR, Role.COORDINATOR})

WORKSHOP_FIELDS = (
    "agency",
    "kind",
    "title",
    "starts_at",
    "duration_minutes",
    "place",
    "facilitator",
    "capacity",
    "notes",
)


def may_write(actor: User) -> bool:
    return actor.role in WORKSHOP_WRITERS and actor.does_casework


def _require_writer(actor: User, workshop: Workshop | None = None) -> None:
    if not may_write(actor):
        raise PermissionDenied
    if workshop is not None and not unit_in_scope(actor, workshop.agency):
        raise PermissionDenied


def _check_agency(actor: User, agency: OrganisationUnit) -> None:
    if agency.kind != OrganisationUnit.Kind.AGENCY or not unit_in_scope(actor, agency):
        raise ValidationError({"agency": _("Choose an agency within your scope.")})


def _lock(workshop: Workshop) -> None:
    """Hold the workshop's row until the caller's transaction ends: two advisors inviting at
    the same time cannot together go past its capacity."""
    list(Workshop.objects.select_for_update().filter(pk=workshop.pk).values_list("pk"))


def _require_open(workshop: Workshop) -> None:
    if workshop.cancelled:
        raise ValidationError(_("This session is cancelled."))


def workshop_create(*, actor: User, fields: dict[str, Any], via: str = "web") -> Workshop:
    _require_writer(actor)
    _check_agency(actor, fields["agency"])
    workshop = Workshop(created_by=actor)
    for name in WORKSHOP_FIELDS:
        if name in fields:
            setattr(workshop, name, fields[name])
    workshop.full_clean(exclude=["created_by"])  # kept empty once her account is gone
    with transaction.atomic():
        workshop.save()
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CREATE,
            obj=workshop,
            changed_fields=[n for n in WORKSHOP_FIELDS if fields.get(n) not in (None, "")],
            via=via,
        )
    return workshop


def workshop_update(
    *,
    actor: User,
    workshop: Workshop,
    fields: dict[str, Any],
    expected_version: int,
    via: str = "web",
) -> Workshop:
    """Save an edit made from `expected_version`; raises EditConflict if someone saved in
    between. `fields` may also hold `cancelled`."""
    _require_writer(actor, workshop)
    names = [n for n in (*WORKSHOP_FIELDS, "cancelled") if n in fields]
    before = snapshot(workshop, names)
    old_agency_id = workshop.agency_id
    for name in names:
        setattr(workshop, name, fields[name])
    if "agency" in names:
        _check_agency(actor, workshop.agency)
    workshop.full_clean(exclude=["created_by"])  # kept empty once her account is gone
    with transaction.atomic():
        _lock(workshop)
        invitations = Invitation.objects.filter(workshop=workshop)
        if workshop.agency_id != old_agency_id and invitations.exists():
            raise ValidationError(
                {"agency": _("Women are already invited: the session stays in its agency.")}
            )
        invited = invitations.count()
        if workshop.capacity < invited:
            raise ValidationError(
                {
                    "capacity": ngettext(
                        "%(count)d woman is already invited: the capacity cannot be lower.",
                        "%(count)d women are already invited: the capacity cannot be lower.",
                        invited,
                    )
                    % {"count": invited}
                }
            )
        if (
            workshop.cancelled
            and not before.get("cancelled", False)
            and invitations.filter(attendance=Attendance.PRESENT).exists()
        ):
            raise ValidationError(
                {"cancelled": _("Attendance is already recorded: this session took place.")}
            )
        changed = changed_fields(workshop, before)
        _refuse_moving_a_recorded_session(invitations, changed)
        save_versioned(workshop, expected_version=expected_version)
        audit_record(
            actor=actor,
            action=AuditEvent.Action.UPDATE,
            obj=workshop,
            changed_fields=changed,
            via=via,
        )
    return workshop


def _refuse_moving_a_recorded_session(invitations: Any, changed: list[str]) -> None:
    """Once attendance is recorded the session has taken place: its day and length are in the
    women's files (their workshop interactions), which a later edit must not rewrite."""
    moved = [n for n in ("starts_at", "duration_minutes") if n in changed]
    if moved and invitations.exclude(attendance=Attendance.UNKNOWN).exists():
        raise ValidationError(
            {
                name: _(
                    "The session has taken place: attendance is recorded, so its date and "
                    "duration can no longer change."
                )
                for name in moved
            }
        )


def workshop_cancel(
    *, actor: User, workshop: Workshop, expected_version: int, via: str = "web"
) -> Workshop:
    return workshop_update(
        actor=actor,
        workshop=workshop,
        fields={"cancelled": True},
        expected_version=expected_version,
        via=via,
    )


def session_day(workshop: Workshop) -> datetime.date:
    return timezone.localtime(workshop.starts_at).date()


def seats_left(workshop: Workshop) -> int:
    return max(workshop.capacity - Invitation.objects.filter(workshop=workshop).count(), 0)


def _too_many(requested: int, remaining: int) -> str:
    if remaining == 0:
        return _("The session is full: no seat remains.")
    return ngettext(
        "Only %(remaining)d seat remains; you chose %(requested)d women.",
        "Only %(remaining)d seats remain; you chose %(requested)d women.",
        remaining,
    ) % {"remaining": remaining, "requested": requested}


def _invite(
    actor: User, workshop: Workshop, women: list[Beneficiary], field: str, via: str
) -> list[Invitation]:
    """Invite these women (all of the workshop's agency, consent in force), within capacity."""
    with transaction.atomic():
        _lock(workshop)
        already = set(
            Invitation.objects.filter(
                workshop=workshop, beneficiary_id__in=[b.pk for b in women]
            ).values_list("beneficiary_id", flat=True)
        )
        women = [b for b in women if b.pk not in already]
        remaining = seats_left(workshop)
        if len(women) > remaining:
            raise ValidationError({field: _too_many(len(women), remaining)})
        now = timezone.now()
        invitations = Invitation.objects.bulk_create(
            Invitation(workshop=workshop, beneficiary=b, invited_by=actor, invited_at=now)
            for b in women
        )
        if not all(i.pk for i in invitations):  # a database that returns no ids on insert
            invitations = list(
                Invitation.objects.filter(
                    workshop=workshop, beneficiary_id__in=[b.pk for b in women]
                ).select_related("beneficiary")
            )
        for invitation in invitations:
            audit_record(
                actor=actor,
                action=AuditEvent.Action.CREATE,
                obj=invitation,
                beneficiary_id=invitation.beneficiary_id,
                changed_fields=["workshop"],
                via=via,
            )
    return invitations


def invite(
    *,
    actor: User,
    workshop: Workshop,
    beneficiary_ids: Iterable[int],
    via: str = "web",
) -> list[Invitation]:
    """Invite women chosen one by one. Each must belong to the workshop's agency and have her
    consent to accompaniment in force; women already invited are left as they are."""
    _require_writer(actor, workshop)
    _require_open(workshop)
    ids = list(dict.fromkeys(beneficiary_ids))
    if not ids:
        raise ValidationError({"beneficiaries": _("Choose at least one woman.")})
    women = list(
        beneficiaries_in_scope(actor)
        .filter(pk__in=ids, home_agency_id=workshop.agency_id)
        .order_by("sort_name", "id")
    )
    if len(women) != len(ids):
        raise ValidationError(
            {"beneficiaries": _("Only women followed by the session's agency can be invited.")}
        )
    allowed = accompaniment_allowed_ids(ids)
    refused = [b.display_name for b in women if b.pk not in allowed]
    if refused:
        raise ValidationError(
            {
                "beneficiaries": _(
                    "%(names)s withdrew her consent to accompaniment: she cannot be invited."
                )
                % {"names": ", ".join(refused)}
            }
        )
    return _invite(actor, workshop, women, "beneficiaries", via)


def invite_campaign(
    *,
    actor: User,
    workshop: Workshop,
    campaign_id: int,
    participation_status: str = "",
    via: str = "web",
) -> tuple[list[Invitation], int]:
    """Invite every woman of the workshop's agency in a campaign (optionally with a given season
    status) not invited yet. Returns the invitations and how many were left out because their
    consent to accompaniment is withdrawn."""
    _require_writer(actor, workshop)
    _require_open(workshop)
    women = list(
        beneficiary_list(
            actor=actor, campaign_id=campaign_id, participation_status=participation_status
        )
        .filter(home_agency_id=workshop.agency_id)
        .exclude(workshop_invitations__workshop=workshop)
        .order_by("sort_name", "id")
    )
    allowed = accompaniment_allowed_ids([b.pk for b in women])
    invited = [b for b in women if b.pk in allowed]
    if not invited:
        raise ValidationError({"campaign": _("No woman of this season is left to invite.")})
    return _invite(actor, workshop, invited, "campaign", via), len(women) - len(invited)


def invitation_remove(*, actor: User, invitation: Invitation, via: str = "web") -> None:
    workshop = invitation.workshop
    _require_writer(actor, workshop)
    if invitation.attendance:
        raise ValidationError(
            _("Her attendance is already recorded: change it on the attendance page instead.")
        )
    with transaction.atomic():
        _lock(workshop)
        audit_record(
            actor=actor,
            action=AuditEvent.Action.DELETE,
            obj=invitation,
            beneficiary_id=invitation.beneficiary_id,
            changed_fields=["workshop"],
            via=via,
        )
        invitation.delete()


class AttendanceResult(TypedDict):
    changed: int  # women whose mark changed
    added: int  # workshop interactions created
    removed: int  # workshop interactions deleted
    kept: list[Beneficiary]  # no longer present, her interaction kept: an advisor worked on it
    case_closed: list[Beneficiary]  # her case is closed: her file left as it was


class _Synced(TypedDict):
    added: int
    removed: int
    kept: list[Beneficiary]
    case_closed: list[Beneficiary]


def attendance_record(
    *,
    actor: User,
    workshop: Workshop,
    marks: dict[int, str],
    expected_version: int | None = None,
    via: str = "web",
) -> AttendanceResult:
    """Record the attendance of the whole group at once: `marks` maps each woman's id to
    present, absent, excused or "" (not recorded). One transaction; a woman marked present gets
    one workshop interaction in her file (not while her case is closed), removed if she is later
    marked otherwise, unless an advisor has since worked on it (see _sync_interactions).

    Made from the roll read at `expected_version` of the workshop: if someone recorded
    attendance or edited the session since, raises EditConflict and changes nothing (None skips
    the check, for API clients that send no version). A change bumps the workshop's version.

    Returns what changed, and the women whose file the roll left aside (see AttendanceResult)."""
    _require_writer(actor, workshop)
    _require_open(workshop)
    if session_day(workshop) > timezone.localdate():
        raise ValidationError(
            {"attendance": _("The session has not taken place yet: record attendance on its day.")}
        )
    bad = [value for value in marks.values() if value not in Attendance.values]
    if bad:
        raise ValidationError({"attendance": _("Choose present, absent or excused.")})
    with transaction.atomic():
        _lock(workshop)
        current = Workshop.objects.filter(pk=workshop.pk).values_list("version", flat=True).get()
        if expected_version is not None and expected_version != current:
            raise EditConflict
        invitations = {
            i.beneficiary_id: i
            for i in Invitation.objects.filter(
                workshop=workshop,
                beneficiary_id__in=list(marks),
                beneficiary__in=beneficiaries_in_scope(actor),
            )
        }
        strangers = set(marks) - set(invitations)
        if strangers:
            raise ValidationError(
                {"attendance": _("Attendance can only be recorded for the women invited.")}
            )
        changed = [i for pk, i in invitations.items() if i.attendance != marks[pk]]
        ids = [i.beneficiary_id for i in changed]
        # Her files are held until the save, so that a consent withdrawal is never interleaved.
        list(Beneficiary.objects.select_for_update().filter(pk__in=ids).values_list("pk"))
        allowed = accompaniment_allowed_ids(ids)
        refused = [i for i in changed if i.beneficiary_id not in allowed]
        if refused:
            names = ", ".join(
                b.display_name
                for b in Beneficiary.objects.filter(pk__in=[i.beneficiary_id for i in refused])
            )
            raise ValidationError(
                {
                    "attendance": _(
                        "%(names)s withdrew her consent to accompaniment: her attendance cannot be changed."
                    )
                    % {"names": names}
                }
            )
        now = timezone.now()
        for invitation in changed:
            invitation.attendance = marks[invitation.beneficiary_id]
            invitation.attendance_recorded_at = now
            invitation.attendance_recorded_by = actor
        Invitation.objects.bulk_update(
            changed, ["attendance", "attendance_recorded_at", "attendance_recorded_by"]
        )
        synced = _sync_interactions(actor, workshop, changed, via)
        for invitation in changed:
            audit_record(
                actor=actor,
                action=AuditEvent.Action.UPDATE,
                obj=invitation,
                beneficiary_id=invitation.beneficiary_id,
                changed_fields=["attendance"],
                via=via,
            )
        if changed:
            # Whoever still holds the roll as it was gets a conflict instead of reverting it.
            Workshop.objects.filter(pk=workshop.pk).update(version=F("version") + 1)
            current += 1
        workshop.version = current
    return {"changed": len(changed), **synced}


# What a workshop interaction holds when it is created: the audit names these fields.
WORKSHOP_INTERACTION_FIELDS = ("kind", "workshop", "occurred_on", "duration_minutes", "phase")


def _holds_advisors_work(interaction: Interaction) -> bool:
    """Notes, a next step, topics, a plan action linking it, or any edit since it was created:
    an advisor's work that a change of the roll must not destroy."""
    return bool(
        interaction.version > 1
        or interaction.notes.strip()
        or interaction.next_step.strip()
        or interaction.present.strip()
        or interaction.has_topics  # type: ignore[attr-defined]
        or interaction.has_actions  # type: ignore[attr-defined]
    )


def _sync_interactions(
    actor: User, workshop: Workshop, invitations: list[Invitation], via: str
) -> _Synced:
    """One workshop interaction per woman present, none for the others: idempotent, audited
    per woman. Two exceptions, left aside and reported rather than failing the whole group:
    - a woman whose case is closed has her workshop interaction neither created nor removed
      (her accompaniment has ended: her file is left as it was at the closure);
    - a woman no longer present keeps her interaction when an advisor has worked on it
      (notes, a plan action linking it...): it stays in her file, her attendance tells the rest.
    Her files are locked by the caller, so her case cannot close or reopen meanwhile."""
    ids = [i.beneficiary_id for i in invitations]
    existing = {
        i.beneficiary_id: i
        for i in Interaction.objects.filter(
            workshop=workshop, kind=Interaction.Kind.WORKSHOP, beneficiary_id__in=ids
        )
        .annotate(
            has_topics=Exists(
                Interaction.topics.through.objects.filter(interaction=OuterRef("pk"))
            ),
            has_actions=Exists(
                Interaction.actions.through.objects.filter(interaction=OuterRef("pk"))
            ),
        )
        .order_by("id")
    }
    phases = dict(
        Case.objects.filter(beneficiary_id__in=ids).values_list("beneficiary_id", "phase")
    )
    present = {i.beneficiary_id for i in invitations if i.attendance == Attendance.PRESENT}
    arriving = present - set(existing)
    leaving_ids = (set(ids) - present) & set(existing)
    closed = sorted(pk for pk in arriving | leaving_ids if phases.get(pk) == Phase.CLOSED)
    leaving = [existing[pk] for pk in sorted(leaving_ids - set(closed))]
    kept = [i for i in leaving if _holds_advisors_work(i)]
    removed = [i for i in leaving if not _holds_advisors_work(i)]
    for interaction in removed:
        audit_record(
            actor=actor,
            action=AuditEvent.Action.DELETE,
            obj=interaction,
            beneficiary_id=interaction.beneficiary_id,
            changed_fields=WORKSHOP_INTERACTION_FIELDS,
            via=via,
        )
    if removed:
        Interaction.objects.filter(pk__in=[i.pk for i in removed]).delete()

    to_add = sorted(arriving - set(closed))
    added = Interaction.objects.bulk_create(
        Interaction(
            beneficiary_id=pk,
            kind=Interaction.Kind.WORKSHOP,
            workshop=workshop,
            occurred_on=session_day(workshop),
            duration_minutes=workshop.duration_minutes,
            # Her case is opened at registration; a woman without one yet gets no phase.
            phase=phases.get(pk, ""),
            recorded_by=actor,
        )
        for pk in to_add
    )
    if not all(i.pk for i in added):  # a database that returns no ids on insert
        added = list(
            Interaction.objects.filter(
                workshop=workshop, kind=Interaction.Kind.WORKSHOP, beneficiary_id__in=to_add
            )
        )
    for created in added:
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CREATE,
            obj=created,
            beneficiary_id=created.beneficiary_id,
            changed_fields=WORKSHOP_INTERACTION_FIELDS,
            via=via,
        )
    return {
        "added": len(added),
        "removed": len(removed),
        "kept": _women(i.beneficiary_id for i in kept),
        "case_closed": _women(closed),
    }


def _women(ids: Iterable[int]) -> list[Beneficiary]:
    ids = list(ids)
    if not ids:
        return []
    return list(Beneficiary.objects.filter(pk__in=ids).order_by("sort_name", "id"))


def attendance_sheet_printed(
    *, actor: User, workshop: Workshop, beneficiary_ids: Iterable[int], via: str = "web"
) -> None:
    """The sheet lists the invitees' names: printing it is an export of each woman's data, so
    each one listed gets her own event ("who exported her name?"), all in one transaction."""
    # An empty sheet is still an export of the session.
    listed: list[int | None] = [*dict.fromkeys(beneficiary_ids)] or [None]
    with transaction.atomic():
        for beneficiary_id in listed:
            audit_record(
                actor=actor,
                action=AuditEvent.Action.EXPORT,
                obj=workshop,
                beneficiary_id=beneficiary_id,
                changed_fields=["attendance_sheet"],
                via=via,
            )
