"""Writes to campaigns, participations and incidents, each audited in one transaction."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from irtiqaa.accounts.models import Role, User
from irtiqaa.audit.models import AuditEvent
from irtiqaa.audit.services import audit_record, audit_record_many
from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.beneficiaries.services import require_accompaniment_consent
from irtiqaa.cases.services import case_follow_season
from irtiqaa.lib.locking import changed_fields, save_versioned, snapshot
from irtiqaa.organisations.scope import unit_in_scope
from irtiqaa.seasons import eligibility
from irtiqaa.seasons.models import Campaign, Incident, Participation

CAMPAIGN_EDITORS = frozenset({Role.NATIONAL})


def _require_campaign_editor(actor: User) -> None:
    if actor.role not in CAMPAIGN_EDITORS:
        raise PermissionDenied


def _require_file_writer(actor: User, beneficiary: Beneficiary) -> None:
    if not actor.does_casework or not unit_in_scope(actor, beneficiary.home_agency):
        raise PermissionDenied
    require_accompaniment_consent(beneficiary)


# Recorded with the changed fields when a season is kept despite unmet campaign criteria.
CRITERIA_OVERRIDDEN = "campaign_criteria_overridden"


def _create(
    actor: User,
    instance: Any,
    fields: dict[str, Any],
    beneficiary_id: int | None,
    via: str,
    notes: tuple[str, ...] = (),
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
            changed_fields=[n for n, v in fields.items() if v not in (None, "", [])] + list(notes),
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
    notes: tuple[str, ...] = (),
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
            changed_fields=changed_fields(instance, before) + list(notes),
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


INELIGIBILITY_MESSAGES = {
    "too_young": _("She is younger than the campaign's minimum age."),
    "too_old": _("She is older than the campaign's maximum age."),
    "no_child": _("The campaign requires at least one child."),
    "youngest_child_too_old": _("Her youngest child is older than the campaign allows."),
    "marital_status": _("Her marital status is not among those the campaign accepts."),
}


def _check_eligibility(beneficiary: Beneficiary, campaign: Campaign, *, confirmed: bool) -> bool:
    """Refuse a season whose campaign criteria she does not meet, unless the advisor confirms
    it (she was selected all the same). Returns whether criteria were overridden."""
    criteria = eligibility.Criteria(
        min_age=campaign.min_age,
        max_age=campaign.max_age,
        children_required=campaign.children_required,
        max_youngest_child_age=campaign.max_youngest_child_age,
        allowed_marital_statuses=tuple(campaign.allowed_marital_statuses),
    )
    profile = eligibility.Profile(
        birth_date=beneficiary.birth_date,
        marital_status=beneficiary.marital_status,
        children_count=beneficiary.children_count,
        children_birth_years=tuple(beneficiary.children_birth_years),
    )
    unmet = eligibility.unmet_criteria(criteria, profile, campaign.planned_departure_start)
    if unmet and not confirmed:
        raise ValidationError(
            {
                "campaign": [
                    ValidationError(INELIGIBILITY_MESSAGES[code], code="ineligible")
                    for code in unmet
                ]
            }
        )
    return bool(unmet)


@transaction.atomic  # the consent check holds her file until the save
def participation_create(
    *,
    actor: User,
    beneficiary: Beneficiary,
    fields: dict[str, Any],
    via: str = "web",
    confirm_ineligible: bool = False,
) -> Participation:
    _require_file_writer(actor, beneficiary)
    overridden = _check_eligibility(beneficiary, fields["campaign"], confirmed=confirm_ineligible)
    participation = Participation(beneficiary=beneficiary)
    notes = (CRITERIA_OVERRIDDEN,) if overridden else ()
    _create(actor, participation, fields, beneficiary.pk, via, notes)
    case_follow_season(actor=actor, participation=participation, via=via)
    return participation


def participations_add_many(
    *,
    actor: User,
    campaign: Campaign,
    entries: list[tuple[int, str, bool]],
    via: str = "web",
) -> None:
    """Enter many women in a campaign at once, as selected (an imported recruitment list): one
    (beneficiary id, employer, criteria overridden) per woman. The caller has checked her consent
    and the criteria; selected women have no dates yet, so their cases stay where they are."""
    participations = Participation.objects.bulk_create(
        [
            Participation(beneficiary_id=pk, campaign=campaign, employer=employer)
            for pk, employer, _overridden in entries
        ],
        batch_size=1000,
    )
    if participations and participations[0].pk is None:
        by_woman = dict(
            Participation.objects.filter(
                campaign=campaign, beneficiary_id__in=[pk for pk, _e, _o in entries]
            ).values_list("beneficiary_id", "pk")
        )
        for participation in participations:
            participation.pk = by_woman[participation.beneficiary_id]
    audit_record_many(
        actor=actor,
        action=AuditEvent.Action.CREATE,
        object_type=Participation._meta.label_lower,
        entries=(
            (
                participation.pk,
                participation.beneficiary_id,
                ["campaign", "status"]
                + (["employer"] if employer else [])
                + ([CRITERIA_OVERRIDDEN] if overridden else []),
            )
            for participation, (_pk, employer, overridden) in zip(
                participations, entries, strict=True
            )
        ),
        via=via,
    )


@transaction.atomic  # the consent check holds her file until the save
def participation_update(
    *,
    actor: User,
    participation: Participation,
    fields: dict[str, Any],
    expected_version: int,
    via: str = "web",
    confirm_ineligible: bool = False,
) -> Participation:
    _require_file_writer(actor, participation.beneficiary)
    campaign = fields.get("campaign")
    overridden = False
    if campaign is not None and campaign.pk != participation.campaign_id:  # moved to another one
        overridden = _check_eligibility(
            participation.beneficiary, campaign, confirmed=confirm_ineligible
        )
    notes = (CRITERIA_OVERRIDDEN,) if overridden else ()
    _update(
        actor, participation, fields, expected_version, participation.beneficiary_id, via, notes
    )
    case_follow_season(actor=actor, participation=participation, via=via)
    return participation


@transaction.atomic  # the consent check holds her file until the save
def incident_create(
    *, actor: User, participation: Participation, fields: dict[str, Any], via: str = "web"
) -> Incident:
    _require_file_writer(actor, participation.beneficiary)
    incident = Incident(participation=participation, recorded_by=actor)
    return _create(actor, incident, fields, participation.beneficiary_id, via)


@transaction.atomic  # the consent check holds her file until the save
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
