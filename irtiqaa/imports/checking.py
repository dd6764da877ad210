"""One row of a list checked with the registration form's rules, field by field.

The form's own clean functions are called (names, date of birth, CIN, phones) rather than the
form itself: a form per row would cost a query per choice field and per row.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django import forms

from irtiqaa.beneficiaries import identifiers, matching
from irtiqaa.beneficiaries.forms import check_birth_date, clean_name
from irtiqaa.beneficiaries.models import Literacy
from irtiqaa.geography.models import Province
from irtiqaa.imports import values
from irtiqaa.lib.crypto import search_hash
from irtiqaa.seasons import eligibility
from irtiqaa.seasons.models import Campaign

NAME_FIELDS = ("first_name_latin", "last_name_latin", "first_name_ar", "last_name_ar")
TEXT_LIMITS = {"commune": 120, "skills": 1000, "employer": 160}
# Words that precede a province's name in lists ("Province de Kénitra", "Préfecture de Rabat").
PROVINCE_WORDS = (
    "province de ",
    "province d ",
    "prefecture de ",
    "prefecture d ",
    "province ",
    "prefecture ",
    "اقليم ",
    "عمالة ",
)

# A value shown with its problem is cut there: a cell may hold a paragraph.
WRITTEN_MAX_LENGTH = 40


@dataclass
class Problem:
    field: str
    code: str
    # The value as the list writes it, when showing it helps to correct it and it is not an
    # identifier kept encrypted (a date of birth: "31/02/1990" is not a date).
    written: str = ""

    def as_json(self) -> dict[str, str]:
        found = {"field": self.field, "code": self.code}
        if self.written:
            found["written"] = self.written
        return found


@dataclass
class CheckedRow:
    number: int
    names: dict[str, str] = field(default_factory=dict)
    # Names refused, as written: shown on the row and in the report, so that she finds it.
    refused_names: dict[str, str] = field(default_factory=dict)
    birth_date: datetime.date | None = None
    profile: dict[str, Any] = field(default_factory=dict)
    phones: list[str] = field(default_factory=list)
    employer: str = ""
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.problems

    @property
    def person(self) -> matching.PersonName:
        return matching.PersonName(*(self.names.get(name, "") for name in NAME_FIELDS))

    @property
    def cin_hash(self) -> str:
        cin = self.profile.get("cin") or ""
        return search_hash("cin", cin) if cin else ""

    @property
    def phone_hashes(self) -> list[str]:
        return [search_hash("phone", phone) for phone in self.phones]

    def data(self) -> dict[str, Any]:
        """What the import needs of the row, as JSON."""
        profile = dict(self.profile)
        if self.birth_date:
            profile["birth_date"] = self.birth_date.isoformat()
        return {"profile": profile, "phones": self.phones, "employer": self.employer}


_FOLDED_PROVINCE_WORDS = tuple(values.fold_label(word) + " " for word in PROVINCE_WORDS)


def _fold_province(text: str) -> str:
    folded = values.fold_label(text)
    for word in _FOLDED_PROVINCE_WORDS:
        if folded.startswith(word):
            return folded[len(word) :]
    return folded


class RowChecker:
    """Checks rows against the mapping, the list-wide values and the campaign's criteria."""

    def __init__(
        self,
        *,
        headers: list[str],
        columns: dict[str, str],
        defaults: dict[str, Any],
        campaign: Campaign,
        default_province_id: int | None,
    ) -> None:
        index = {header: position for position, header in enumerate(headers)}
        self.positions = {
            target: index[header] for target, header in columns.items() if header in index
        }
        self.defaults = defaults
        self.default_province_id = defaults.get("province") or default_province_id
        self.provinces: dict[str, int] = {}
        self._province_of: dict[str, int | None] = {}
        for pk, name_fr, name_ar, code in Province.objects.values_list(
            "pk", "name_fr", "name_ar", "code"
        ):
            for name in (name_fr, name_ar, code):
                self.provinces.setdefault(_fold_province(name), pk)
        self.criteria = eligibility.Criteria(
            min_age=campaign.min_age,
            max_age=campaign.max_age,
            children_required=campaign.children_required,
            max_youngest_child_age=campaign.max_youngest_child_age,
            allowed_marital_statuses=tuple(campaign.allowed_marital_statuses),
        )
        self.season_start = campaign.planned_departure_start

    def _cell(self, cells: tuple[object, ...], target: str) -> object:
        position = self.positions.get(target)
        if position is None or position >= len(cells):
            return None
        return cells[position]

    def _text(self, cells: tuple[object, ...], target: str) -> str:
        return values.text(self._cell(cells, target))

    def check(
        self,
        number: int,
        cells: tuple[object, ...],
        extra_values: bool = False,
        uncomputed_formulas: tuple[int, ...] = (),
    ) -> CheckedRow:
        row = CheckedRow(number=number)
        self._names(row, cells)
        self._birth_date(row, cells)
        self._identifiers(row, cells)
        self._profile(row, cells)
        if uncomputed_formulas:
            self._formulas(row, uncomputed_formulas)
        if extra_values:
            row.warnings.append("extra_values")
        if row.valid:
            row.warnings.extend(self._eligibility(row))
        return row

    def _formulas(self, row: CheckedRow, positions: tuple[int, ...]) -> None:
        """A formula stored without its result reads as an empty cell: say so rather than
        "missing", and do not take the emptiness as the value (a list of phones, a commune)."""
        fields = [target for target, position in self.positions.items() if position in positions]
        if not fields:
            return
        row.problems = [p for p in row.problems if p.field not in fields]
        row.problems.extend(Problem(target, "uncomputed_formula") for target in fields)

    def _names(self, row: CheckedRow, cells: tuple[object, ...]) -> None:
        raw = {name: self._text(cells, name) for name in NAME_FIELDS}
        for script, first, last in (
            ("latin", "first_name_latin", "last_name_latin"),
            ("ar", "first_name_ar", "last_name_ar"),
        ):
            whole = self._text(cells, f"full_name_{script}")
            if whole and not (raw[first] or raw[last]):
                raw[last], raw[first] = values.split_full_name(whole)
        for name, value in raw.items():
            arabic = name.endswith("_ar")
            try:
                cleaned = clean_name(value, arabic=arabic)
            except forms.ValidationError as error:
                code = (
                    "name_invalid"
                    if error.code == "invalid"
                    else ("name_script_ar" if arabic else "name_script_latin")
                )
                row.problems.append(Problem(name, code))
                row.refused_names[name] = " ".join(value.split())
                continue
            if len(cleaned) > 80:
                row.problems.append(Problem(name, "name_too_long"))
                row.refused_names[name] = cleaned
                continue
            row.names[name] = cleaned
        if any(p.field in NAME_FIELDS for p in row.problems):
            return
        names = row.names
        has_latin = bool(names.get("first_name_latin") and names.get("last_name_latin"))
        has_arabic = bool(names.get("first_name_ar") and names.get("last_name_ar"))
        if not has_latin and not has_arabic:
            row.problems.append(Problem("last_name_latin", "names_missing"))
        row.profile.update(names)

    def _birth_date(self, row: CheckedRow, cells: tuple[object, ...]) -> None:
        cell = self._cell(cells, "birth_date")
        try:
            birth_date = values.parse_date(cell)
        except values.ValueProblem as problem:
            written = values.text(cell)[:WRITTEN_MAX_LENGTH]
            row.problems.append(Problem("birth_date", problem.code, written))
            return
        if birth_date is None:
            row.problems.append(Problem("birth_date", "required"))
            return
        try:
            check_birth_date(birth_date)
        except forms.ValidationError as error:
            written = birth_date.strftime("%d/%m/%Y")
            row.problems.append(Problem("birth_date", str(error.code), written))
            return
        row.birth_date = birth_date

    def _identifiers(self, row: CheckedRow, cells: tuple[object, ...]) -> None:
        cin = values.to_digits(self._text(cells, "cin"))
        if cin:
            try:
                row.profile["cin"] = identifiers.normalise_cin(cin)
            except identifiers.IdentifierError:
                row.problems.append(Problem("cin", "cin_invalid"))
        phones = []
        for piece in values.split_phones(self._cell(cells, "phones")):
            try:
                phones.append(identifiers.normalise_phone(piece))
            except identifiers.IdentifierError:
                row.problems.append(Problem("phones", "phone_invalid"))
                break
        row.phones = list(dict.fromkeys(phones))

    def _choice(
        self, row: CheckedRow, cells: tuple[object, ...], name: str, synonyms: Any, default: str
    ) -> None:
        try:
            value = values.match_choice(self._cell(cells, name), synonyms)
        except values.ValueProblem as problem:
            row.problems.append(Problem(name, problem.code))
            return
        value = value or self.defaults.get(name) or default
        if not value:
            row.problems.append(Problem(name, "required"))
            return
        row.profile[name] = value

    def _count(self, row: CheckedRow, cells: tuple[object, ...], name: str, maximum: int) -> None:
        try:
            count = values.parse_count(self._cell(cells, name), maximum=maximum)
        except values.ValueProblem as problem:
            row.problems.append(Problem(name, problem.code))
            return
        row.profile[name] = count or 0

    def _profile(self, row: CheckedRow, cells: tuple[object, ...]) -> None:
        province = self._text(cells, "province")
        if province:
            # A list names the same few provinces on every row: each writing is folded once
            # (up to a bound, so that a column of anything cannot fill the memory).
            if province in self._province_of:
                province_id = self._province_of[province]
            else:
                province_id = self.provinces.get(_fold_province(province))
                if len(self._province_of) < 10_000:
                    self._province_of[province] = province_id
            if province_id is None:
                row.problems.append(Problem("province", "province_unknown"))
        else:
            province_id = self.default_province_id
            if province_id is None:
                row.problems.append(Problem("province", "required"))
        row.profile["province"] = province_id
        self._choice(row, cells, "marital_status", values.MARITAL_STATUS, "")
        self._choice(row, cells, "education_level", values.EDUCATION_LEVEL, "")
        self._choice(row, cells, "literacy_arabic", values.LITERACY, Literacy.NONE)
        self._choice(row, cells, "literacy_french", values.LITERACY, Literacy.NONE)
        try:
            row.profile["languages"] = values.match_choices(
                self._cell(cells, "languages"), values.LANGUAGES
            )
        except values.ValueProblem as problem:
            row.problems.append(Problem("languages", problem.code))
        self._count(row, cells, "children_count", 20)
        self._count(row, cells, "agricultural_experience_years", 70)
        for name, limit in TEXT_LIMITS.items():
            text = self._text(cells, name)
            if len(text) > limit:
                row.problems.append(Problem(name, "too_long"))
            elif name == "employer":
                row.employer = text
            else:
                row.profile[name] = text

    def _eligibility(self, row: CheckedRow) -> list[str]:
        assert row.birth_date is not None
        profile = eligibility.Profile(
            birth_date=row.birth_date,
            marital_status=row.profile["marital_status"],
            children_count=row.profile["children_count"],
            children_birth_years=(),
        )
        return list(eligibility.unmet_criteria(self.criteria, profile, self.season_start))
