"""The demo's messy recruitment list: what an agency receives for next season's campaign.

A real list is an Excel file put together by hand: names in either script or both, last names in
capitals and stray spaces, dates of birth typed five ways, CINs and phones written however the
person typing liked, province cells merged over several rows, a blank row in the middle. Some
women are on it twice, some are already registered with the agency, and some rows cannot be
imported at all. The demo ships such a list (and a smaller CSV twin, as Arabic Excel exports it:
Windows-1256, semicolons) so that an advisor trying the import meets all of that at once.

`build_recruitment_list` draws a list from a seed, without a database (plain data in, plain data
out, with what every row is meant to be); `write_xlsx` and `write_csv` write it;
`write_demo_lists` (used by `seed_demo`) ties it to the demo: the agency of the first demo
advisor, her registry, and the coming season's campaign.
"""

import csv
import datetime
import io
import random
import unicodedata
from collections.abc import Sequence
from copy import copy
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from django.db import transaction
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from irtiqaa.accounts.models import Role, User
from irtiqaa.beneficiaries.models import Beneficiary, EducationLevel, MaritalStatus
from irtiqaa.demo.names import FAMILY_NAMES, FIRST_NAMES
from irtiqaa.demo.organisation import DEMO_ACCOUNTS
from irtiqaa.geography.models import Province
from irtiqaa.organisations.models import OrganisationUnit
from irtiqaa.seasons.models import Campaign

# The columns, as the list's author headed them (French, with Arabic twins).
COLUMNS: tuple[tuple[str, str], ...] = (
    ("number", "N°"),
    ("last_name", "Nom"),
    ("first_name", "Prénom"),
    ("last_name_ar", "النسب"),
    ("first_name_ar", "الاسم"),
    ("birth_date", "Date de naissance / تاريخ الازدياد"),
    ("cin", "CIN / ب.ت.و"),
    ("phone", "Téléphone / الهاتف"),
    ("province", "Province / الإقليم"),
    ("marital_status", "Situation familiale"),
    ("children", "Nbre enfants"),
    ("education", "Niveau d'études"),
    ("notes", "Observations"),
)
COLUMN_KEYS = tuple(key for key, _ in COLUMNS)
PROVINCE_COLUMN = "I"  # where the merged cells are (the ninth column)

# What each row is meant to be, for the tests and the stats.
NEW = "new"
IN_FILE_DUPLICATE = "in_file_duplicate"  # the second row of a woman listed twice
REGISTRY_DUPLICATE = "registry_duplicate"  # a woman the agency has already registered
INVALID = "invalid"

# Why an invalid row cannot be imported as it is. The two payloads come once each; the others
# in turn, as many as asked for.
HTML_PAYLOAD = "<script>alert(1)</script>"
FORMULA_PAYLOAD = '=HYPERLINK("http://x","clic")'
PAYLOAD_PROBLEMS = ("html_in_name", "formula_in_name")
OTHER_PROBLEMS = (
    "too_young",
    "birth_date_missing",
    "impossible_date",
    "two_digit_year",
    "foreign_phone",
    "name_with_digits",
    "name_missing",
    "malformed_cin",
)

# Excel's day 0 in its 1900 date system (its serial numbers count days from there).
EXCEL_EPOCH = datetime.date(1899, 12, 30)
ARABIC_INDIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
LATIN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")
# CIN letters of the Gharb and its neighbours (the demo agency is Kénitra's), and the mobile
# ranges libphonenumber knows as allocated (as in the demo registry).
CIN_LETTERS = ("G", "GA", "GB", "GK", "GM", "GN", "X", "XA")
MOBILE_PREFIXES = ("61", "62", "63", "64", "65", "66", "67", "70", "71", "76", "77")
FOREIGN_PHONES = ("+33 6 12 45 78 90", "0033 7 81 22 45 10", "+213 555 12 34 56")

MARITAL_WRITINGS: dict[str, tuple[str, ...]] = {
    MaritalStatus.MARRIED: ("Mariée", "mariée", "marie", "Mariee", "M", "متزوجة"),
    MaritalStatus.DIVORCED: ("Divorcée", "divorcee", "D", "مطلقة"),
    MaritalStatus.WIDOWED: ("Veuve", "veuve", "V", "أرملة"),
    MaritalStatus.SINGLE: ("Célibataire", "celibataire", "C", "عازبة"),
}
EDUCATION_WRITINGS: dict[str, tuple[str, ...]] = {
    EducationLevel.NONE: ("Néant", "neant", "Analphabète", "أمية", "بدون"),
    EducationLevel.KORANIC: ("Msid", "Coranique", "كتاب"),
    EducationLevel.PRIMARY: ("Primaire", "primaire", "Prim.", "ابتدائي"),
    EducationLevel.LOWER_SECONDARY: ("Collège", "collège", "college", "إعدادي"),
    EducationLevel.UPPER_SECONDARY: ("Lycée", "lycee", "Bac", "ثانوي"),
    EducationLevel.HIGHER: ("Université", "جامعي"),
}
NOTES = (
    "Ancienne saisonnière",
    "A déjà travaillé à Moguer",
    "Vient avec sa sœur",
    "CIN en cours de renouvellement",
    "Pas de téléphone, joindre le moqaddem",
    "Proposée par l'association du douar",
    "مرشحة من طرف المقدم",
    "سبق لها العمل في هويلفا",
    "Disponible à partir de janvier",
)


@dataclass(frozen=True)
class RegistryWoman:
    """A woman the agency has already registered, as the list needs her (CIN in clear)."""

    id: int
    first_latin: str
    last_latin: str
    first_ar: str
    last_ar: str
    birth_date: datetime.date
    cin: str
    phones: tuple[str, ...]
    province_code: str
    marital_status: str
    children_count: int
    education_level: str


@dataclass(frozen=True)
class ProvinceName:
    code: str
    name_fr: str
    name_ar: str


@dataclass(frozen=True)
class Woman:
    """Who a row is about, cleanly: names in both scripts and whether the row shows them,
    identifiers in canonical form (E.164 phones)."""

    first_latin: str
    last_latin: str
    first_ar: str
    last_ar: str
    show_latin: bool
    show_arabic: bool
    birth_date: datetime.date | None
    cin: str
    phones: tuple[str, ...]
    province_code: str
    marital_status: str
    children_count: int
    education_level: str

    @property
    def shown_names(self) -> tuple[str, str, str, str]:
        """First and last name in Latin, then in Arabic script, as the row shows them."""
        return (
            self.first_latin if self.show_latin else "",
            self.last_latin if self.show_latin else "",
            self.first_ar if self.show_arabic else "",
            self.last_ar if self.show_arabic else "",
        )


@dataclass
class ListRow:
    """A data row of the list: its cells by column key and what it is meant to be.

    `woman_key` is the same on both rows of a woman listed twice ("new:12"), and names the
    registered woman for a registry duplicate ("registry:341"). `variations` says how the
    names were changed from the other row or from the registry."""

    cells: dict[str, Any]
    kind: str
    woman: Woman
    woman_key: str
    problem: str = ""
    variations: tuple[str, ...] = ()
    sheet_row: int = 0  # row number in the spreadsheet (the header is row 1)


@dataclass(frozen=True)
class ListPlan:
    """How many data rows, women listed twice, registered women and invalid rows."""

    rows: int
    in_file_pairs: int
    registry_duplicates: int
    invalid_rows: int


@dataclass(frozen=True)
class ListStats:
    rows: int
    in_file_duplicate_pairs: int
    registry_duplicates: int
    invalid_rows: int

    def summary(self) -> str:
        return (
            f"{self.rows:,} rows, {self.in_file_duplicate_pairs} women listed twice, "
            f"{self.registry_duplicates} already registered, {self.invalid_rows} invalid rows"
        )


@dataclass
class RecruitmentList:
    rows: list[ListRow]
    # Spreadsheet rows whose province cells are merged, (first, last), both included.
    merged_provinces: list[tuple[int, int]] = field(default_factory=list)
    blank_rows: tuple[int, ...] = ()  # empty rows between data rows
    trailing_blank_rows: int = 0  # empty (but bordered) rows after the last one

    @property
    def stats(self) -> ListStats:
        kinds = [row.kind for row in self.rows]
        return ListStats(
            rows=len(self.rows),
            in_file_duplicate_pairs=kinds.count(IN_FILE_DUPLICATE),
            registry_duplicates=kinds.count(REGISTRY_DUPLICATE),
            invalid_rows=kinds.count(INVALID),
        )


def _strip_accents(text: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)
    ).replace("œ", "oe")


# Latin spellings of each Arabic name, and the Arabic name of each Latin spelling.
_SPELLINGS = {arabic: latin for arabic, latin in (*FIRST_NAMES, *FAMILY_NAMES)}
_ARABIC_OF = {spelling: arabic for arabic, latin in _SPELLINGS.items() for spelling in latin}
# AZERTY neighbours used for typos (a consonant replaced by the key next to it).
_NEIGHBOUR = {"m": "l", "l": "k", "k": "j", "n": "b", "b": "v", "r": "t", "t": "r", "d": "s"}


class _ListDrawer:
    """Draws the women of a list and writes each one's cells, from one seeded generator."""

    def __init__(
        self,
        rng: random.Random,
        provinces: Sequence[ProvinceName],
        home_province: str,
        campaign_start: datetime.date,
        registry: Sequence[RegistryWoman],
    ) -> None:
        self.rng = rng
        self.provinces = {p.code: p for p in provinces}
        self.home_province = home_province
        self.other_provinces = [p.code for p in provinces if p.code != home_province]
        self.campaign_start = campaign_start
        self.used_cins = {w.cin for w in registry if w.cin}
        self.used_phones = {p for w in registry for p in w.phones}
        # (birth date, Arabic names) of everyone on the list or in the registry: two different
        # women must not look like one.
        self.identities = {(w.birth_date, w.first_ar, w.last_ar) for w in registry}

    # -- drawing women ------------------------------------------------------------------------

    def birth_date(self, youngest: int = 25, oldest: int = 45) -> datetime.date:
        """A birth date giving an age in [youngest, oldest] on the campaign's first departures."""
        start = self.campaign_start
        latest = start.replace(year=start.year - youngest)
        earliest = start.replace(year=start.year - oldest - 1) + datetime.timedelta(days=1)
        return earliest + datetime.timedelta(days=self.rng.randint(0, (latest - earliest).days))

    def cin(self) -> str:
        while True:
            cin = f"{self.rng.choice(CIN_LETTERS)}{self.rng.randint(100000, 999999)}"
            if cin not in self.used_cins:
                self.used_cins.add(cin)
                return cin

    def phone(self) -> str:
        while True:
            number = f"+212{self.rng.choice(MOBILE_PREFIXES)}{self.rng.randint(0, 9999999):07d}"
            if number not in self.used_phones:
                self.used_phones.add(number)
                return number

    def new_woman(self) -> Woman:
        rng = self.rng
        while True:
            first_ar, first_spellings = rng.choice(FIRST_NAMES)
            last_ar, last_spellings = rng.choice(FAMILY_NAMES)
            # A few are younger than the campaign's minimum age: on the list all the same.
            birth = self.birth_date(20, 24) if rng.random() < 0.05 else self.birth_date()
            if (birth, first_ar, last_ar) not in self.identities:
                self.identities.add((birth, first_ar, last_ar))
                break
        scripts = rng.random()
        marital = rng.choices(list(MARITAL_WRITINGS), [75, 12, 9, 4])[0]
        phones = [self.phone()] if rng.random() < 0.88 else []
        if phones and rng.random() < 0.15:
            phones.append(self.phone())
        return Woman(
            first_latin=first_spellings[0] if rng.random() < 0.75 else rng.choice(first_spellings),
            last_latin=last_spellings[0] if rng.random() < 0.75 else rng.choice(last_spellings),
            first_ar=first_ar,
            last_ar=last_ar,
            show_latin=scripts >= 0.08,  # 8 % Arabic only
            show_arabic=scripts < 0.08 or scripts >= 0.35,  # 27 % Latin only
            birth_date=birth,
            cin=self.cin() if rng.random() < 0.9 else "",
            phones=tuple(phones),
            province_code=self.home_province
            if rng.random() < 0.8 or not self.other_provinces
            else rng.choice(self.other_provinces),
            marital_status=marital,
            children_count=0
            if marital == MaritalStatus.SINGLE and rng.random() < 0.8
            else rng.choices([0, 1, 2, 3, 4, 5], [2, 22, 34, 24, 12, 6])[0],
            education_level=rng.choices(list(EDUCATION_WRITINGS)[:5], [46, 6, 27, 13, 8])[0],
        )

    def from_registry(self, registered: RegistryWoman) -> Woman:
        first_latin, last_latin = registered.first_latin, registered.last_latin
        # Her Latin names as a list would spell them when the registry holds only the Arabic.
        if not (first_latin or last_latin):
            first_latin = _SPELLINGS.get(registered.first_ar, ("",))[0]
            last_latin = _SPELLINGS.get(registered.last_ar, ("",))[0]
        return Woman(
            first_latin=first_latin,
            last_latin=last_latin,
            first_ar=registered.first_ar,
            last_ar=registered.last_ar,
            show_latin=bool(first_latin or last_latin),
            show_arabic=bool(registered.first_ar or registered.last_ar)
            and (not (first_latin or last_latin) or self.rng.random() < 0.6),
            birth_date=registered.birth_date,
            cin=registered.cin,
            phones=registered.phones,
            province_code=registered.province_code
            if registered.province_code in self.provinces
            else self.home_province,
            marital_status=registered.marital_status,
            children_count=registered.children_count,
            education_level=registered.education_level,
        )

    # -- spelling variants --------------------------------------------------------------------

    def typo(self, name: str) -> str:
        """One typing mistake after the first letter: two letters swapped, or a consonant
        replaced by its neighbour on the keyboard."""
        rng = self.rng
        if len(name) < 5:
            return name
        for _ in range(10):
            i = rng.randint(1, len(name) - 2)
            a, b = name[i], name[i + 1]
            if a.isalpha() and b.isalpha() and a.lower() != b.lower() and rng.random() < 0.5:
                return name[:i] + b + a + name[i + 2 :]
            if a.lower() in _NEIGHBOUR:
                swapped = _NEIGHBOUR[a.lower()]
                return name[:i] + (swapped.upper() if a.isupper() else swapped) + name[i + 1 :]
        return name

    def respell(self, name: str, arabic: str) -> str:
        """Another usual spelling of the same name, or a usual alteration of this one."""
        rng = self.rng
        spellings = [s for s in _SPELLINGS.get(arabic, ()) if s != name]
        if " " in name or "-" in name:  # Fatima Zahra / Fatimazahra, El Amrani / Elamrani
            return name.replace(" ", "").replace("-", "").capitalize()
        if name.startswith(("El", "Ben", "Ait", "Bou")) and rng.random() < 0.3:
            for particle in ("El", "Ben", "Ait", "Bou"):
                if name.startswith(particle) and len(name) > len(particle) + 2:
                    rest = name[len(particle) :]
                    return f"{particle} {rest.capitalize()}"
        if "ou" in name.lower() and rng.random() < 0.5:
            return name.replace("ou", "u").replace("Ou", "U")
        if spellings:
            return rng.choice(spellings)
        return self.typo(name)

    def variant(self, woman: Woman, count: int) -> tuple[Woman, tuple[str, ...]]:
        """The same woman written differently: `count` changes drawn among the usual ones."""
        rng = self.rng
        ways = ["respell_last", "respell_first", "typo", "swapped", "arabic_only", "latin_only"]
        if not (woman.first_ar and woman.last_ar):
            ways.remove("arabic_only")
        if not (woman.first_latin and woman.last_latin):
            ways = ["arabic_only"]
        done = []
        for way in rng.sample(ways, min(count, len(ways))):
            if way == "respell_last":
                woman = replace(woman, last_latin=self.respell(woman.last_latin, woman.last_ar))
            elif way == "respell_first":
                woman = replace(woman, first_latin=self.respell(woman.first_latin, woman.first_ar))
            elif way == "typo":
                if rng.random() < 0.5:
                    woman = replace(woman, last_latin=self.typo(woman.last_latin))
                else:
                    woman = replace(woman, first_latin=self.typo(woman.first_latin))
            elif way == "swapped":
                woman = replace(
                    woman,
                    first_latin=woman.last_latin,
                    last_latin=woman.first_latin,
                    first_ar=woman.last_ar,
                    last_ar=woman.first_ar,
                )
            elif way == "arabic_only":
                woman = replace(woman, show_latin=False, show_arabic=True)
            elif way == "latin_only" and woman.show_latin:
                woman = replace(woman, show_arabic=False)
            else:
                continue
            done.append(way)
        return woman, tuple(done)

    # -- writing cells ------------------------------------------------------------------------

    def messy(self, text: str, *, upper: bool = False) -> str:
        rng = self.rng
        if not text:
            return ""
        if upper:  # capitals typed without their accents, as lists write them
            text = _strip_accents(text).upper()
        roll = rng.random()
        if roll < 0.04:
            return f" {text}"
        if roll < 0.08:
            return f"{text} "
        if roll < 0.11 and " " in text:
            return text.replace(" ", "  ", 1)
        return text

    def birth_cell(self, day: datetime.date | None, *, text_only: bool = False) -> Any:
        rng = self.rng
        if day is None:
            return None
        way = rng.choices(
            ["date", "slashes", "dashes", "serial", "arabic_digits"], [40, 26, 12, 18, 4]
        )[0]
        if way == "date" and not text_only:
            return day
        if way == "dashes":
            return f"{day.day}-{day.month}-{day.year}"
        if way == "serial" and not text_only:
            return (day - EXCEL_EPOCH).days
        slashed = f"{day.day:02d}/{day.month:02d}/{day.year}"
        if way == "arabic_digits":
            return slashed.translate(ARABIC_INDIC_DIGITS)
        return slashed

    def cin_cell(self, cin: str) -> str:
        if not cin:
            return ""
        letters = cin.rstrip("0123456789")
        digits = cin[len(letters) :]
        return self.rng.choices(
            [
                cin,
                f"{letters.lower()} {digits}",
                f"{letters}-{digits}",
                f"{letters} {digits}",
                f" {cin} ",
            ],
            [55, 15, 15, 10, 5],
        )[0]

    def phone_text(self, e164: str, *, allow_number: bool) -> Any:
        national = "0" + e164[4:]  # +212612345678 → 0612345678
        rest = e164[4:]
        pairs = " ".join(national[i : i + 2] for i in range(0, 10, 2))
        ways: list[Any] = [
            national,
            pairs,
            f"+212 {rest[0]} {' '.join(rest[i : i + 2] for i in range(1, 9, 2))}",
            "00" + e164[1:],
        ]
        weights = [35, 25, 15, 10]
        if allow_number:
            ways.append(int(rest))  # the leading 0 lost by a number cell
            weights.append(15)
        return self.rng.choices(ways, weights)[0]

    def phone_cell(self, phones: tuple[str, ...]) -> Any:
        if not phones:
            return None
        if len(phones) == 1:
            return self.phone_text(phones[0], allow_number=True)
        return " / ".join(str(self.phone_text(p, allow_number=False)) for p in phones)

    def province_cell(self, code: str) -> str:
        province = self.provinces[code]
        return self.rng.choices(
            [
                province.name_fr,
                _strip_accents(province.name_fr).upper(),
                province.name_fr.lower(),
                _strip_accents(province.name_fr),
                province.name_ar,
            ],
            [40, 25, 10, 10, 15],
        )[0]

    def cells(self, woman: Woman, *, text_only: bool = False) -> dict[str, Any]:
        rng = self.rng
        first_latin, last_latin, first_ar, last_ar = woman.shown_names
        children: Any = woman.children_count
        roll = rng.random()
        if roll < 0.12:
            children = str(children)
        elif roll < 0.16:
            children = None
        return {
            "last_name": self.messy(last_latin, upper=rng.random() < 0.6),
            "first_name": self.messy(first_latin),
            "last_name_ar": self.messy(last_ar),
            "first_name_ar": self.messy(first_ar),
            "birth_date": self.birth_cell(woman.birth_date, text_only=text_only),
            "cin": self.cin_cell(woman.cin),
            "phone": self.phone_cell(woman.phones),
            "province": self.province_cell(woman.province_code),
            "marital_status": rng.choice(MARITAL_WRITINGS[woman.marital_status]),
            "children": children,
            "education": rng.choice(EDUCATION_WRITINGS[woman.education_level]),
            "notes": rng.choice(NOTES) if rng.random() < 0.12 else "",
        }

    def invalid(self, problem: str, *, text_only: bool) -> tuple[Woman, dict[str, Any]]:
        """A row that cannot be imported as it is, and why."""
        rng = self.rng
        woman = self.new_woman()
        if problem == "too_young":
            woman = replace(woman, birth_date=self.birth_date(15, 17))
        elif problem == "birth_date_missing":
            woman = replace(woman, birth_date=None)
        elif problem == "name_missing":
            woman = replace(woman, show_latin=False, show_arabic=False)
        elif problem == "foreign_phone":
            woman = replace(woman, phones=())
        cells = self.cells(woman, text_only=text_only)
        if problem == "impossible_date":
            cells["birth_date"] = rng.choice(("31/02/1991", "30/02/1988", "31/04/1990"))
        elif problem == "two_digit_year":
            assert woman.birth_date is not None
            cells["birth_date"] = woman.birth_date.strftime("%d/%m/%y")
        elif problem == "foreign_phone":
            cells["phone"] = rng.choice(FOREIGN_PHONES)
        elif problem == "name_with_digits":
            first = woman.first_latin or "Fatima"
            cells["first_name"] = first[:2] + str(rng.randint(1, 9)) + first[3:]
        elif problem == "malformed_cin":
            cells["cin"] = str(rng.randint(10000000, 99999999))
        elif problem == "html_in_name":
            cells["first_name"] = HTML_PAYLOAD
        elif problem == "formula_in_name":
            cells["last_name"] = FORMULA_PAYLOAD
        return woman, cells


def _problems(count: int) -> list[str]:
    if count <= len(PAYLOAD_PROBLEMS):
        return list(PAYLOAD_PROBLEMS[:count])
    others = count - len(PAYLOAD_PROBLEMS)
    return [*PAYLOAD_PROBLEMS, *(OTHER_PROBLEMS[i % len(OTHER_PROBLEMS)] for i in range(others))]


def build_recruitment_list(
    *,
    seed: int,
    plan: ListPlan,
    registry: Sequence[RegistryWoman],
    provinces: Sequence[ProvinceName],
    home_province: str,
    campaign_start: datetime.date,
    text_only: bool = False,
) -> RecruitmentList:
    """A messy list of `plan.rows` data rows, the same for the same arguments.

    `plan.registry_duplicates` women are taken from `registry` (fewer when it holds fewer),
    each written with her names altered and, for two thirds of them, her real CIN or phone;
    `plan.in_file_pairs` new women are listed twice; `plan.invalid_rows` rows cannot be
    imported as they are (both payloads first). The other rows are new women. `text_only`
    writes dates as text only, as a CSV holds them. Ages are counted on `campaign_start`.
    """
    rng = random.Random(f"recruitment-list:{seed}:{plan.rows}")
    drawer = _ListDrawer(rng, provinces, home_province, campaign_start, registry)
    taken = rng.sample(list(registry), min(plan.registry_duplicates, len(registry)))
    in_file_pairs = plan.in_file_pairs
    new_count = plan.rows - len(taken) - 2 * in_file_pairs - plan.invalid_rows
    if new_count < 0:
        raise ValueError("Too few rows for the duplicates and invalid rows asked for.")
    data: list[ListRow] = []

    for number in range(new_count + in_file_pairs):
        woman = drawer.new_woman()
        key = f"new:{number}"
        data.append(ListRow(drawer.cells(woman, text_only=text_only), NEW, woman, key))
        if number < in_file_pairs:
            # Her second row repeats her birth date, and her CIN or phone one time in two.
            twin, ways = drawer.variant(woman, rng.choice((1, 1, 2)))
            twin = replace(
                twin,
                cin=twin.cin if rng.random() < 0.5 else "",
                phones=twin.phones if rng.random() < 0.5 else (),
            )
            cells = drawer.cells(twin, text_only=text_only)
            data.append(ListRow(cells, IN_FILE_DUPLICATE, twin, key, variations=ways))

    for index, registered in enumerate(taken):
        woman, ways = drawer.variant(drawer.from_registry(registered), rng.choice((1, 1, 2)))
        # A third with her real CIN, a third with her real phone, a third by name and birth
        # date only (each falls back to the next when the registry lacks the identifier).
        wanted = index % 3
        if wanted == 0 and woman.cin:
            woman = replace(woman, phones=())
        elif wanted <= 1 and woman.phones:
            woman = replace(woman, cin="", phones=woman.phones[:1])
        else:
            woman = replace(woman, cin="", phones=())
        cells = drawer.cells(woman, text_only=text_only)
        key = f"registry:{registered.id}"
        data.append(ListRow(cells, REGISTRY_DUPLICATE, woman, key, variations=ways))

    for number, problem in enumerate(_problems(plan.invalid_rows)):
        woman, cells = drawer.invalid(problem, text_only=text_only)
        data.append(ListRow(cells, INVALID, woman, f"invalid:{number}", problem=problem))

    rng.shuffle(data)
    return _laid_out(rng, data)


def _laid_out(rng: random.Random, data: list[ListRow]) -> RecruitmentList:
    """Rows in runs of the same province, as lists are put together douar by douar; some runs
    have their province cell merged; one blank row in the middle and a few at the end."""
    queues: dict[str, list[ListRow]] = {}
    for row in data:
        queues.setdefault(row.woman.province_code, []).append(row)
    ordered: list[ListRow] = []
    runs: list[tuple[int, int]] = []  # (first index, last index) in `ordered`
    while queues:
        codes = sorted(queues)
        code = rng.choices(codes, [len(queues[c]) for c in codes])[0]
        size = min(rng.randint(1, 12), len(queues[code]))
        runs.append((len(ordered), len(ordered) + size - 1))
        ordered.extend(queues[code][:size])
        del queues[code][:size]
        if not queues[code]:
            del queues[code]

    # The blank row goes between two runs near the middle, so that no merge spans it.
    middle = next((first for first, _ in runs if first >= len(ordered) // 2), len(ordered))
    for index, row in enumerate(ordered):
        row.cells = {"number": index + 1, **row.cells}
        row.sheet_row = index + 2 + (1 if index >= middle else 0)
    merged = []
    for first, last in runs:
        if last > first and rng.random() < 0.3:
            merged.append((ordered[first].sheet_row, ordered[last].sheet_row))
            for row in ordered[first + 1 : last + 1]:
                row.cells["province"] = None
    blank = (middle + 2,) if middle < len(ordered) else ()
    return RecruitmentList(ordered, merged, blank, trailing_blank_rows=4)


# -- files ----------------------------------------------------------------------------------

_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WIDTHS = (6, 18, 16, 16, 14, 16, 13, 24, 14, 12, 8, 14, 30)


def write_xlsx(recruitment_list: RecruitmentList, path: Path) -> None:
    """The list as an .xlsx file, streamed (openpyxl write-only mode).

    Dates are date cells shown as dd/mm/yyyy, numbers are number cells, and every text is a
    text cell, even one beginning with "=": a list carries such a name as typed text, and
    whoever reads it must not run it."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title="Liste")
    for index, width in enumerate(_WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A2"

    def cell(value: Any, **style: Any) -> WriteOnlyCell:
        written = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            written.data_type = "s"
        elif isinstance(value, datetime.date):
            written.number_format = "DD/MM/YYYY"
        written.border = _BORDER
        for name, setting in style.items():
            setattr(written, name, setting)
        return written

    # Every data cell has one of two styles (bordered; bordered date). Setting a style looks it
    # up by hash, which cost most of the writing time: each cell gets a copy of a finished one.
    plain_style = cell("")._style
    date_style = cell(datetime.date.min)._style

    def data_cell(value: Any) -> WriteOnlyCell:
        written = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            written.data_type = "s"
        written._style = copy(date_style if isinstance(value, datetime.date) else plain_style)
        return written

    header_fill = PatternFill("solid", fgColor="DDEBF7")
    sheet.append(
        [
            cell(label, font=Font(bold=True), fill=header_fill, alignment=Alignment(wrap_text=True))
            for _, label in COLUMNS
        ]
    )
    next_row = 2
    for row in recruitment_list.rows:
        while next_row < row.sheet_row:  # a blank row, left as it was: nothing in it
            sheet.append([])
            next_row += 1
        sheet.append([data_cell(row.cells[key]) for key in COLUMN_KEYS])
        next_row += 1
    for _ in range(recruitment_list.trailing_blank_rows):
        sheet.append([data_cell(None) for _ in COLUMN_KEYS])
    for first, last in recruitment_list.merged_provinces:
        sheet.merged_cells.add(f"{PROVINCE_COLUMN}{first}:{PROVINCE_COLUMN}{last}")
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)


def _csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    # Windows-1256 has no Arabic-Indic digits: Excel writes the digits it shows as 0–9.
    return str(value).translate(LATIN_DIGITS)


def csv_bytes(recruitment_list: RecruitmentList) -> bytes:
    """The list as Excel exports a CSV on an Arabic Windows: Windows-1256, semicolons, CRLF,
    merged cells written in their first row only."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([label for _, label in COLUMNS])
    next_row = 2
    for row in recruitment_list.rows:
        while next_row < row.sheet_row:
            writer.writerow([""] * len(COLUMNS))
            next_row += 1
        writer.writerow([_csv_text(row.cells[key]) for key in COLUMN_KEYS])
        next_row += 1
    for _ in range(recruitment_list.trailing_blank_rows):
        writer.writerow([""] * len(COLUMNS))
    return out.getvalue().encode("cp1256")


def write_csv(recruitment_list: RecruitmentList, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(csv_bytes(recruitment_list))


# -- the demo's lists -----------------------------------------------------------------------

# The full list and its smaller CSV twin.
XLSX_PLAN = ListPlan(rows=5000, in_file_pairs=40, registry_duplicates=60, invalid_rows=25)
CSV_PLAN = ListPlan(rows=300, in_file_pairs=4, registry_duplicates=6, invalid_rows=8)
# Registered women a list may repeat are drawn among the agency's first ones, so that a large
# registry costs no more than a small one.
REGISTRY_SAMPLE = 2000


@dataclass(frozen=True)
class DemoLists:
    """Where the lists are, for which campaign and agency, and what they hold (None for lists
    kept as they were)."""

    campaign: Campaign
    agency: OrganisationUnit
    xlsx: Path
    csv: Path
    full: RecruitmentList | None  # in the .xlsx
    small: RecruitmentList | None  # in the .csv


def coming_campaign(today: datetime.date) -> Campaign:
    """Next year's red-fruit campaign in Huelva, the one the demo's list is for: selections now,
    departures from mid-January, no participations yet."""
    year = today.year + 1
    campaign, _ = Campaign.objects.get_or_create(
        year=year,
        destination_province="Huelva",
        sector=Campaign.Sector.RED_FRUITS,
        defaults={
            "planned_departure_start": datetime.date(year, 1, 15),
            "planned_departure_end": datetime.date(year, 4, 5),
            "planned_return_start": datetime.date(year, 5, 20),
            "planned_return_end": datetime.date(year, 7, 31),
            "min_age": 25,
            "max_age": 45,
            "children_required": True,
            "max_youngest_child_age": 17,
            "allowed_marital_statuses": [
                MaritalStatus.MARRIED,
                MaritalStatus.DIVORCED,
                MaritalStatus.WIDOWED,
            ],
            "notes": "Sélection en cours : listes de recrutement des agences (démonstration).",
        },
    )
    return campaign


def list_agency() -> OrganisationUnit:
    """The agency of the first demo advisor the demo prints (advisor.kenitra)."""
    username = next(name for name, role, *_ in DEMO_ACCOUNTS if role == Role.ADVISOR)
    unit = User.objects.select_related("unit").get(username=username).unit
    assert unit is not None
    return unit


def registry_women(agency: OrganisationUnit) -> list[RegistryWoman]:
    """The agency's first registered women, CIN decrypted, in the order they were registered."""
    women = (
        Beneficiary.objects.filter(home_agency=agency)
        .select_related("province")
        .prefetch_related("phones")
        .order_by("pk")[:REGISTRY_SAMPLE]
    )
    return [
        RegistryWoman(
            id=w.pk,
            first_latin=w.first_name_latin,
            last_latin=w.last_name_latin,
            first_ar=w.first_name_ar,
            last_ar=w.last_name_ar,
            birth_date=w.birth_date,
            cin=w.cin,
            phones=tuple(p.number for p in w.phones.all()),
            province_code=w.province.code,
            marital_status=w.marital_status,
            children_count=w.children_count,
            education_level=w.education_level,
        )
        for w in women
    ]


@transaction.atomic
def write_demo_lists(
    *, seed: int, today: datetime.date, folder: Path, keep_existing: bool = False
) -> DemoLists:
    """Write the demo's recruitment list (.xlsx) and its CSV twin into `folder`, for the coming
    campaign and the agency of the first demo advisor; the same seed and registry give the same
    lists. With `keep_existing`, lists already there are left as they are."""
    campaign = coming_campaign(today)
    agency = list_agency()
    xlsx = folder / f"liste-recrutement-{campaign.year}.xlsx"
    csv_path = folder / f"liste-recrutement-{campaign.year}-complement.csv"
    if keep_existing and xlsx.exists() and csv_path.exists():
        return DemoLists(campaign, agency, xlsx, csv_path, None, None)
    assert agency.region_id is not None and agency.province is not None
    provinces = [
        ProvinceName(p.code, p.name_fr, p.name_ar)
        for p in Province.objects.filter(region_id=agency.region_id)
    ]
    registry = registry_women(agency)

    def drawn(plan: ListPlan, *, text_only: bool) -> RecruitmentList:
        return build_recruitment_list(
            seed=seed,
            plan=plan,
            registry=registry,
            provinces=provinces,
            home_province=agency.province.code,  # type: ignore[union-attr]
            campaign_start=campaign.planned_departure_start,
            text_only=text_only,
        )

    full = drawn(XLSX_PLAN, text_only=False)
    small = drawn(CSV_PLAN, text_only=True)
    write_xlsx(full, xlsx)
    write_csv(small, csv_path)
    return DemoLists(campaign, agency, xlsx, csv_path, full, small)
