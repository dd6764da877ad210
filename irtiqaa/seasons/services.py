"""Writes to campaigns, participations and incidents, each audited in one transaction."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from irtiqaa.accounts.models import Role, User
from irtiqaa.audit.models import AuditEvent
from irtiqaa.audit.services import audit_record
from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.beneficiaries.services import require_accompaniment_consent
from irtiqaa.lib.locking import changed_fields, save_versioned, snapshot
from irtiqaa.organisations.scope import unit_in_scope
from irtiqaa.seasons.models import Campaign, Incident, Participation

CAMPAIGN_EDITORS = frozenset({Role.NATIONAL})


def _require_campaign_editor(actor: User) -> None:
    if actor.role not in CAMPAIGN_EDITORS:
        raise PermissionDenied


def _require_file_writer(actor: User, beneficiary: Beneficiary) -> None:
    if not actor.does_casework or not unit_in_scope(actor, beneficiary.home_agency):
        raise PermissionDenied
    require_accompaniment_consent(beneficiary)


def _create(
    actor: User, instance: Any, fields: dict[str, Any], beneficiary_id: int | None, via: str
) -> Any:
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean()
    with transaction.atomic():
        instance.save()
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CREATE,
            obj=instance,
            beneficiary_id=beneficiary_id,
            changed_fields=[n for n, v in fields.items() if v not in (None, "", [])],
            via=via,
        )
    return instance


def _update(
    actor: User,
    instance: Any,
    fields: dict[str, Any],
    expected_version: int,
    beneficiary_id: int | None,
    via: str,
) -> Any:
    before = snapshot(instance, list(fields))
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean()
    with transaction.atomic():
        save_versioned(instance, expected_version=expected_version)
        audit_record(
            actor=actor,
            action=AuditEvent.Action.UPDATE,
            obj=instance,
            beneficiary_id=beneficiary_id,
            changed_fields=changed_fields(instance, before),
            via=via,
        )
    return instance


def campaign_create(*, actor: User, fields: dict[str, Any], via: str = "web") -> Campaign:
    _require_campaign_editor(actor)
    return _create(actor, Campaign(), fields, None, via)


def campaign_update(
    *,
    actor: User,
    campaign: Campaign,
    fields: dict[str, Any],
    expected_version: int,
    via: str = "web",
) -> Campaign:
    _require_campaign_editor(actor)
    return _update(actor, campaign, fields, expected_version, None, via)


def participation_create(
    *, actor: User, beneficiary: Beneficiary, fields: dict[str, Any], via: str = "web"
) -> Participation:
    _require_file_writer(actor, beneficiary)
    participation = Participation(beneficiary=beneficiary)
    return _create(actor, participation, fields, beneficiary.pk, via)


def participation_update(
    *,
    actor: User,
    participation: Participation,
    fields: dict[str, Any],
    expected_version: int,
    via: str = "web",
) -> Participation:
    _require_file_writer(actor, participation.beneficiary)
    return _update(
        actor, participation, fields, expected_version, participation.beneficiary_id, via
    )


def incident_create(
    *, actor: User, participation: Participation, fields: dict[str, Any], via: str = "web"
) -> Incident:
    _require_file_writer(actor, participation.beneficiary)
    incident = Incident(participation=participation, recorded_by=actor)
    return _create(actor, incident, fields, participation.beneficiary_id, via)


def incident_update(
    *,
    actor: User,
    incident: Incident,
    fields: dict[str, Any],
    expected_version: int,
    via: str = "web",
) -> Incident:
    beneficiary = incident.participation.beneficiary
    _require_file_writer(actor, beneficiary)
    return _update(actor, incident, fields, expected_version, beneficiary.pk, via)
