"""This app's events in her file's timeline."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from irtiqaa.accounts.models import User
from irtiqaa.assessments.presentation import ORIENTATION_LABELS, score_text
from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.beneficiaries.timeline import TimelineEntry


def _on(day: datetime.date) -> datetime.datetime:
    # Known by its date only: placed at midday, like the other dated events of her file.
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def timeline_entries(*, actor: User, beneficiary: Beneficiary) -> list[TimelineEntry]:
    """Her events of this app, in a fixed number of queries whatever their count."""
    entries = []
    assessments = beneficiary.assessments.select_related("instrument_version__instrument").defer(
        "answers", "scores", "orientation_reasons", "instrument_version__definition"
    )
    for assessment in assessments:
        details = []
        if assessment.composite is not None:
            details.append(
                _("composite score %(score)s") % {"score": score_text(assessment.composite)}
            )
        if assessment.orientation:
            label = ORIENTATION_LABELS.get(assessment.orientation, assessment.orientation)
            details.append(_("proposed: %(orientation)s") % {"orientation": label})
        entries.append(
            TimelineEntry(
                _on(assessment.taken_on),
                "assessment",
                _("Assessment: %(instrument)s")
                % {"instrument": assessment.instrument_version.instrument.name},
                " · ".join(details),
            )
        )
    return entries
