"""This app's events in her file's timeline."""

from django.utils.translation import gettext as _

from irtiqaa.accounts.models import User
from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.beneficiaries.timeline import TimelineEntry, _on
from irtiqaa.cases.models import PhaseChange
from irtiqaa.cases.selectors import file_data
from irtiqaa.lib.i18n import join_list


def _phase_title(change: PhaseChange) -> str:
    phase = change.get_to_phase_display()
    if change.cause == PhaseChange.Cause.CLOSURE:
        return _("Case closed")
    if change.cause == PhaseChange.Cause.REOPENING:
        return _("Case reopened: %(phase)s") % {"phase": phase}
    return _("Phase: %(phase)s") % {"phase": phase}


def timeline_entries(*, actor: User, beneficiary: Beneficiary) -> list[TimelineEntry]:
    """Her events of this app, in a fixed number of queries whatever their count. Interaction
    notes never appear here: the timeline is read by everyone who opens her file."""
    data = file_data(beneficiary)
    entries = [
        TimelineEntry(change.changed_at, "case", _phase_title(change), change.get_cause_display())
        for change in data.phase_changes
        # Her case opens with her registration, which the timeline already shows.
        if change.cause != PhaseChange.Cause.OPENED
    ]
    entries += [
        TimelineEntry(
            transfer.transferred_at,
            "case",
            _("Transferred from %(from)s to %(to)s")
            % {"from": transfer.from_agency, "to": transfer.to_agency},
        )
        for transfer in data.transfers
    ]
    entries += [
        TimelineEntry(
            _on(interaction.occurred_on),
            "interaction",
            interaction.get_kind_display(),
            join_list([topic.label for topic in interaction.topics.all()]),
        )
        for interaction in data.interactions
    ]
    return entries
