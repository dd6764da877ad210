"""Cell values of a recruitment list read as typed values (no Django).

Each reader takes what `reading` gives (str from a CSV; str, int, float, datetime, date, bool or
None from an XLSX) and returns a typed value, or raises `ValueProblem` with a short `code` the
caller translates and an English `message`. Blank cells read as None (or an empty list).
"""

import datetime
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping

from rapidfuzz import fuzz


class ValueProblem(ValueError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


# --- Text -------------------------------------------------------------------------------------

# Characters pasted along with Arabic text that nobody sees: bidi marks, zero-width characters,
# the byte-order mark.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u00ad]")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def text(value: object) -> str:
    """The value as one line of text: whitespace collapsed, "3.0" as "3", None as ""."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    elif isinstance(value, datetime.datetime) and value.time() == datetime.time():
        value = value.date()
    return " ".join(_INVISIBLE.sub("", str(value)).split())


def to_digits(value: str) -> str:
    """Arabic-Indic (٠-٩) and Eastern Arabic-Indic (۰-۹) digits as ASCII digits."""
    return value.translate(_DIGITS)


# --- Dates ------------------------------------------------------------------------------------

# Spreadsheet serials count days from 30/12/1899 (the 1900 date system), except that they
# believe 1900 was a leap year: serial 60 is 29/02/1900, a day that never was, and serials
# below it are one day off.
_SERIAL_EPOCH = datetime.date(1899, 12, 30)
_FICTITIOUS_LEAP_DAY = 60
_FIRST_YEAR, _LAST_YEAR = 1900, 2100
_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_DAY_FIRST = re.compile(r"^(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d+)" + _TIME + "$")
_YEAR_FIRST = re.compile(r"^(\d{4})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{1,2})" + _TIME + "$")
_SERIAL = re.compile(r"^\d+(?:[.,]\d+)?$")


def _invalid_date(shown: object) -> ValueProblem:
    return ValueProblem("invalid_date", f"“{shown}” is not a date; write it as dd/mm/yyyy.")


def parse_date(value: object) -> datetime.date | None:
    """A date from a date cell, a spreadsheet serial or dd/mm/yyyy-style text; None if blank.

    Month-first (American) dates are never guessed; two-digit years are refused.
    """
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, bool):
        raise _invalid_date(value)
    if isinstance(value, int | float):
        return date_from_serial(value)
    written = to_digits(text(value))
    if not written:
        return None
    if match := _DAY_FIRST.match(written):
        day, _, month, year = match.groups()
        if int(day) == int(month) == 0 and len(year) == 4:
            raise _year_only(int(year))  # 00/00/1990: the year alone
        if len(year) == 2:
            raise ValueProblem(
                "two_digit_year",
                f"“{written}”: write the year with four digits (is it 19{year} or 20{year}?).",
            )
        return _checked_date(year, month, day, written)
    if match := _YEAR_FIRST.match(written):
        year, _, month, day = match.groups()
        return _checked_date(year, month, day, written)
    if _SERIAL.match(written):
        return date_from_serial(float(written.replace(",", ".")))
    raise _invalid_date(written)


def _year_only(year: int) -> ValueProblem:
    return ValueProblem(
        "year_only", f"“{year}” is a year alone; write the whole date, e.g. 01/01/{year}."
    )


def _checked_date(year: str, month: str, day: str, shown: str) -> datetime.date:
    if len(year) != 4 or not _FIRST_YEAR <= int(year) <= _LAST_YEAR:
        raise _invalid_date(shown)
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        raise _invalid_date(shown) from None


def date_from_serial(serial: float) -> datetime.date:
    """The date a spreadsheet shows for a serial number (1900 date system).

    A number from 1900 to 2100 is a year written alone (women born on an unknown day have only
    the year on their card), not a day of 1905: it is refused with the code "year_only".
    """
    if not math.isfinite(serial):
        raise _invalid_date(serial)
    if _FIRST_YEAR <= serial <= _LAST_YEAR and float(serial).is_integer():
        raise _year_only(int(serial))
    days = math.floor(serial)  # a fraction is the time of day
    if days == _FICTITIOUS_LEAP_DAY:
        raise _invalid_date(text(serial))
    if days < _FICTITIOUS_LEAP_DAY:
        days += 1
    if days < 2:
        raise _invalid_date(text(serial))
    try:
        result = _SERIAL_EPOCH + datetime.timedelta(days=days)
    except OverflowError:
        raise _invalid_date(text(serial)) from None
    if not _FIRST_YEAR <= result.year <= _LAST_YEAR:
        raise _invalid_date(text(serial))
    return result


def serial_from_date(day: datetime.date) -> int:
    """The spreadsheet serial number of a date (1900 date system), the inverse of
    `date_from_serial`."""
    days = (day - _SERIAL_EPOCH).days
    return days - 1 if days <= _FICTITIOUS_LEAP_DAY else days


# --- Phones -----------------------------------------------------------------------------------

# What separates two numbers in one cell. A hyphen or a space does not: "06-12-34-56-78" is one
# number; numbers separated by them are told apart by their length, see `_group_numbers`.
_PHONE_SEPARATORS = re.compile(r"[/,;|\n\r]+|\s(?:ou|or|et|and|y|و)\s", re.IGNORECASE)
_SCIENTIFIC = re.compile(r"^\d+(?:[.,]\d+)?[eE]\+?\d+$")  # 6.12345678E+08 in a CSV from Excel
_TRAILING_ZERO_DECIMALS = re.compile(r"^(\d+)[.,]0+$")
_DIGIT_GROUP = re.compile(r"\+?\d+")


def split_phones(value: object) -> list[str]:
    """The phone numbers written in one cell, each as digits with an optional leading "+".

    Nothing is validated here: each piece goes to `normalise_phone`.
    """
    if value is None or isinstance(value, bool):
        return []
    if isinstance(value, float):
        value = int(value) if value.is_integer() else value
    numbers: list[str] = []
    for piece in _PHONE_SEPARATORS.split(to_digits(text(value))):
        piece = piece.strip()
        if _SCIENTIFIC.match(piece):
            piece = str(int(float(piece.replace(",", "."))))
        elif match := _TRAILING_ZERO_DECIMALS.match(piece):
            piece = match.group(1)
        piece = piece.replace("(0)", "")  # +212 (0)6 12 34 56 78: the trunk zero, not dialled
        numbers.extend(_group_numbers(_DIGIT_GROUP.findall(piece)))
    return numbers


def _group_numbers(groups: list[str]) -> list[str]:
    """Digit groups joined into numbers: "06 12 34 56 78" is one number, "0612345678
    0698765432" two. A number is complete when it has the length its prefix announces."""
    numbers: list[str] = []
    current = ""
    for group in groups:
        if group.startswith("+") and current:
            numbers.append(current)
            current = ""
        current += group
        if len(current.lstrip("+")) >= _expected_length(current):
            numbers.append(current)
            current = ""
    if current:
        if numbers and len(current) < 4:  # a stray fragment: it belongs to the number before
            numbers[-1] += current
        else:
            numbers.append(current)
    return numbers


def _expected_length(number: str) -> int:
    digits = number.lstrip("+")
    if number.startswith("+"):
        if digits.startswith("212"):
            return 12
        if digits.startswith("34"):
            return 11
        return 15  # another country: the whole piece
    for prefix, length in (("00212", 14), ("0034", 13), ("212", 12), ("0", 10)):
        if digits.startswith(prefix):
            return length
    return 9  # a Moroccan number that lost its zero, or a Spanish one as dialled in Spain


# --- Labels and choices -----------------------------------------------------------------------

_ARABIC_FOLD = str.maketrans({"ة": "ه", "ى": "ي", "ـ": None, "ٱ": "ا"})
# French inclusive writing: "marié(e)", "marié.e", "marié·e", "divorcé-e", "veuf(ve)".
_INCLUSIVE = re.compile(r"(?<=\w)(?:\((?:e|es|s|ve|ne|le|euse|trice)\)|[.·\-]e\b)")
_FEMININE = re.compile(r"ee(s?)\b")  # "mariée" and "marié" fold alike
_NOT_WORD = re.compile(r"[\W_]+")


def fold_label(value: object) -> str:
    """A comparison form of a label: lower case, no accents, Arabic letter variants and
    diacritics folded, punctuation and spaces collapsed to single spaces."""
    label = to_digits(text(value)).casefold()
    label = _INCLUSIVE.sub("", label)
    # NFKD splits accents and the hamza or madda of أ إ آ ؤ ئ from their letter: dropped.
    decomposed = unicodedata.normalize("NFKD", label)
    label = "".join(c for c in decomposed if not unicodedata.combining(c))
    label = label.translate(_ARABIC_FOLD)
    label = _FEMININE.sub(r"e\1", label)
    return " ".join(_NOT_WORD.sub(" ", label).split())


_LOOKUPS: dict[int, tuple[Mapping[str, Iterable[str]], dict[str, str]]] = {}


def _lookup(synonyms: Mapping[str, Iterable[str]]) -> dict[str, str]:
    """Folded synonym → key; computed once per synonyms table (tables are not changed)."""
    cached = _LOOKUPS.get(id(synonyms))
    if cached is not None and cached[0] is synonyms:
        return cached[1]
    lookup: dict[str, str] = {}
    for key, words in synonyms.items():
        for word in (key, *words):
            lookup.setdefault(fold_label(word), key)
    _LOOKUPS[id(synonyms)] = (synonyms, lookup)
    return lookup


def match_choice(value: object, synonyms: Mapping[str, Iterable[str]]) -> str | None:
    """The key of `synonyms` whose key or synonym the value is, once both are folded."""
    folded = fold_label(value)
    if not folded:
        return None
    key = _lookup(synonyms).get(folded)
    if key is None:
        raise ValueProblem("unknown_choice", f"“{text(value)}” is not one of the known answers.")
    return key


_CHOICE_SEPARATORS = re.compile(r"[,;/+&\n]+|\s(?:et|and|y|و)\s", re.IGNORECASE)


def match_choices(value: object, synonyms: Mapping[str, Iterable[str]]) -> list[str]:
    """Several choices in one cell ("Darija, Français", "arabe et tamazight"), in order, once
    each."""
    keys: list[str] = []
    for piece in _CHOICE_SEPARATORS.split(text(value)):
        key = match_choice(piece, synonyms)
        if key is not None and key not in keys:
            keys.append(key)
    return keys


# --- Counts -----------------------------------------------------------------------------------

_NOTHING = frozenset(fold_label(w) for w in ("aucun", "aucune", "néant", "sans", "none", "لا شيء"))


def parse_count(value: object, *, maximum: int) -> int | None:
    """A whole number from 0 to `maximum` (children, years of experience); None if blank."""
    if value is None or isinstance(value, bool | datetime.date):
        if value is None:
            return None
        raise _not_whole(value)
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise _not_whole(value)
        number = int(value)
    else:
        written = to_digits(text(value))
        if not written:
            return None
        if fold_label(written) in _NOTHING:
            return 0
        match = re.fullmatch(r"(\d+)(?:[.,]0+)?", written)
        if match is None:
            raise _not_whole(written)
        number = int(match.group(1))
    if number < 0:
        raise _not_whole(value)
    if number > maximum:
        raise ValueProblem("too_large", f"{number} is more than {maximum}.")
    return number


def _not_whole(value: object) -> ValueProblem:
    return ValueProblem("not_a_whole_number", f"“{text(value)}” is not a whole number.")


# --- Column mapping ---------------------------------------------------------------------------

# Fuzzy scores (0-100) from which a header is proposed for a field.
MAPPING_CUTOFF = 82
# A synonym found as whole words inside a longer header ("Date de naissance (jj/mm/aaaa)")
# scores this, below an exact match; short synonyms ("nom", "tel") are too common for it.
_CONTAINED_SCORE = 90
_CONTAINED_MIN_LENGTH = 5


_HEADER_PARTS = re.compile(r"\s[/|]\s|\s-\s|[/|]")


def guess_mapping(headers: list[str], fields: Mapping[str, Iterable[str]]) -> dict[str, str]:
    """For each field, the header that most probably holds it ({field: header}); each header is
    proposed for one field at most, exact (folded) matches first, then close ones."""
    folded_headers = {header: fold_label(header) for header in headers}
    folded_fields = {
        name: {fold_label(s) for s in (name.replace("_", " "), *synonyms)} - {""}
        for name, synonyms in fields.items()
    }
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    # A bilingual header ("CIN / ب.ت.و", "Date de naissance / تاريخ الازدياد") is matched by
    # either of its parts.
    parts = {
        header: {fold_label(part) for part in _HEADER_PARTS.split(header)} - {""}
        for header in headers
    }
    for name, synonyms in folded_fields.items():
        for header, folded in folded_headers.items():
            if header not in taken and (folded in synonyms or parts[header] & synonyms):
                mapping[name] = header
                taken.add(header)
                break
    candidates = sorted(
        (
            (
                max(_score(f, folded_fields[name]) for f in {folded, *parts[header]}),
                name,
                header,
            )
            for name in folded_fields
            if name not in mapping
            for header, folded in folded_headers.items()
            if header not in taken and folded
        ),
        key=lambda candidate: -candidate[0],
    )
    for score, name, header in candidates:
        if score < MAPPING_CUTOFF:
            break
        if name not in mapping and header not in taken:
            mapping[name] = header
            taken.add(header)
    return mapping


def _score(header: str, synonyms: set[str]) -> float:
    best = 0.0
    padded = f" {header} "
    for synonym in synonyms:
        best = max(best, fuzz.ratio(header, synonym), fuzz.token_sort_ratio(header, synonym))
        if len(synonym) >= _CONTAINED_MIN_LENGTH and f" {synonym} " in padded:
            best = max(best, _CONTAINED_SCORE)
    return best


# --- Full names -------------------------------------------------------------------------------

_LATIN_PARTICLES = frozenset({"el", "al", "ben", "bent", "ait", "ou", "oulad", "ould", "ibn"})
_ARABIC_PARTICLES = frozenset({"بن", "بنت", "ابن", "ايت", "اولاد", "ولد"})
# Compound first names whose second word begins with the article: "فاطمة الزهراء".
_ARABIC_COMPOUND_HEADS = frozenset({"فاطمه", "نور", "ام", "عبد"})
_ARABIC_LETTER = re.compile(r"[\u0600-\u06ff]")


def split_full_name(value: object) -> tuple[str, str]:
    """(last name, first name) from a "Nom et prénom" cell.

    Latin script: the words written in capitals are the last name ("EL AMRANI Fatima Zahra",
    "Fatima Zahra EL AMRANI"); when the case tells nothing, Moroccan lists write the last name
    first: the first word, with the particle before it (El, Ben, Ait…). Arabic script: lists write
    the first name first; the last name begins at the first word with the article (ال…) or a
    particle (بن، آيت…) after the first name, else it is the last word.
    A single word is taken as the last name.
    """
    words = text(value).split()
    if not words:
        return "", ""
    if len(words) == 1:
        return words[0], ""
    if _ARABIC_LETTER.search(" ".join(words)):
        last_start = _arabic_last_name_start(words)
        return " ".join(words[last_start:]), " ".join(words[:last_start])
    capitals = [_is_capitalised(word) for word in words]
    if any(capitals) and not all(capitals):
        if capitals[0]:
            end = capitals.index(False)
            return " ".join(words[:end]), " ".join(words[end:])
        if capitals[-1]:
            start = len(capitals) - capitals[::-1].index(False)
            return " ".join(words[start:]), " ".join(words[:start])
    end = 1
    while end < len(words) - 1 and fold_label(words[end - 1]) in _LATIN_PARTICLES:
        end += 1
    return " ".join(words[:end]), " ".join(words[end:])


def _is_capitalised(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _arabic_last_name_start(words: list[str]) -> int:
    folded = [fold_label(word) for word in words]
    first_name_end = 1
    if folded[0] in _ARABIC_COMPOUND_HEADS and folded[1].startswith("ال") and len(words) > 2:
        first_name_end = 2
    for index in range(first_name_end, len(words)):
        if folded[index].startswith("ال") or folded[index] in _ARABIC_PARTICLES:
            return index
    return len(words) - 1


# --- Synonym tables ---------------------------------------------------------------------------
#
# Keys are the values the registry stores; synonyms are compared folded (`fold_label`), so
# accents, case, feminine endings and Arabic letter variants need not be listed twice.

MARITAL_STATUS: dict[str, tuple[str, ...]] = {
    "single": ("célibataire", "celib", "cel", "C", "S", "jamais mariée", "عازبة", "عازب", "single"),
    "married": ("mariée", "marié", "M", "épouse", "متزوجة", "متزوج", "married"),
    "divorced": ("divorcée", "divorcé", "D", "séparée", "مطلقة", "مطلق", "divorced"),
    "widowed": ("veuve", "veuf", "V", "W", "أرملة", "ارملة", "أرمل", "widow", "widowed"),
}

EDUCATION_LEVEL: dict[str, tuple[str, ...]] = {
    "none": (
        "aucun",
        "aucune",
        "néant",
        "sans",
        "non scolarisée",
        "jamais scolarisée",
        # Lists often put "illiterate" in the education column: she never went to school.
        "analphabète",
        "illettrée",
        "أمية",
        "أمي",
        "sans niveau",
        "sans instruction",
        "بدون",
        "بدون مستوى",
        "لا شيء",
        "غير متمدرسة",
        "none",
        "no schooling",
    ),
    "koranic": (
        "msid",
        "m'sid",
        "école coranique",
        "coranique",
        "kouttab",
        "kuttab",
        "كتاب",
        "الكتاب",
        "المسيد",
        "مسيد",
        "تعليم عتيق",
        "koranic",
        "quranic",
        "koranic school",
    ),
    "primary": (
        "primaire",
        "école primaire",
        "prim",
        "ابتدائي",
        "الابتدائي",
        "ابتدائية",
        "primary",
    ),
    "lower_secondary": (
        "collège",
        "collegial",
        "secondaire collégial",
        "collégial",
        "1er cycle secondaire",
        "إعدادي",
        "الإعدادي",
        "اعدادية",
        "ثانوي إعدادي",
        "السلك الإعدادي",
        "lower secondary",
        "middle school",
    ),
    "upper_secondary": (
        "lycée",
        "secondaire",
        "secondaire qualifiant",
        "qualifiant",
        "bac",
        "baccalauréat",
        "niveau bac",
        "ثانوي",
        "الثانوي",
        "ثانوي تأهيلي",
        "تأهيلي",
        "باكالوريا",
        "بكالوريا",
        "upper secondary",
        "high school",
        "secondary",
    ),
    "higher": (
        "universitaire",
        "université",
        "supérieur",
        "études supérieures",
        "enseignement supérieur",
        "bac+2",
        "bac+3",
        "licence",
        "master",
        "جامعي",
        "جامعية",
        "عالي",
        "التعليم العالي",
        "higher",
        "university",
        "higher education",
    ),
}

LITERACY: dict[str, tuple[str, ...]] = {
    "none": (
        "non",
        "aucune",
        "aucun",
        "analphabète",
        "ne lit pas",
        "ne sait pas lire",
        "illettrée",
        "أمية",
        "امية",
        "لا",
        "لا تقرأ",
        "no",
        "cannot read",
        "illiterate",
        "0",
    ),
    "basic": (
        "un peu",
        "moyen",
        "moyenne",
        "faible",
        "basique",
        "lit un peu",
        "partiel",
        "passable",
        "قليلا",
        "قليل",
        "متوسط",
        "متوسطة",
        "ضعيف",
        "basic",
        "a little",
        "some",
        "1",
    ),
    "good": (
        "oui",
        "bien",
        "bon",
        "bonne",
        "très bien",
        "lit et écrit",
        "courant",
        "couramment",
        "نعم",
        "جيد",
        "جيدة",
        "yes",
        "good",
        "fluent",
        "reads and writes",
        "2",
    ),
}

LANGUAGES: dict[str, tuple[str, ...]] = {
    "darija": ("darija", "darija marocaine", "arabe dialectal", "dialecte", "الدارجة", "دارجة"),
    "tamazight": (
        "tamazight",
        "amazigh",
        "amazighe",
        "berbère",
        "tachelhit",
        "tachelhite",
        "chleuh",
        "tarifit",
        "rifain",
        "tamazight du moyen atlas",
        "الأمازيغية",
        "امازيغية",
        "تمازيغت",
        "تاشلحيت",
        "تريفيت",
        "الشلحة",
        "ⵜⴰⵎⴰⵣⵉⵖⵜ",
    ),
    "arabic": ("arabe", "arabe classique", "arabe standard", "arabic", "العربية", "عربية", "فصحى"),
    "french": ("français", "francais", "fr", "french", "الفرنسية", "فرنسية"),
    "spanish": ("espagnol", "español", "castillan", "es", "spanish", "الإسبانية", "إسبانية"),
}

# Column headers met in recruitment lists, for `guess_mapping`.
HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "first_name_latin": (
        "prénom",
        "prénoms",
        "prenom fr",
        "prénom (fr)",
        "first name",
        "given name",
    ),
    "last_name_latin": (
        "nom",
        "nom de famille",
        "nom fr",
        "nom (fr)",
        "last name",
        "surname",
        "family name",
    ),
    "first_name_ar": (
        "الاسم",
        "الاسم الشخصي",
        "الإسم الشخصي",
        "prénom en arabe",
        "prénom arabe",
        "prénom (ar)",
        "first name arabic",
    ),
    "last_name_ar": (
        "النسب",
        "الاسم العائلي",
        "الإسم العائلي",
        "nom en arabe",
        "nom arabe",
        "nom (ar)",
        "last name arabic",
    ),
    "full_name_latin": (
        "nom et prénom",
        "nom prénom",
        "nom & prénom",
        "nom complet",
        "prénom et nom",
        "nom et prénoms",
        "full name",
        "name",
        "bénéficiaire",
        "nom de la bénéficiaire",
    ),
    "full_name_ar": (
        "الاسم الكامل",
        "الاسم و النسب",
        "الاسم والنسب",
        "الإسم الكامل",
        "الاسم الكامل بالعربية",
        "nom et prénom en arabe",
        "nom complet en arabe",
        "full name arabic",
    ),
    "birth_date": (
        "date de naissance",
        "date naissance",
        "date naiss",
        "date de naiss",
        "né le",
        "née le",
        "ddn",
        "تاريخ الازدياد",
        "تاريخ الإزدياد",
        "تاريخ الولادة",
        "تاريخ الميلاد",
        "birth date",
        "date of birth",
        "dob",
    ),
    "cin": (
        "cin",
        "n° cin",
        "numéro cin",
        "num cin",
        "n cin",
        "cnie",
        "n° cnie",
        "carte nationale",
        "carte d'identité nationale",
        "رقم البطاقة الوطنية",
        "البطاقة الوطنية",
        "ب و",
        "ب.و",
        "national id",
        "id card",
    ),
    "phones": (
        "téléphone",
        "tél",
        "tel",
        "gsm",
        "portable",
        "mobile",
        "n° tél",
        "n° téléphone",
        "numéro de téléphone",
        "téléphones",
        "contact",
        "الهاتف",
        "رقم الهاتف",
        "الهاتف المحمول",
        "phone",
        "phone number",
    ),
    "province": (
        "province",
        "préfecture",
        "province/préfecture",
        "الإقليم",
        "الاقليم",
        "العمالة",
        "العمالة/الإقليم",
    ),
    "commune": (
        "commune",
        "douar",
        "commune rurale",
        "الجماعة",
        "الجماعة الترابية",
        "municipality",
    ),
    "marital_status": (
        "situation familiale",
        "état civil",
        "situation matrimoniale",
        "sit fam",
        "الحالة العائلية",
        "الحالة الاجتماعية",
        "marital status",
    ),
    "children_count": (
        "nombre d'enfants",
        "nbre d'enfants",
        "nb enfants",
        "nbr enfants",
        "enfants",
        "nombre enfants",
        "عدد الأطفال",
        "عدد الابناء",
        "عدد الأبناء",
        "children",
        "number of children",
    ),
    "education_level": (
        "niveau d'études",
        "niveau d'étude",
        "niveau scolaire",
        "niveau d'instruction",
        "niveau",
        "scolarité",
        "المستوى الدراسي",
        "المستوى التعليمي",
        "education",
        "education level",
    ),
    "literacy_arabic": (
        "lit l'arabe",
        "lecture arabe",
        "alphabétisation arabe",
        "sait lire l'arabe",
        "القراءة بالعربية",
        "تقرأ العربية",
        "literacy arabic",
        "reads arabic",
    ),
    "literacy_french": (
        "lit le français",
        "lecture français",
        "alphabétisation français",
        "sait lire le français",
        "القراءة بالفرنسية",
        "تقرأ الفرنسية",
        "literacy french",
        "reads french",
    ),
    "languages": (
        "langues",
        "langues parlées",
        "langue",
        "اللغات",
        "اللغة",
        "languages",
        "spoken languages",
    ),
    "agricultural_experience_years": (
        "expérience agricole",
        "années d'expérience",
        "expérience",
        "ancienneté agricole",
        "années d'expérience agricole",
        "الخبرة الفلاحية",
        "سنوات الخبرة",
        "الخبرة",
        "agricultural experience",
        "years of experience",
    ),
    "skills": ("compétences", "savoir-faire", "qualifications", "المهارات", "الكفاءات", "skills"),
    "employer": (
        "employeur",
        "entreprise",
        "exploitation",
        "société",
        "employeur espagnol",
        "empresa",
        "المشغل",
        "الشركة",
        "employer",
        "company",
    ),
}
