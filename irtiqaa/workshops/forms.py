import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from irtiqaa.accounts.models import User
from irtiqaa.organisations.scope import agencies_in_scope
from irtiqaa.seasons.models import Participation
from irtiqaa.workshops.models import Invitation, Workshop

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%d/%m/%Y %H:%M"]

# A session is recorded after the fact at most this long ago (a forgotten session, entered late);
# anything older is almost always a mistyped year. Planning goes at most this far ahead.
MAX_DAYS_BACK = 90
MAX_DAYS_AHEAD = 2 * 366


class WorkshopForm(forms.ModelForm):
    starts_at = forms.DateTimeField(
        label=_("Date and time"),
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    class Meta:
        model = Workshop
        fields = [
            "agency",
            "kind",
            "title",
            "starts_at",
            "duration_minutes",
            "place",
            "facilitator",
            "capacity",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, actor: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency = self.fields["agency"]
        agency.queryset = agencies_in_scope(actor)  # type: ignore[attr-defined]
        agency.empty_label = None  # type: ignore[attr-defined]
        self.fields["duration_minutes"].widget.attrs.update(min=1, step=15)
        self.fields["capacity"].widget.attrs.update(min=1)
        self._previous_start = self.instance.starts_at if self.instance.pk else None

    def clean_starts_at(self) -> datetime.datetime:
        starts_at: datetime.datetime = self.cleaned_data["starts_at"]
        previous = self._previous_start
        if previous is not None and starts_at in (
            previous,
            previous.replace(second=0, microsecond=0),
        ):
            # An old session keeps its date when something else is corrected (the page shows it
            # to the minute: the stored seconds are not a change).
            return previous
        day = timezone.localtime(starts_at).date()
        today = timezone.localdate()
        if day < today - datetime.timedelta(days=MAX_DAYS_BACK):
            raise forms.ValidationError(
                _("A session more than %(days)d days ago cannot be recorded: check the year.")
                % {"days": MAX_DAYS_BACK}
            )
        if day > today + datetime.timedelta(days=MAX_DAYS_AHEAD):
            raise forms.ValidationError(_("Plan sessions at most two years ahead."))
        return starts_at

    def clean_capacity(self) -> int:
        capacity: int = self.cleaned_data["capacity"]
        if capacity < 1:
            raise forms.ValidationError(_("A session has at least one seat."))
        return capacity

    def clean_duration_minutes(self) -> int:
        minutes: int = self.cleaned_data["duration_minutes"]
        if not 1 <= minutes <= 12 * 60:
            raise forms.ValidationError(_("Enter a duration between 1 minute and 12 hours."))
        return minutes

    def clean_title(self) -> str:
        title: str = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError(_("This field is required."))
        return title


class CampaignInvitationForm(forms.Form):
    campaign = forms.TypedChoiceField(label=_("Season"), coerce=int)
    participation_status = forms.ChoiceField(
        label=_("Season status"),
        required=False,
        choices=[("", _("All statuses")), *Participation.Status.choices],
    )

    def __init__(self, *args: Any, campaigns: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["campaign"].choices = campaigns  # type: ignore[attr-defined]


ATTENDANCE_CHOICES = [
    (Invitation.Attendance.PRESENT, _("present")),
    (Invitation.Attendance.ABSENT, _("absent")),
    (Invitation.Attendance.EXCUSED, _("excused")),
]


def attendance_field_name(beneficiary_id: int) -> str:
    return f"attendance_{beneficiary_id}"


class AttendanceForm(forms.Form):
    """One choice per invited woman: the whole group on one page."""

    def __init__(self, *args: Any, invitations: list[Invitation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.invitations = invitations
        for invitation in invitations:
            self.fields[attendance_field_name(invitation.beneficiary_id)] = forms.ChoiceField(
                label=invitation.beneficiary.display_name,
                choices=ATTENDANCE_CHOICES,
                required=False,
                initial=invitation.attendance,
                widget=forms.RadioSelect,
            )

    def marks(self) -> dict[int, str]:
        return {
            i.beneficiary_id: self.cleaned_data.get(attendance_field_name(i.beneficiary_id), "")
            or i.attendance  # a row left untouched keeps what was recorded
            for i in self.invitations
        }
