from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from irtiqaa.beneficiaries.models import MaritalStatus
from irtiqaa.seasons.models import Campaign, Incident, Participation

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


class CampaignForm(forms.ModelForm):
    allowed_marital_statuses = forms.MultipleChoiceField(
        label=_("Allowed marital statuses"),
        choices=MaritalStatus.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked means any marital status."),
    )

    class Meta:
        model = Campaign
        fields = [
            "year",
            "destination_country",
            "destination_province",
            "sector",
            "planned_departure_start",
            "planned_departure_end",
            "planned_return_start",
            "planned_return_end",
            "min_age",
            "max_age",
            "children_required",
            "max_youngest_child_age",
            "allowed_marital_statuses",
            "notes",
        ]
        widgets = {
            "planned_departure_start": DATE_WIDGET,
            "planned_departure_end": DATE_WIDGET,
            "planned_return_start": DATE_WIDGET,
            "planned_return_end": DATE_WIDGET,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in (
            "planned_departure_start",
            "planned_departure_end",
            "planned_return_start",
            "planned_return_end",
        ):
            self.fields[name].input_formats = DATE_FORMATS  # type: ignore[attr-defined]

    def clean_year(self) -> int:
        year: int = self.cleaned_data["year"]
        if not 2000 <= year <= timezone.localdate().year + 2:
            raise forms.ValidationError(_("Enter a year between 2000 and two years from now."))
        return year

    def clean_destination_country(self) -> str:
        country: str = self.cleaned_data["destination_country"].strip().upper()
        if len(country) != 2 or not country.isalpha():
            raise forms.ValidationError(_("Use the two-letter country code, e.g. ES."))
        return country

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        pairs = (
            ("planned_departure_start", "planned_departure_end"),
            ("planned_return_start", "planned_return_end"),
            ("planned_departure_start", "planned_return_start"),
        )
        for start, end in pairs:
            if data.get(start) and data.get(end) and data[end] < data[start]:
                self.add_error(
                    end,
                    _("This date comes before %(other)s.") % {"other": self.fields[start].label},
                )
        low, high = data.get("min_age"), data.get("max_age")
        if low is not None and high is not None and high < low:
            self.add_error("max_age", _("The maximum age is below the minimum age."))
        return data


class ParticipationForm(forms.ModelForm):
    class Meta:
        model = Participation
        fields = [
            "campaign",
            "employer",
            "status",
            "departure_date",
            "planned_return_date",
            "return_date",
            "savings_mad",
            "earnings_mad",
        ]
        widgets = {
            "departure_date": DATE_WIDGET,
            "planned_return_date": DATE_WIDGET,
            "return_date": DATE_WIDGET,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("departure_date", "planned_return_date", "return_date"):
            self.fields[name].input_formats = DATE_FORMATS  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        today = timezone.localdate()
        departure, returned = data.get("departure_date"), data.get("return_date")
        for name in ("departure_date", "return_date"):
            if data.get(name) and data[name] > today:
                self.add_error(
                    name, _("This date is in the future: record it once it has happened.")
                )
        planned = data.get("planned_return_date")
        if departure and planned and planned < departure:
            self.add_error(
                "planned_return_date", _("The planned return comes before the departure date.")
            )
        if departure and returned and returned < departure:
            self.add_error("return_date", _("The return date comes before the departure date."))
        status = data.get("status")
        needs_departure = (
            Participation.Status.DEPARTED,
            Participation.Status.RETURNED,
            Participation.Status.DID_NOT_RETURN,
        )
        if status in needs_departure and not departure:
            self.add_error("departure_date", _("Give the departure date for this status."))
        if status == Participation.Status.RETURNED and not returned:
            self.add_error("return_date", _("Give the return date for a woman who has returned."))
        if returned and status not in (Participation.Status.RETURNED, None):
            self.add_error("status", _("A woman with a return date has the status “returned”."))
        for name in ("savings_mad", "earnings_mad"):
            if data.get(name) is not None and data[name] < 0:
                self.add_error(name, _("An amount cannot be negative."))
        return data


class IncidentForm(forms.ModelForm):
    class Meta:
        model = Incident
        fields = ["kind", "occurred_on", "description", "follow_up"]
        widgets = {
            "occurred_on": DATE_WIDGET,
            "description": forms.Textarea(attrs={"rows": 3}),
            "follow_up": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["occurred_on"].input_formats = DATE_FORMATS  # type: ignore[attr-defined]

    def clean_occurred_on(self) -> Any:
        day = self.cleaned_data["occurred_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return day
