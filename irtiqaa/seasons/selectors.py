from django.db.models import QuerySet
from django.http import Http404

from irtiqaa.accounts.models import Role, User
from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.beneficiaries.selectors import beneficiaries_in_scope
from irtiqaa.seasons.models import Campaign, Incident, Participation

# Campaigns hold no personal data: every role but partners reads them.
CAMPAIGN_READERS = frozenset(
    {Role.ADVISOR, Role.COORDINATOR, Role.NATIONAL, Role.ANALYST, Role.ADMIN}
)


def campaign_list(*, actor: User) -> QuerySet[Campaign]:
    if actor.role not in CAMPAIGN_READERS:
        return Campaign.objects.none()
    return Campaign.objects.all()


def campaign_get(*, actor: User, pk: int) -> Campaign:
    try:
        return campaign_list(actor=actor).get(pk=pk)
    except (Campaign.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def participations_in_scope(actor: User) -> QuerySet[Participation]:
    return Participation.objects.filter(beneficiary__in=beneficiaries_in_scope(actor))


def participation_list(
    *,
    actor: User,
    campaign_id: int | None = None,
    status: str = "",
    beneficiary_id: int | None = None,
) -> QuerySet[Participation]:
    participations = participations_in_scope(actor).select_related("campaign", "beneficiary")
    if campaign_id:
        participations = participations.filter(campaign_id=campaign_id)
    if status:
        participations = participations.filter(status=status)
    if beneficiary_id:
        participations = participations.filter(beneficiary_id=beneficiary_id)
    return participations


def participation_get(*, actor: User, pk: int) -> Participation:
    try:
        return (
            participations_in_scope(actor)
            .select_related("campaign", "beneficiary__home_agency")
            .get(pk=pk)
        )
    except (Participation.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def incident_get(*, actor: User, pk: int) -> Incident:
    try:
        return Incident.objects.select_related(
            "participation__campaign", "participation__beneficiary__home_agency"
        ).get(pk=pk, participation__in=participations_in_scope(actor))
    except (Incident.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def seasons_of(beneficiary: Beneficiary) -> list[Participation]:
    """Her seasons with their incidents, for a file already fetched within scope."""
    return list(beneficiary.participations.select_related("campaign").prefetch_related("incidents"))
