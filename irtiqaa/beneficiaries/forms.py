"""Validation of a woman's identity and profile, shared by the web forms and the API."""

import datetime
import re
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from irtiqaa.accounts.models import Role, User
from irtiqaa.beneficiaries import identifiers, matching
from irtiqaa.beneficiaries.models import (
    Beneficiary,
    Consent,
    EducationLevel,
    Language,
    Literacy,
    MaritalStatus,
)
from irtiqaa.geography.models import Province
from irtiqaa.lib.dates import age_on
from irtiqaa.organisations.models import OrganisationUnit
from irtiqaa.organisations.scope import agencies_in_scope

if TYPE_CHECKING:
    from irtiqaa.beneficiaries.services import ConsentInput

CURRENT_CONSENT_TEXT_VERSION = "2026-01"
PHONE_FIELDS = ("phone_1", "phone_2")
MINIMUM_AGE = 18

# Letters of any script, spaces, hyphens, apostrophes and dots: what names are made of.
NAME_PATTERN = re.compile(r"^[^\W\d_]+(?:[\s'’.\-][^\W\d_]*)*$")


def clean_name(value: str, *, arabic: bool) -> str:
    value = " ".join(value.split())
    if not value:
        return value
    if not NAME_PATTERN.match(value):
        raise forms.ValidationError(
            _("A name holds only letters, spaces, hyphens and apostrophes."), code="invalid"
        )
    if arabic and not matching.has_arabic(value):
        raise forms.ValidationError(_("Write this name in Arabic script."), code="script")
    if not arabic and (matching.has_arabic(value) or not matching.latin_words(value)):
        raise forms.ValidationError(_("Write this name in Latin script."), code="script")
    return value


def parse_children_ages(raw: str) -> list[int]:
    ages = []
    for part in re.split(r"[,;،\s]+", raw.strip()):  # the Arabic comma too
        if not part:
            continue
        if not (part.isascii() and part.isdigit()) or int(part) > 40:
            raise forms.ValidationError(
                _("Give the children's ages as whole numbers separated by commas, e.g. 4, 9."),
                code="invalid",
            )
        ages.append(int(part))
    return ages


def check_birth_date(birth_date: datetime.date) -> None:
    """The registration's rule for a date of birth (also applied to imported lists)."""
    today = timezone.localdate()
    if birth_date > today:
        raise forms.ValidationError(_("The date of birth cannot be in the future."), code="future")
    age = age_on(birth_date, today)
    if age < MINIMUM_AGE:
        raise forms.ValidationError(
            _("She must be at least %(age)d years old.") % {"age": MINIMUM_AGE},
            code="too_young",
        )
    if age > 100:
        raise forms.ValidationError(_("Check the year of birth."), code="too_old")


# Each script typed in its own direction, whatever the language of the page.
LATIN = forms.TextInput(attrs={"dir": "ltr", "lang": "fr", "autocomplete": "off"})
ARABIC = forms.TextInput(attrs={"dir": "rtl", "lang": "ar", "autocomplete": "off"})
PHONE = forms.TextInput(
    attrs={"dir": "ltr", "type": "tel", "inputmode": "tel", "autocomplete": "off"}
)
BLANK_CHOICE = ("", "---------")


class AdvisorChoiceField(forms.ModelChoiceField):
    show_agency = False

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj} · {obj.unit}" if self.show_agency else str(obj)


def province_choices(agencies: Any) -> list[Any]:
    """Provinces grouped by region, alphabetical, the regions of the actor's agencies first."""
    own_regions = set(agencies.values_list("region_id", flat=True))
    groups: dict[Any, list[tuple[int, str]]] = {}
    for province in Province.objects.select_related("region"):
        groups.setdefault(province.region, []).append((province.pk, province.name))
    regions = sorted(groups, key=lambda r: (r.pk not in own_regions, r.official_number))
    return [BLANK_CHOICE] + [
        (region.name, sorted(groups[region], key=lambda choice: choice[1])) for region in regions
    ]


def scope_agency_and_advisor(
    form: forms.BaseForm, actor: User, agency_name: str, advisor_name: str
) -> Any:
    """Offer the agencies of the actor's scope and their advisors; an advisor's own agency and
    herself come preselected. Returns the agencies."""
    agencies = agencies_in_scope(actor)
    agency_field = form.fields[agency_name]
    assert isinstance(agency_field, forms.ModelChoiceField)
    agency_field.queryset = agencies
    advisor_field = form.fields[advisor_name]
    assert isinstance(advisor_field, AdvisorChoiceField)
    # A coordinator chooses among the advisors of several agencies: name the agency too.
    advisor_field.show_agency = agencies.count() > 1
    advisor_field.queryset = (
        User.objects.filter(role=Role.ADVISOR, is_active=True, unit__in=agencies)
        .select_related("unit")
        .order_by("last_name", "first_name")
    )
    if actor.role == Role.ADVISOR and actor.unit_id is not None:
        agency_field.initial = actor.unit_id
        advisor_field.initial = actor.pk
    return agencies


class BeneficiaryForm(forms.Form):
    first_name_latin = forms.CharField(
        label=_("First name (Latin script)"), max_length=80, required=False, widget=LATIN
    )
    last_name_latin = forms.CharField(
        label=_("Last name (Latin script)"), max_length=80, required=False, widget=LATIN
    )
    first_name_ar = forms.CharField(
        label=_("First name (Arabic script)"), max_length=80, required=False, widget=ARABIC
    )
    last_name_ar = forms.CharField(
        label=_("Last name (Arabic script)"), max_length=80, required=False, widget=ARABIC
    )
    birth_date = forms.DateField(
        label=_("Date of birth"),
        # type=date inputs only accept ISO values, whatever the page's language.
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )
    cin = forms.CharField(
        label=_("CIN"),
        max_length=20,
        required=False,
        widget=forms.TextInput(
            attrs={"dir": "ltr", "autocapitalize": "characters", "autocomplete": "off"}
        ),
    )
    phone_1 = forms.CharField(label=_("Phone"), max_length=30, required=False, widget=PHONE)
    phone_2 = forms.CharField(label=_("Other phone"), max_length=30, required=False, widget=PHONE)
    province = forms.ModelChoiceField(
        label=_("Province or prefecture"), queryset=Province.objects.select_related("region")
    )
    commune = forms.CharField(label=_("Commune"), max_length=120, required=False)
    marital_status = forms.ChoiceField(
        label=_("Marital status"), choices=[BLANK_CHOICE, *MaritalStatus.choices]
    )
    children_count = forms.IntegerField(
        label=_("Number of children"), min_value=0, max_value=20, initial=0
    )
    children_ages = forms.CharField(
        label=_("Children's ages"),
        max_length=80,
        required=False,
        help_text=_("Separated by commas, e.g. 4, 9, 13"),
        widget=forms.TextInput(attrs={"dir": "ltr", "inputmode": "numeric"}),
    )
    education_level = forms.ChoiceField(
        label=_("Education level"), choices=[BLANK_CHOICE, *EducationLevel.choices]
    )
    literacy_arabic = forms.ChoiceField(label=_("Literacy in Arabic"), choices=Literacy.choices)
    literacy_french = forms.ChoiceField(label=_("Literacy in French"), choices=Literacy.choices)
    languages = forms.MultipleChoiceField(
        label=_("Spoken languages"),
        choices=Language.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    agricultural_experience_years = forms.IntegerField(
        label=_("Years of agricultural experience"), min_value=0, max_value=70, initial=0
    )
    skills = forms.CharField(
        label=_("Skills"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    home_agency = forms.ModelChoiceField(
        label=_("Home agency"), queryset=OrganisationUnit.objects.none()
    )
    assigned_advisor = AdvisorChoiceField(
        label=_("Assigned advisor"), queryset=User.objects.none(), required=False
    )

    def __init__(self, *args: Any, actor: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.actor = actor
        agencies = scope_agency_and_advisor(self, actor, "home_agency", "assigned_advisor")
        province = self.fields["province"]
        assert isinstance(province, forms.ModelChoiceField)
        province.choices = province_choices(agencies)

    def clean_first_name_latin(self) -> str:
        return clean_name(self.cleaned_data["first_name_latin"], arabic=False)

    def clean_last_name_latin(self) -> str:
        return clean_name(self.cleaned_data["last_name_latin"], arabic=False)

    def clean_first_name_ar(self) -> str:
        return clean_name(self.cleaned_data["first_name_ar"], arabic=True)

    def clean_last_name_ar(self) -> str:
        return clean_name(self.cleaned_data["last_name_ar"], arabic=True)

    def clean_birth_date(self) -> datetime.date:
        birth_date: datetime.date = self.cleaned_data["birth_date"]
        check_birth_date(birth_date)
        return birth_date

    def clean_cin(self) -> str:
        raw = self.cleaned_data["cin"]
        if not raw.strip():
            return ""
        try:
            return identifiers.normalise_cin(raw)
        except identifiers.IdentifierError:
            raise forms.ValidationError(
                _("A CIN is one or two letters followed by digits, e.g. AB123456."), code="invalid"
            ) from None

    def _clean_phone(self, name: str) -> str:
        raw = self.cleaned_data[name]
        if not raw.strip():
            return ""
        try:
            return identifiers.normalise_phone(raw)
        except identifiers.IdentifierError:
            raise forms.ValidationError(
                _("Enter a valid Moroccan or Spanish phone number, e.g. 0612345678."),
                code="invalid",
            ) from None

    def clean_phone_1(self) -> str:
        return self._clean_phone("phone_1")

    def clean_phone_2(self) -> str:
        return self._clean_phone("phone_2")

    def clean_children_ages(self) -> list[int]:
        return parse_children_ages(self.cleaned_data["children_ages"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        has_latin = data.get("first_name_latin") and data.get("last_name_latin")
        has_arabic = data.get("first_name_ar") and data.get("last_name_ar")
        names_valid = not any(
            f in self.errors
            for f in ("first_name_latin", "last_name_latin", "first_name_ar", "last_name_ar")
        )
        if names_valid and not has_latin and not has_arabic:
            self.add_error(
                "last_name_latin",
                _("Enter her first and last name in Latin script, in Arabic script, or both."),
            )
        ages = data.get("children_ages") or []
        count = data.get("children_count")
        if count is not None and len(ages) > count:
            self.add_error("children_ages", _("There are more ages than children."))
        advisor = data.get("assigned_advisor")
        agency = data.get("home_agency")
        if advisor and agency and advisor.unit_id != agency.pk:
            self.add_error("assigned_advisor", _("The advisor must work in her home agency."))
        return data

    def phones(self) -> list[str]:
        numbers = [self.cleaned_data.get(name) for name in PHONE_FIELDS]
        return list(dict.fromkeys(n for n in numbers if n))

    def profile(self) -> dict[str, Any]:
        """The cleaned values as Beneficiary fields."""
        data = dict(self.cleaned_data)
        this_year = timezone.localdate().year
        data["children_birth_years"] = sorted(this_year - age for age in data.pop("children_ages"))
        for name in ("phone_1", "phone_2"):
            data.pop(name, None)
        return data

    @staticmethod
    def initial_from(beneficiary: Beneficiary, phones: list[str]) -> dict[str, Any]:
        initial: dict[str, Any] = {
            name: getattr(beneficiary, name)
            for name in (
                "first_name_latin",
                "last_name_latin",
                "first_name_ar",
                "last_name_ar",
                "birth_date",
                "cin",
                "commune",
                "marital_status",
                "children_count",
                "education_level",
                "literacy_arabic",
                "literacy_french",
                "languages",
                "agricultural_experience_years",
                "skills",
            )
        }
        initial["province"] = beneficiary.province_id
        initial["home_agency"] = beneficiary.home_agency_id
        initial["assigned_advisor"] = beneficiary.assigned_advisor_id
        initial["children_ages"] = ", ".join(str(a) for a in beneficiary.children_ages)
        for i, number in enumerate(phones[:2], start=1):
            initial[f"phone_{i}"] = number
        return initial


class ConsentFieldsMixin(forms.Form):
    consent_method = forms.ChoiceField(
        label=_("How was consent given?"), choices=Consent.Method.choices
    )
    witness_name = forms.CharField(label=_("Witness"), max_length=120, required=False)
    consent_text_version = forms.CharField(
        label=_("Version of the consent text read to her"),
        max_length=20,
        initial=CURRENT_CONSENT_TEXT_VERSION,
    )

    def consent_input(self, purposes: tuple[str, ...] = ()) -> "ConsentInput":
        from irtiqaa.beneficiaries.services import ConsentInput

        data = self.cleaned_data
        return ConsentInput(
            method=data["consent_method"],
            text_version=data["consent_text_version"],
            witness_name=data["witness_name"],
            purposes=purposes,
        )

    def clean_witness_name(self) -> str:
        return " ".join(self.cleaned_data["witness_name"].split())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("consent_method") == Consent.Method.ORAL_WITH_WITNESS and not data.get(
            "witness_name"
        ):
            self.add_error("witness_name", _("Oral consent needs the name of a witness."))
        return data


class RegistrationForm(BeneficiaryForm, ConsentFieldsMixin):
    consent_purposes = forms.MultipleChoiceField(
        label=_("She agrees to"),
        choices=Consent.Purpose.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    duplicate_reason = forms.CharField(
        label=_("Why is she not one of these women?"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if Consent.Purpose.ACCOMPANIMENT not in (data.get("consent_purposes") or []):
            self.add_error(
                "consent_purposes",
                _("She cannot be registered without her consent to accompaniment."),
            )
        return data

    def profile(self) -> dict[str, Any]:
        data = super().profile()
        for name in (
            "consent_method",
            "witness_name",
            "consent_text_version",
            "consent_purposes",
            "duplicate_reason",
        ):
            data.pop(name, None)
        return data


class ConsentForm(ConsentFieldsMixin):
    purpose = forms.ChoiceField(label=_("Purpose"), choices=Consent.Purpose.choices)
    given = forms.TypedChoiceField(
        label=_("Decision"),
        coerce=lambda v: v == "yes",
        choices=[("yes", _("She gives her consent")), ("no", _("She withdraws her consent"))],
        widget=forms.RadioSelect,
    )
