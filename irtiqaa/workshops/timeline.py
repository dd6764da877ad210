"""This app's events in her file's timeline."""

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from irtiqaa.accounts.models import User
from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.beneficiaries.timeline import TimelineEntry
from irtiqaa.workshops.models import Invitation

TITLES: dict[str, Promise] = {
    Invitation.Attendance.UNKNOWN: gettext_lazy("Invited to a workshop: %(title)s"),
    Invitation.Attendance.PRESENT: gettext_lazy("Attended a workshop: %(title)s"),
    Invitation.Attendance.ABSENT: gettext_lazy("Absent from a workshop: %(title)s"),
    Invitation.Attendance.EXCUSED: gettext_lazy("Excused from a workshop: %(title)s"),
}


def timeline_entries(*, actor: User, beneficiary: Beneficiary) -> list[TimelineEntry]:
    """Her events of this app, in a fixed number of queries whatever their count: one per
    invitation, at the session's time (its attendance once recorded)."""
    entries = []
    for invitation in beneficiary.workshop_invitations.select_related("workshop"):
        workshop = invitation.workshop
        detail = workshop.get_kind_display()
        if workshop.cancelled:
            detail = _("%(kind)s, cancelled") % {"kind": detail}
        entries.append(
            TimelineEntry(
                workshop.starts_at,
                "workshop",
                str(TITLES[invitation.attendance]) % {"title": workshop.title},
                detail,
            )
        )
    return entries
