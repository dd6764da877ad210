from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from irtiqaa.accounts.models import User
from irtiqaa.beneficiaries.forms import (
    CURRENT_CONSENT_TEXT_VERSION,
    AdvisorChoiceField,
    scope_agency_and_advisor,
)
from irtiqaa.beneficiaries.models import Consent
from irtiqaa.geography.models import Province
from irtiqaa.imports.fields import LIST_WIDE_CHOICES, TARGET_FIELDS
from irtiqaa.imports.models import ColumnMapping
from irtiqaa.imports.selectors import mappings_available
from irtiqaa.organisations.models import OrganisationUnit
from irtiqaa.seasons.models import Campaign

NOT_IN_LIST = ("", _("— not in the list —"))


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("List (CSV or XLSX)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.txt"}),
    )
    campaign = forms.ModelChoiceField(label=_("Campaign"), queryset=Campaign.objects.all())
    agency = forms.ModelChoiceField(
        label=_("Home agency of the women"), queryset=OrganisationUnit.objects.none()
    )
    advisor = AdvisorChoiceField(
        label=_("Assigned advisor"), queryset=User.objects.none(), required=False
    )
    mapping = forms.ModelChoiceField(
        label=_("Saved column mapping"),
        queryset=ColumnMapping.objects.none(),
        required=False,
        empty_label=_("— guess from the headers —"),
    )

    def __init__(self, *args: Any, actor: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scope_agency_and_advisor(self, actor, "agency", "advisor")
        mapping_field = self.fields["mapping"]
        assert isinstance(mapping_field, forms.ModelChoiceField)
        mapping_field.queryset = mappings_available(actor=actor)
        campaign = Campaign.objects.order_by("-planned_departure_start").first()
        self.fields["campaign"].initial = campaign.pk if campaign else None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        advisor, agency = data.get("advisor"), data.get("agency")
        if advisor and agency and advisor.unit_id != agency.pk:
            self.add_error("advisor", _("The advisor must work in her home agency."))
        return data


class MappingForm(forms.Form):
    """For each field of the registry, the column of the list that holds it; for the fields a
    list often lacks, a value for the whole list."""

    save_as = forms.CharField(
        label=_("Save this mapping as"),
        max_length=80,
        required=False,
        help_text=_("To use it again for the next list of the same shape."),
    )

    def __init__(self, *args: Any, headers: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [NOT_IN_LIST, *((h, h) for h in headers)]
        for name, label in TARGET_FIELDS.items():
            self.fields[f"col_{name}"] = forms.ChoiceField(
                label=label, choices=choices, required=False
            )
        self.fields["default_province"] = forms.ModelChoiceField(
            label=_("Province for the whole list"),
            queryset=Province.objects.all(),
            required=False,
            empty_label=_("— the agency's province —"),
        )
        for name, field_choices in LIST_WIDE_CHOICES.items():
            self.fields[f"default_{name}"] = forms.ChoiceField(
                label=TARGET_FIELDS[name],
                choices=[("", _("— none —")), *field_choices],
                required=False,
            )
        self.order_fields([*(f"col_{n}" for n in TARGET_FIELDS), "default_province"])

    @staticmethod
    def initial_from(columns: dict[str, str], defaults: dict[str, Any]) -> dict[str, Any]:
        initial: dict[str, Any] = {f"col_{name}": header for name, header in columns.items()}
        initial.update({f"default_{name}": value for name, value in defaults.items()})
        return initial

    def columns(self) -> dict[str, str]:
        return {
            name: self.cleaned_data[f"col_{name}"]
            for name in TARGET_FIELDS
            if self.cleaned_data.get(f"col_{name}")
        }

    def defaults(self) -> dict[str, Any]:
        values: dict[str, Any] = {
            name: self.cleaned_data.get(f"default_{name}") or "" for name in LIST_WIDE_CHOICES
        }
        province = self.cleaned_data.get("default_province")
        values["province"] = province.pk if province else None
        return {name: value for name, value in values.items() if value}

    def column_fields(self) -> list[forms.BoundField]:
        return [self[f"col_{name}"] for name in TARGET_FIELDS]

    def default_fields(self) -> list[forms.BoundField]:
        return [self["default_province"], *(self[f"default_{n}"] for n in LIST_WIDE_CHOICES)]


class CommitForm(forms.Form):
    consent_method = forms.ChoiceField(
        label=_("How did the women on this list give their consent to accompaniment?"),
        choices=Consent.Method.choices,
    )
    witness_name = forms.CharField(label=_("Witness"), max_length=120, required=False)
    consent_text_version = forms.CharField(
        label=_("Version of the consent text"),
        max_length=20,
        initial=CURRENT_CONSENT_TEXT_VERSION,
    )
    confirm = forms.BooleanField(
        label=_("Each woman on this list has given her consent to accompaniment."),
        error_messages={
            "required": _("Tick this box to confirm that each woman has given her consent.")
        },
    )
