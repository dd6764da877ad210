"""Cell values read as dates, phones, counts, choices, names and column mappings."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.utils.datetime import from_excel

from irtiqaa.beneficiaries.identifiers import IdentifierError, normalise_phone
from irtiqaa.imports.values import (
    EDUCATION_LEVEL,
    HEADER_SYNONYMS,
    LANGUAGES,
    LITERACY,
    MARITAL_STATUS,
    ValueProblem,
    fold_label,
    guess_mapping,
    match_choice,
    match_choices,
    parse_count,
    parse_date,
    serial_from_date,
    split_full_name,
    split_phones,
    text,
    to_digits,
)


def problem(function, *args, **kwargs) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueProblem) as raised:
        function(*args, **kwargs)
    assert raised.value.message
    return raised.value.code


# --- Text -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ""),
        ("  Fatima \n  Zahra\t", "Fatima Zahra"),
        (3.0, "3"),
        (612345678.0, "612345678"),
        (2.5, "2.5"),
        (42, "42"),
        ("\u200fفاطمة\u200e  الزهراء\ufeff", "فاطمة الزهراء"),
        (datetime.datetime(1990, 1, 2), "1990-01-02"),
    ],
)
def test_text_is_one_clean_line(value: object, expected: str) -> None:
    assert text(value) == expected


def test_arabic_indic_digits_become_ascii() -> None:
    assert to_digits("٠٦١٢٣٤٥٦٧٨ / ۰۶۹۸") == "0612345678 / 0698"


# --- Dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "02/01/1990",
        "2/1/1990",
        "02-01-1990",
        "02.01.1990",
        " 02 / 01 / 1990 ",
        "1990-01-02",
        "1990/01/02",
        "1990-01-02 00:00:00",
        "02/01/1990 00:00",
        "٠٢/٠١/١٩٩٠",
        "۰۲/۰۱/۱۹۹۰",
        "32875",
        "32875.0",
        32875,
        32875.0,
        32875.75,  # with a time of day
        datetime.date(1990, 1, 2),
        datetime.datetime(1990, 1, 2, 14, 30),
    ],
)
def test_every_way_of_writing_a_date(value: object) -> None:
    assert parse_date(value) == datetime.date(1990, 1, 2)


@pytest.mark.parametrize("value", [None, "", "   "])
def test_a_blank_date_is_none(value: object) -> None:
    assert parse_date(value) is None


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("02/01/90", "two_digit_year"),
        ("2-1-85", "two_digit_year"),
        ("12/31/1990", "invalid_date"),  # month first is never guessed
        ("31/02/1990", "invalid_date"),
        ("29/02/1991", "invalid_date"),
        ("00/01/1990", "invalid_date"),
        ("02/01/1890", "invalid_date"),
        ("02/01/19900", "invalid_date"),
        ("02/01-1990", "invalid_date"),
        ("vers 1990", "invalid_date"),
        ("1990", "year_only"),  # not the serial of a day in 1905
        (1975, "year_only"),
        ("00/00/1975", "year_only"),
        (60, "invalid_date"),  # 29/02/1900, a day that never was
        (0, "invalid_date"),
        (-5, "invalid_date"),
        (3_000_000, "invalid_date"),
        (float("nan"), "invalid_date"),
        (True, "invalid_date"),
    ],
)
def test_dates_that_cannot_be_read_are_refused(value: object, code: str) -> None:
    assert problem(parse_date, value) == code


def test_serials_match_what_the_spreadsheet_shows() -> None:
    assert parse_date(1) == datetime.date(1900, 1, 1)
    assert parse_date(59) == datetime.date(1900, 2, 28)
    assert parse_date(61) == datetime.date(1900, 3, 1)
    assert parse_date(45658) == datetime.date(2025, 1, 1)
    assert parse_date(2101) == datetime.date(1905, 10, 1)  # past the years: a serial again


DATES = st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2100, 12, 31))


@given(DATES)
def test_any_date_written_day_first_reads_back(day: datetime.date) -> None:
    assert parse_date(day.strftime("%d/%m/%Y")) == day
    assert parse_date(f"{day.day}/{day.month}/{day.year}") == day
    assert parse_date(day.isoformat()) == day


@given(DATES.filter(lambda day: not 1900 <= serial_from_date(day) <= 2100))
def test_any_date_serial_round_trips(day: datetime.date) -> None:
    serial = serial_from_date(day)

    assert parse_date(serial) == day
    assert parse_date(str(serial)) == day
    assert parse_date(float(serial) + 0.5) == day
    # openpyxl's own reading of serials agrees (away from the fictitious 29/02/1900).
    if serial > 60:
        assert from_excel(serial).date() == day


# --- Phones -----------------------------------------------------------------------------------

MOROCCAN_WRITINGS = [
    "0612345678",
    "06 12 34 56 78",
    "06-12-34-56-78",
    "06.12.34.56.78",
    "+212 6 12 34 56 78",
    "+212 (0)6 12 34 56 78",
    "+212612345678",
    "00212612345678",
    "00 212 6 12 34 56 78",
    "212612345678",
    "612345678",
    612345678,
    612345678.0,
    "612345678.0",
    "6.12345678E+08",
    "٠٦١٢٣٤٥٦٧٨",
]
SPANISH_WRITINGS = ["+34 612 34 56 78", "0034612345678", "0034 612 345 678", "+34612345678"]


@pytest.mark.parametrize("value", MOROCCAN_WRITINGS)
def test_every_writing_of_a_moroccan_number_is_one_number(value: object) -> None:
    pieces = split_phones(value)
    assert [normalise_phone(piece) for piece in pieces] == ["+212612345678"]


@pytest.mark.parametrize("value", SPANISH_WRITINGS)
def test_every_writing_of_a_spanish_number_is_one_number(value: object) -> None:
    pieces = split_phones(value)
    assert [normalise_phone(piece) for piece in pieces] == ["+34612345678"]


def test_a_spanish_number_without_its_prefix_reads_as_moroccan() -> None:
    # "612 345 678" is also a Moroccan number that lost its zero: the programme's women have
    # Moroccan numbers first, so the Moroccan reading wins (as in normalise_phone).
    assert [normalise_phone(p) for p in split_phones("612 345 678")] == ["+212612345678"]


@pytest.mark.parametrize(
    "separator", [" / ", "/", ", ", ";", " - ", " ou ", " OU ", " و ", "\n", " ", "  et  "]
)
def test_two_numbers_in_one_cell(separator: str) -> None:
    pieces = split_phones(f"06 12 34 56 78{separator}+34 612 34 56 78")
    assert [normalise_phone(piece) for piece in pieces] == ["+212612345678", "+34612345678"]


def test_blank_phone_cells_hold_no_number() -> None:
    assert split_phones(None) == []
    assert split_phones("") == []
    assert split_phones(" / ") == []


def test_what_is_not_a_phone_is_handed_over_for_validation() -> None:
    assert split_phones("06 12 34") == ["061234"]


def _allocated(national: str) -> bool:
    try:
        normalise_phone("0" + national)
    except IdentifierError:
        return False
    return True


# Moroccan mobile numbers (without the trunk zero) in the ranges that are allocated.
MOBILE = st.from_regex(r"\A[67][0-9]{8}\Z").filter(_allocated)


def _writings(national: str) -> list[str]:
    pairs = " ".join(national[i : i + 2] for i in range(1, 9, 2))
    return [
        "0" + national,
        "0" + national[0] + " " + pairs,
        "-".join(["0" + national[0], *pairs.split()]),
        "+212 " + national[0] + " " + pairs,
        "+212 (0)" + national[0] + " " + pairs,
        "00212" + national,
        "212" + national,
        national,
    ]


@given(MOBILE)
def test_all_writings_of_a_mobile_number_normalise_alike(national: str) -> None:
    expected = "+212" + national
    for writing in _writings(national):
        assert [normalise_phone(piece) for piece in split_phones(writing)] == [expected]
    assert [normalise_phone(piece) for piece in split_phones(int(national))] == [expected]


@given(MOBILE, MOBILE)
def test_two_mobile_numbers_with_only_spaces_between_are_told_apart(a: str, b: str) -> None:
    cell = f"{_writings(a)[1]} {_writings(b)[1]}"
    assert [normalise_phone(p) for p in split_phones(cell)] == ["+212" + a, "+212" + b]


# --- Labels and choices -----------------------------------------------------------------------


def test_labels_fold_case_accents_arabic_variants_and_punctuation() -> None:
    assert fold_label("  Nombre d’enfants ") == "nombre d enfants"
    assert fold_label("N° CIN") == fold_label("n cin")
    assert fold_label("Date de naissance (jj/mm/aaaa)") == "date de naissance jj mm aaaa"
    assert fold_label("الإقليم") == fold_label("الاقليم")
    assert fold_label("أرملة") == fold_label("ارمله")
    assert fold_label("مُتَزَوِّجَة") == fold_label("متزوجه")
    assert fold_label("Marié(e)") == fold_label("mariée") == fold_label("MARIE")
    assert fold_label("Kénitra") == "kenitra"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Célibataire", "single"),
        ("CELIBATAIRE", "single"),
        ("C", "single"),
        ("عازبة", "single"),
        ("Marié(e)", "married"),
        ("mariée", "married"),
        ("M", "married"),
        ("مُتَزَوِّجَة", "married"),
        ("Divorcée", "divorced"),
        ("divorcé.e", "divorced"),
        ("مطلقة", "divorced"),
        ("Veuve", "widowed"),
        ("veuf(ve)", "widowed"),
        ("ارملة", "widowed"),
        ("V", "widowed"),
        ("widowed", "widowed"),
    ],
)
def test_marital_status_in_every_language(value: str, expected: str) -> None:
    assert match_choice(value, MARITAL_STATUS) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Néant", "none"),
        ("sans", "none"),
        ("بدون", "none"),
        ("Msid", "koranic"),
        ("École coranique", "koranic"),
        ("كتاب", "koranic"),
        ("Primaire", "primary"),
        ("ابتدائي", "primary"),
        ("Collège", "lower_secondary"),
        ("Secondaire collégial", "lower_secondary"),
        ("إعدادي", "lower_secondary"),
        ("Lycée", "upper_secondary"),
        ("Secondaire qualifiant", "upper_secondary"),
        ("Bac", "upper_secondary"),
        ("ثانوي", "upper_secondary"),
        ("Universitaire", "higher"),
        ("Supérieur", "higher"),
        ("جامعي", "higher"),
    ],
)
def test_education_level_in_every_language(value: str, expected: str) -> None:
    assert match_choice(value, EDUCATION_LEVEL) == expected


def test_literacy_answers() -> None:
    assert match_choice("Non", LITERACY) == "none"
    assert match_choice("Un peu", LITERACY) == "basic"
    assert match_choice("OUI", LITERACY) == "good"
    assert match_choice("نعم", LITERACY) == "good"


def test_blank_and_unknown_choices() -> None:
    assert match_choice("  ", MARITAL_STATUS) is None
    assert match_choice(None, MARITAL_STATUS) is None
    assert problem(match_choice, "pacsée", MARITAL_STATUS) == "unknown_choice"


def test_a_cell_may_list_several_languages() -> None:
    assert match_choices("Darija, Français / espagnol", LANGUAGES) == [
        "darija",
        "french",
        "spanish",
    ]
    assert match_choices("arabe et tamazight", LANGUAGES) == ["arabic", "tamazight"]
    assert match_choices("الدارجة + الأمازيغية", LANGUAGES) == ["darija", "tamazight"]
    assert match_choices("Darija; darija", LANGUAGES) == ["darija"]
    assert match_choices("", LANGUAGES) == []
    assert problem(match_choices, "Darija, klingon", LANGUAGES) == "unknown_choice"


def test_choice_keys_are_the_registry_values() -> None:
    assert set(MARITAL_STATUS) == {"single", "married", "divorced", "widowed"}
    assert set(EDUCATION_LEVEL) == {
        "none",
        "koranic",
        "primary",
        "lower_secondary",
        "upper_secondary",
        "higher",
    }
    assert set(LITERACY) == {"none", "basic", "good"}
    assert set(LANGUAGES) == {"darija", "tamazight", "arabic", "french", "spanish"}


@pytest.mark.parametrize("table", [MARITAL_STATUS, EDUCATION_LEVEL, LITERACY, LANGUAGES])
def test_no_synonym_means_two_things(table: dict[str, tuple[str, ...]]) -> None:
    owners: dict[str, str] = {}
    for key, synonyms in table.items():
        for synonym in (key, *synonyms):
            assert owners.setdefault(fold_label(synonym), key) == key, synonym


# --- Counts -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [(3, 3), (3.0, 3), ("3", 3), (" 03 ", 3), ("3,0", 3), ("٣", 3), ("Aucun", 0), (0, 0)],
)
def test_counts(value: object, expected: int) -> None:
    assert parse_count(value, maximum=20) == expected


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (-1, "not_a_whole_number"),
        ("-1", "not_a_whole_number"),
        (2.5, "not_a_whole_number"),
        ("2,5", "not_a_whole_number"),
        ("trois", "not_a_whole_number"),
        ("3 enfants", "not_a_whole_number"),
        (True, "not_a_whole_number"),
        (21, "too_large"),
        ("40", "too_large"),
    ],
)
def test_counts_that_cannot_be_read(value: object, code: str) -> None:
    assert problem(parse_count, value, maximum=20) == code


def test_a_blank_count_is_none() -> None:
    assert parse_count(None, maximum=20) is None
    assert parse_count(" ", maximum=20) is None


# --- Column mapping ---------------------------------------------------------------------------


def test_french_headers_are_mapped() -> None:
    headers = [
        "N°",
        "Nom",
        "Prénom",
        "Date naiss.",
        "N° CIN",
        "Tél",
        "Province",
        "Commune",
        "Situation familiale",
        "Nbre d'enfants",
        "Niveau d'études",
        "Langues parlées",
        "Employeur",
        "Observations",
    ]

    mapping = guess_mapping(headers, HEADER_SYNONYMS)

    assert mapping == {
        "last_name_latin": "Nom",
        "first_name_latin": "Prénom",
        "birth_date": "Date naiss.",
        "cin": "N° CIN",
        "phones": "Tél",
        "province": "Province",
        "commune": "Commune",
        "marital_status": "Situation familiale",
        "children_count": "Nbre d'enfants",
        "education_level": "Niveau d'études",
        "languages": "Langues parlées",
        "employer": "Employeur",
    }


def test_arabic_headers_are_mapped() -> None:
    headers = [
        "الاسم",
        "النسب",
        "تاريخ الازدياد",
        "رقم البطاقة الوطنية",
        "الهاتف",
        "الإقليم",
        "الجماعة",
        "الحالة العائلية",
        "عدد الأطفال",
        "المستوى الدراسي",
    ]

    mapping = guess_mapping(headers, HEADER_SYNONYMS)

    assert mapping == {
        "first_name_ar": "الاسم",
        "last_name_ar": "النسب",
        "birth_date": "تاريخ الازدياد",
        "cin": "رقم البطاقة الوطنية",
        "phones": "الهاتف",
        "province": "الإقليم",
        "commune": "الجماعة",
        "marital_status": "الحالة العائلية",
        "children_count": "عدد الأطفال",
        "education_level": "المستوى الدراسي",
    }


def test_headers_close_to_a_synonym_are_proposed_once() -> None:
    headers = [
        "NOM ET PRENOM",
        "Nom et prénom en arabe",
        "Date de naissance (jj/mm/aaaa)",
        "Prenon",
    ]
    fields = {
        "full_name_latin": HEADER_SYNONYMS["full_name_latin"],
        "full_name_ar": HEADER_SYNONYMS["full_name_ar"],
        "birth_date": HEADER_SYNONYMS["birth_date"],
        "first_name_latin": HEADER_SYNONYMS["first_name_latin"],
    }

    mapping = guess_mapping(headers, fields)

    assert mapping == {
        "full_name_latin": "NOM ET PRENOM",
        "full_name_ar": "Nom et prénom en arabe",
        "birth_date": "Date de naissance (jj/mm/aaaa)",
        "first_name_latin": "Prenon",
    }
    assert len(set(mapping.values())) == len(mapping)


def test_unrelated_headers_are_not_proposed() -> None:
    assert guess_mapping(["Observations", "Signature", "Col 7"], HEADER_SYNONYMS) == {}
    assert guess_mapping([], HEADER_SYNONYMS) == {}


def test_every_field_has_header_synonyms() -> None:
    assert set(HEADER_SYNONYMS) == {
        "first_name_latin",
        "last_name_latin",
        "first_name_ar",
        "last_name_ar",
        "full_name_latin",
        "full_name_ar",
        "birth_date",
        "cin",
        "phones",
        "province",
        "commune",
        "marital_status",
        "children_count",
        "education_level",
        "literacy_arabic",
        "literacy_french",
        "languages",
        "agricultural_experience_years",
        "skills",
        "employer",
    }
    # Each synonym proposes its own field.
    for field, synonyms in HEADER_SYNONYMS.items():
        for synonym in synonyms:
            assert guess_mapping([synonym], HEADER_SYNONYMS) == {field: synonym}, synonym


# --- Full names -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("full_name", "last", "first"),
    [
        ("EL AMRANI Fatima Zahra", "EL AMRANI", "Fatima Zahra"),
        ("Fatima Zahra EL AMRANI", "EL AMRANI", "Fatima Zahra"),
        ("BENNANI Hind", "BENNANI", "Hind"),
        ("Bennani Hind", "Bennani", "Hind"),
        ("BENNANI HIND", "BENNANI", "HIND"),
        ("El Amrani Fatima Zahra", "El Amrani", "Fatima Zahra"),
        ("Ait Ouhammou Khadija", "Ait Ouhammou", "Khadija"),
        ("ben ali naima", "ben ali", "naima"),
        ("  ALAOUI   Naima  ", "ALAOUI", "Naima"),
        ("Naima", "Naima", ""),
        ("", "", ""),
        ("فاطمة الزهراء العلوي", "العلوي", "فاطمة الزهراء"),
        ("خديجة بن علي", "بن علي", "خديجة"),
        ("سعاد آيت موسى", "آيت موسى", "سعاد"),
        ("نعيمة بناني", "بناني", "نعيمة"),
        ("نور الهدى الإدريسي", "الإدريسي", "نور الهدى"),
    ],
)
def test_full_names_are_split(full_name: str, last: str, first: str) -> None:
    assert split_full_name(full_name) == (last, first)
