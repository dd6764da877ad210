"""The events of a woman's file, newest first, for a file already fetched within scope."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from irtiqaa.beneficiaries.models import Beneficiary, Consent
from irtiqaa.seasons.models import Participation

# The kinds of event her timeline can be filtered by, in the order the filter lists them.
KIND_LABELS: dict[str, Promise] = {
    "registration": gettext_lazy("registration"),
    "consent": gettext_lazy("consents"),
    "case": gettext_lazy("phases and transfers"),
    "interaction": gettext_lazy("interactions"),
    "plan": gettext_lazy("action plan"),
    "workshop": gettext_lazy("workshops"),
    "assessment": gettext_lazy("assessments"),
    "season": gettext_lazy("seasons"),
    "incident": gettext_lazy("incidents"),
}


@dataclass(frozen=True)
class TimelineEntry:
    moment: datetime.datetime
    kind: str  # a key of KIND_LABELS
    title: str
    detail: str = ""
    when: datetime.date = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "when", timezone.localtime(self.moment).date())


def _on(day: datetime.date) -> datetime.datetime:
    # Events known by their date only are placed at midday, between that day's timed events.
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def timeline_of(
    beneficiary: Beneficiary, consents: list[Consent], seasons: list[Participation]
) -> list[TimelineEntry]:
    entries = [TimelineEntry(beneficiary.created_at, "registration", _("Registered"))]
    # Her second files, merged into this one: their activities now hang off this file.
    for merged in Beneficiary.objects.filter(merged_into=beneficiary).order_by("pk"):
        entries.append(
            TimelineEntry(
                merged.created_at,
                "registration",
                _("Registered a second time (file %(id)s)") % {"id": merged.pk},
            )
        )
        if merged.merged_at:
            entries.append(
                TimelineEntry(
                    merged.merged_at,
                    "registration",
                    _("File %(id)s merged into this one") % {"id": merged.pk},
                )
            )
    for consent in consents:
        title = (
            _("Consent given: %(purpose)s")
            if consent.given
            else _("Consent withdrawn: %(purpose)s")
        ) % {"purpose": consent.get_purpose_display()}
        entries.append(
            TimelineEntry(consent.recorded_at, "consent", title, consent.get_method_display())
        )
    for participation in seasons:
        campaign = str(participation.campaign)
        entries.append(
            TimelineEntry(
                participation.created_at,
                "season",
                _("Added to %(campaign)s") % {"campaign": campaign},
            )
        )
        if participation.departure_date:
            entries.append(
                TimelineEntry(
                    _on(participation.departure_date),
                    "season",
                    _("Departed for %(campaign)s") % {"campaign": campaign},
                    participation.employer,
                )
            )
        if participation.return_date:
            entries.append(
                TimelineEntry(
                    _on(participation.return_date),
                    "season",
                    _("Returned from %(campaign)s") % {"campaign": campaign},
                )
            )
        elif participation.status == Participation.Status.DID_NOT_RETURN:
            entries.append(
                TimelineEntry(
                    participation.updated_at,
                    "season",
                    _("Did not return from %(campaign)s") % {"campaign": campaign},
                )
            )
        for incident in participation.incidents.all():
            entries.append(
                TimelineEntry(
                    _on(incident.occurred_on),
                    "incident",
                    _("Incident: %(kind)s") % {"kind": incident.get_kind_display()},
                    campaign,
                )
            )
    return sorted(entries, key=lambda e: e.moment, reverse=True)
