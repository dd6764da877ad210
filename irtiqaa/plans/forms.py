from typing import Any

from django import forms
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from irtiqaa.accounts.models import User
from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.cases.models import Interaction
from irtiqaa.organisations.models import OrganisationUnit
from irtiqaa.plans import selectors
from irtiqaa.plans.models import Action, Goal

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


class GoalForm(forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["title", "status"]


class NewGoalForm(GoalForm):
    """A new goal is open: only its title is asked."""

    class Meta(GoalForm.Meta):
        fields = ["title"]


class AdvisorChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name() or obj.username


class InteractionChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        label = f"{obj.get_kind_display()} · {date_format(obj.occurred_on, 'SHORT_DATE_FORMAT')}"
        return f"{label} — {obj.next_step}" if obj.next_step else label


class ActionForm(forms.ModelForm):
    """An action of her plan: the choices offered are hers (her interactions, the advisors of
    her agency, active partners); the service checks owner and completion."""

    owner_advisor = AdvisorChoice(
        queryset=User.objects.none(),
        required=False,
        label=_("advisor"),
        help_text=_("When her advisor does it; her assigned advisor if none is chosen."),
    )
    interactions = InteractionChoices(
        queryset=Interaction.objects.none(),
        required=False,
        label=_("interactions"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The contacts with her where this action was decided or followed up."),
    )

    class Meta:
        model = Action
        fields = [
            "title",
            "owner",
            "owner_advisor",
            "owner_partner",
            "due_on",
            "status",
            "done_on",
            "interactions",
        ]
        widgets = {
            "owner": forms.RadioSelect,
            "due_on": DATE_WIDGET,
            "done_on": DATE_WIDGET,
        }
        help_texts = {
            "owner_partner": _("When a partner organisation does it."),
            "done_on": _("Today if left empty when the action is done."),
        }

    def __init__(self, *args: Any, beneficiary: Beneficiary, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = Action.Owner.choices  # type: ignore[attr-defined]  # no blank radio
        for name in ("due_on", "done_on"):
            self.fields[name].input_formats = DATE_FORMATS  # type: ignore[attr-defined]
        current = self.instance.owner_advisor_id if self.instance.pk else None
        advisors = User.objects.filter(
            Q(pk__in=selectors.advisor_choices(beneficiary)) | Q(pk=current)
        ).order_by("last_name", "first_name", "pk")
        self.fields["owner_advisor"].queryset = advisors  # type: ignore[attr-defined]
        partner = self.instance.owner_partner_id if self.instance.pk else None
        partners = OrganisationUnit.objects.filter(
            Q(pk__in=selectors.partner_choices()) | Q(pk=partner)
        ).order_by("name_fr", "pk")
        self.fields["owner_partner"].queryset = partners  # type: ignore[attr-defined]
        self.fields["interactions"].queryset = selectors.her_interactions(beneficiary)  # type: ignore[attr-defined]


class ActionStatusForm(forms.Form):
    """The quick status change of the plan page."""

    status = forms.ChoiceField(label=_("status"), choices=Action.Status.choices)
