from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from irtiqaa.accounts.models import Role, User
from irtiqaa.cases.models import ClosureReason, Interaction, Phase
from irtiqaa.cases.selectors import topic_list
from irtiqaa.organisations.models import OrganisationUnit

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]

OPEN_PHASES = [(value, label) for value, label in Phase.choices if value != Phase.CLOSED]


def _note_field(label: Any, required: bool = False) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PhaseForm(forms.Form):
    phase = forms.ChoiceField(label=_("New phase"), choices=OPEN_PHASES, widget=forms.RadioSelect)
    note = _note_field(_("Why"))

    def __init__(self, *args: Any, current: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["phase"].choices = [c for c in OPEN_PHASES if c[0] != current]  # type: ignore[attr-defined]


class ClosureForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reason"), choices=ClosureReason.choices, widget=forms.RadioSelect
    )
    note = _note_field(_("Note"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("reason") == ClosureReason.OTHER and not data.get("note", "").strip():
            self.add_error("note", _("Say why, since the reason is “other”."))
        return data


class ClosureDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve the closure")), ("refuse", _("Refuse the closure"))],
        widget=forms.RadioSelect,
    )
    note = _note_field(_("Note"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "refuse" and not data.get("note", "").strip():
            self.add_error("note", _("Tell the advisor why the case stays open."))
        return data


class ReopeningForm(forms.Form):
    phase = forms.ChoiceField(
        label=_("Phase she is in now"), choices=OPEN_PHASES, widget=forms.RadioSelect
    )
    note = _note_field(_("Why her case reopens"), required=True)


class AgencyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        region = obj.parent.name if obj.parent else ""
        return f"{obj.name} ({region})" if region else obj.name


class AdvisorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj} — {obj.unit.name}" if obj.unit else str(obj)


class TransferForm(forms.Form):
    to_agency = AgencyChoiceField(label=_("New agency"), queryset=OrganisationUnit.objects.none())
    advisor = AdvisorChoiceField(
        label=_("Her advisor in the new agency"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Leave empty to let the new agency assign her."),
    )
    reason = _note_field(_("Reason"), required=True)

    def __init__(self, *args: Any, current_agency_id: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agencies = OrganisationUnit.objects.filter(
            kind=OrganisationUnit.Kind.AGENCY, is_active=True
        ).select_related("parent")
        if current_agency_id:
            agencies = agencies.exclude(pk=current_agency_id)
        self.fields["to_agency"].queryset = agencies  # type: ignore[attr-defined]
        self.fields["advisor"].queryset = (  # type: ignore[attr-defined]
            User.objects.filter(role=Role.ADVISOR, is_active=True, unit__in=agencies)
            .select_related("unit")
            .order_by("unit__path", "last_name", "first_name")
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        agency, advisor = data.get("to_agency"), data.get("advisor")
        if agency and advisor and advisor.unit_id != agency.pk:
            self.add_error("advisor", _("The advisor must work in the new agency."))
        return data


class TopicChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.label


class InteractionForm(forms.ModelForm):
    topics = TopicChoiceField(
        label=_("Topics"),
        queryset=topic_list(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Interaction
        fields = [
            "kind",
            "occurred_on",
            "duration_minutes",
            "present",
            "topics",
            "notes",
            "next_step",
            "next_step_on",
        ]
        widgets = {
            "occurred_on": DATE_WIDGET,
            "next_step_on": DATE_WIDGET,
            "notes": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "present": _("Besides her: a relative, an interpreter, a partner…"),
            "notes": _("Read only by her advisors and her coordinator."),
        }

    def __init__(self, *args: Any, with_notes: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["occurred_on"].input_formats = DATE_FORMATS  # type: ignore[attr-defined]
        self.fields["next_step_on"].input_formats = DATE_FORMATS  # type: ignore[attr-defined]
        chosen = [t.pk for t in self.instance.topics.all()] if self.instance.pk else []
        self.fields["topics"].queryset = topic_list(include=chosen)  # type: ignore[attr-defined]
        if not self.instance.pk:
            self.fields["occurred_on"].initial = timezone.localdate()
        if not with_notes:
            del self.fields["notes"]

    def clean_occurred_on(self) -> Any:
        day = self.cleaned_data["occurred_on"]
        if day and day > timezone.localdate():
            raise forms.ValidationError(
                _("This date is in the future: record it once it has happened.")
            )
        return day

    def clean_duration_minutes(self) -> Any:
        minutes = self.cleaned_data.get("duration_minutes")
        # A whole-day workshop's interaction (up to 12 hours) must stay editable.
        if minutes is not None and not 1 <= minutes <= 720:
            raise forms.ValidationError(_("Give the duration in minutes, between 1 and 720."))
        return minutes

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day, next_on = data.get("occurred_on"), data.get("next_step_on")
        if next_on and not (data.get("next_step") or "").strip():
            self.add_error("next_step", _("Say what the next step is."))
        if day and next_on and next_on < day:
            self.add_error("next_step_on", _("The next step cannot come before the interaction."))
        return data
