"""Exports never execute: formula payloads are neutralised in CSV and XLSX (issue 4, item 4)."""

import csv
import datetime
import io
import tracemalloc
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from irtiqaa.lib.spreadsheets import (
    DANGEROUS_PREFIXES,
    REPLACEMENT_CHARACTER,
    cell_value,
    neutralise,
    safe_sheet_title,
    write_csv,
    write_xlsx,
)

PAYLOADS = [
    '=HYPERLINK("http://x")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1",
    "-5",
]
ARABIC_NAME = "فاطمة الزهراء بنت محمد"
HEADER = ["Nom", "الاسم", "Note", "Âge", "Montant", "Date", "Vide"]
ROWS = [
    [
        "Fatima Zahra",
        ARABIC_NAME,
        '=HYPERLINK("http://x")',
        34,
        Decimal("-12.50"),
        datetime.date(2026, 3, 1),
        None,
    ],
    [
        "<script>alert(1)</script>",
        "عائشة",
        "+cmd|' /C calc'!A0",
        -5,
        -1.5,
        datetime.datetime(2026, 3, 1, 8, 30),
        None,
    ],
    ["Khadija", "خديجة", "-2+3", 0, Decimal("3"), datetime.date(2025, 12, 31), ""],
    ["Naima", "نعيمة", "@SUM(A1)", 41, 2.25, datetime.date(2026, 1, 15), "-5"],
]


def csv_rows(rows, header=HEADER):
    stream = io.BytesIO()
    write_csv(rows, stream, header)
    data = stream.getvalue()
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def xlsx_sheet(rows, header=HEADER, title="Rapport"):
    stream = io.BytesIO()
    write_xlsx(rows, stream, header, title)
    stream.seek(0)
    workbook = load_workbook(stream)
    return workbook[workbook.sheetnames[0]]


# neutralise ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS)
def test_dangerous_text_gets_an_apostrophe(payload):
    assert neutralise(payload) == "'" + payload


@pytest.mark.parametrize(
    "value",
    [
        -5,
        -1.5,
        0,
        42,
        Decimal("-3.20"),
        datetime.date(2026, 3, 1),
        datetime.datetime(2026, 3, 1, 9),
        None,
        True,
    ],
)
def test_numbers_dates_and_none_pass_through(value):
    assert neutralise(value) is value
    assert cell_value(value) is value


@pytest.mark.parametrize(
    "text", ["Fatima", ARABIC_NAME, "<script>alert(1)</script>", "", "a=b", "5-2", "'=x"]
)
def test_harmless_text_is_unchanged(text):
    assert neutralise(text) == text


def test_other_objects_are_written_as_neutralised_text():
    class Lazy:
        def __str__(self):
            return "=1+1"

    assert cell_value(Lazy()) == "'=1+1"


def test_control_characters_are_replaced():
    assert cell_value("Fati\x00ma\x1b") == f"Fati{REPLACEMENT_CHARACTER}ma{REPLACEMENT_CHARACTER}"
    assert cell_value("ligne 1\nligne 2") == "ligne 1\nligne 2"


# CSV -----------------------------------------------------------------------------------------------


def test_csv_worked_example():
    header, *rows = csv_rows(ROWS)
    assert header == HEADER
    assert rows[0][:3] == ["Fatima Zahra", ARABIC_NAME, '\'=HYPERLINK("http://x")']
    assert rows[1][0] == "<script>alert(1)</script>"
    assert rows[1][2] == "'+cmd|' /C calc'!A0"
    assert rows[2][2] == "'-2+3"
    assert rows[3][2] == "'@SUM(A1)"
    assert rows[3][6] == "'-5"  # the text "-5" stays text and is neutralised
    # numbers are written as numbers, negative ones without an apostrophe
    assert [row[3] for row in rows] == ["34", "-5", "0", "41"]
    assert [float(row[4]) for row in rows] == [-12.5, -1.5, 3.0, 2.25]
    assert [row[5] for row in rows] == [
        "2026-03-01",
        "2026-03-01T08:30:00",
        "2025-12-31",
        "2026-01-15",
    ]
    assert rows[0][6] == ""


def test_csv_returns_the_row_count_and_quotes_separators():
    stream = io.BytesIO()
    assert write_csv([["a,b", 'dit "non"', "ligne\nsuite"]], stream) == 1
    [row] = list(csv.reader(io.StringIO(stream.getvalue().decode("utf-8-sig"), newline="")))
    assert row == ["a,b", 'dit "non"', "ligne\nsuite"]


# XLSX ----------------------------------------------------------------------------------------------


def test_xlsx_worked_example():
    sheet = xlsx_sheet(ROWS)
    cells = [list(row) for row in sheet.iter_rows()]
    assert all(cell.data_type != "f" for row in cells for cell in row)
    values = [[cell.value for cell in row] for row in cells]
    assert values[0] == HEADER
    assert cells[0][0].font.bold
    assert values[1][:3] == ["Fatima Zahra", ARABIC_NAME, '\'=HYPERLINK("http://x")']
    assert values[2][0] == "<script>alert(1)</script>"
    assert values[2][2] == "'+cmd|' /C calc'!A0"
    assert values[3][2] == "'-2+3"
    assert values[4][2] == "'@SUM(A1)"
    assert values[4][6] == "'-5"
    assert [row[3] for row in values[1:]] == [34, -5, 0, 41]
    assert [row[4] for row in values[1:]] == [-12.5, -1.5, 3, 2.25]
    assert all(cells[i][3].data_type == "n" for i in range(1, 5))
    dates = [row[5] for row in values[1:]]
    assert all(isinstance(value, datetime.datetime) for value in dates)
    assert dates[1] == datetime.datetime(2026, 3, 1, 8, 30)
    assert [value.date() for value in dates] == [
        datetime.date(2026, 3, 1),
        datetime.date(2026, 3, 1),
        datetime.date(2025, 12, 31),
        datetime.date(2026, 1, 15),
    ]
    assert values[1][6] is None


def test_xlsx_never_fails_on_control_characters_and_keeps_aware_datetimes_wall_clock():
    tz = datetime.timezone(datetime.timedelta(hours=1))
    sheet = xlsx_sheet(
        [["Fati\x00ma\x07", datetime.datetime(2026, 3, 1, 8, 30, tzinfo=tz)]], header=None
    )
    [[name, moment]] = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert name == f"Fati{REPLACEMENT_CHARACTER}ma{REPLACEMENT_CHARACTER}"
    assert moment == datetime.datetime(2026, 3, 1, 8, 30)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Rapport d'import", "Rapport d'import"),
        ("a/b:c*d?[e]", "a b c d  e"),
        ("", "Export"),
        ("x" * 40, "x" * 31),
        ("'=x'", "=x"),
    ],
)
def test_sheet_titles_are_ones_excel_accepts(title, expected):
    assert safe_sheet_title(title) == expected


def test_xlsx_sheet_title_is_used():
    assert xlsx_sheet([], title="Rapport: import").title == "Rapport  import"


def test_ten_thousand_rows_are_written_in_write_only_mode():
    rows = (
        [
            i,
            f"=cmd{i}",
            ARABIC_NAME,
            datetime.date(2026, 1, 1) + datetime.timedelta(days=i % 365),
            -i,
        ]
        for i in range(10_000)
    )
    stream = io.BytesIO()
    tracemalloc.start()
    try:
        assert (
            write_xlsx(rows, stream, ["n", "payload", "nom", "date", "moins"], "Import") == 10_000
        )
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # Streamed, not kept: about 1 MB measured (the file itself included), far from 50,000 cells.
    assert peak < 10_000_000
    stream.seek(0)
    workbook = load_workbook(stream, read_only=True)
    sheet = workbook["Import"]
    count = 0
    for row in sheet.iter_rows(min_row=2, values_only=True):
        assert row[1].startswith("'=")
        assert row[4] == -row[0]
        count += 1
    workbook.close()
    assert count == 10_000


# Properties ----------------------------------------------------------------------------------------


def assert_safe(written: str) -> None:
    assert not written.startswith(DANGEROUS_PREFIXES)


@given(st.text())
def test_neutralise_is_idempotent(text):
    once = neutralise(text)
    assert neutralise(once) == once
    assert cell_value(cell_value(text)) == cell_value(text)


@given(st.text())
def test_neutralised_text_never_starts_with_a_dangerous_character(text):
    written = cell_value(text)
    assert_safe(written)
    if text.startswith(DANGEROUS_PREFIXES):
        assert written.startswith("'")


@settings(max_examples=50, deadline=None)
@given(st.lists(st.text(), min_size=1, max_size=5))
def test_written_csv_cells_are_never_formulas(texts):
    [row] = csv_rows([texts], header=None)
    assert len(row) == len(texts)
    for written in row:
        assert_safe(written)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.text(), min_size=1, max_size=5))
def test_written_xlsx_cells_are_never_formulas(texts):
    sheet = xlsx_sheet([texts], header=None)
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f"
            if cell.value is not None:
                assert_safe(cell.value)
