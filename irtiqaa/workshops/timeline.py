"""This app's events in her file's timeline."""

from irtiqaa.accounts.models import User
from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.beneficiaries.timeline import TimelineEntry


def timeline_entries(*, actor: User, beneficiary: Beneficiary) -> list[TimelineEntry]:
    """Her events of this app, in a fixed number of queries whatever their count."""
    return []
