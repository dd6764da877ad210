"""Reading recruitment lists: real CSV and XLSX files of the shapes advisors receive."""

import codecs
import csv
import datetime
import io
import random
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from irtiqaa.imports.reading import (
    ImportFileError,
    SourceRow,
    Table,
    detect_delimiter,
    detect_encoding,
    open_table,
    sample_rows,
)

ARABIC_ROWS = [
    ["الاسم", "النسب", "الإقليم", "الهاتف"],
    ["فاطمة الزهراء", "العلوي", "القنيطرة", "0612345678"],
    ["خديجة", "بن علي", "سيدي قاسم", "0698765432"],
    ["سعاد", "أيت موسى", "بني ملال", ""],
]
FRENCH_ROWS = [
    ["Nom", "Prénom", "Province", "Situation familiale", "Niveau d’études"],
    ["EL AMRANI", "Fatima Zahra", "Kénitra", "Mariée", "Collège"],
    ["BENNANI", "Hélène", "Béni Mellal", "Célibataire", "Lycée"],
    ["AÏT OUHAMMOU", "Maïmouna", "Khénifra", "Veuve", "Néant"],
]


def csv_bytes(rows: list[list[str]], encoding: str, delimiter: str = ";") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode(encoding)


def read_all(table: Table) -> list[SourceRow]:
    return list(table.rows())


def values(table: Table) -> list[tuple[object, ...]]:
    return [row.values for row in table.rows()]


def xlsx_bytes(workbook: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# --- CSV encodings and delimiters ---------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1256"])
def test_arabic_lists_read_in_every_encoding_excel_writes(encoding: str) -> None:
    table = open_table(io.BytesIO(csv_bytes(ARABIC_ROWS, encoding)), "liste.csv")

    assert table.format == "csv"
    assert table.encoding == encoding
    assert table.delimiter == ";"
    assert table.headers == ARABIC_ROWS[0]
    assert values(table) == [tuple(row) for row in ARABIC_ROWS[1:]]


def test_french_list_in_windows_latin_keeps_accents_and_curly_apostrophes() -> None:
    data = csv_bytes(FRENCH_ROWS, "cp1252")

    table = open_table(io.BytesIO(data))

    assert table.encoding == "latin-1"
    assert table.headers == FRENCH_ROWS[0]  # "Niveau d’études": ’ is Windows-1252's 0x92
    assert values(table)[2] == ("AÏT OUHAMMOU", "Maïmouna", "Khénifra", "Veuve", "Néant")


def test_latin_1_bytes_after_a_utf_8_looking_start_are_still_read() -> None:
    # The first 64 KB are plain ASCII (UTF-8 is chosen), a Latin-1 "é" comes much later.
    rows = [["Nom", "Ville"]] + [["ALAOUI", "Rabat"]] * 8000 + [["BENNANI", "Salé"]]
    table = open_table(io.BytesIO(csv_bytes(rows, "latin-1")))

    assert table.encoding == "utf-8"
    assert values(table)[-1] == ("BENNANI", "Salé")


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiter_is_found_from_the_content(delimiter: str) -> None:
    rows = [["Nom", "Prénom", "Adresse"], ["ALAOUI", "Naima", "12, rue des Orangers; Kénitra"]]
    table = open_table(io.BytesIO(csv_bytes(rows, "utf-8", delimiter)))

    assert table.delimiter == delimiter
    assert values(table) == [("ALAOUI", "Naima", "12, rue des Orangers; Kénitra")]


def test_semicolon_file_with_decimal_commas_is_not_taken_for_commas() -> None:
    sample = "Nom;Épargne;Salaire\nALAOUI;1200,50;35,5\nBENNANI;800;40,25\nZAHRAOUI;0,5;12\n"
    assert detect_delimiter(sample) == ";"


def test_delimiters_inside_quotes_do_not_count() -> None:
    sample = 'Nom,Adresse\n"ALAOUI","Douar; Ouled; Said"\n"BENNANI","Hay; Salam"\n'
    assert detect_delimiter(sample) == ","


def test_a_single_column_falls_back_to_comma() -> None:
    assert detect_delimiter("Nom\nALAOUI\nBENNANI\n") == ","
    assert detect_delimiter("") == ","


def test_a_sample_cut_in_the_middle_of_a_quoted_field_still_decides() -> None:
    sample = 'Nom;Note\nALAOUI;"ligne un\nligne deux"\nBENNANI;"coupé au mil'
    assert detect_delimiter(sample) == ";"


def test_quoted_fields_hold_delimiters_and_line_breaks_and_rows_keep_their_numbers() -> None:
    data = 'Nom;Observations;Tél\nALAOUI;"Enceinte;\nreport au\n2e départ";0612345678\nBENNANI;;0698765432\n'
    table = open_table(io.BytesIO(data.encode()))

    rows = read_all(table)

    assert rows[0].values == ("ALAOUI", "Enceinte;\nreport au\n2e départ", "0612345678")
    # A spreadsheet shows the quoted line breaks inside one cell: BENNANI is on row 3.
    assert [row.number for row in rows] == [2, 3]


# --- Rows: blank, short, long, title rows, headers --------------------------------------------


def test_blank_rows_are_skipped_and_counted() -> None:
    data = "Nom;Prénom\nALAOUI;Naima\n\n;\n  ;\t\nBENNANI;Hind\n\n"
    table = open_table(io.BytesIO(data.encode()))

    rows = read_all(table)

    assert [row.number for row in rows] == [2, 6]
    assert table.blank_rows == 4
    read_all(table)
    assert table.blank_rows == 4  # counted again from zero on each pass


def test_short_rows_are_padded_and_long_rows_cut_and_flagged() -> None:
    data = "Nom;Prénom;Tél\nALAOUI\nBENNANI;Hind;0612345678;note oubliée\nZAHRAOUI;Sara;;;\n"
    rows = read_all(open_table(io.BytesIO(data.encode())))

    assert rows[0] == SourceRow(number=2, values=("ALAOUI", "", ""), extra_values=False)
    assert rows[1].values == ("BENNANI", "Hind", "0612345678")
    assert rows[1].extra_values
    assert not rows[2].extra_values  # trailing empty fields are not values


def test_title_rows_and_blank_lines_above_the_header_are_skipped() -> None:
    data = (
        "Liste des bénéficiaires - campagne 2025;;\n"
        ";;\n"
        "Agence : Kénitra;;\n"
        "Nom;Prénom;CIN\n"
        "ALAOUI;Naima;G123456\n"
    )
    table = open_table(io.BytesIO(data.encode()))

    assert table.headers == ["Nom", "Prénom", "CIN"]
    assert table.header_row == 4
    assert read_all(table)[0].number == 5


def test_header_names_are_cleaned_named_and_made_unique() -> None:
    data = '"  Date de\n naissance ";Nom;;Nom;Column 3\n01/02/1990;A;B;C;D\n'
    table = open_table(io.BytesIO(data.encode()))

    assert table.headers == ["Date de naissance", "Nom", "Column 3", "Nom (2)", "Column 3 (2)"]


def test_a_one_column_list_reads() -> None:
    table = open_table(io.BytesIO(b"CIN\nG123456\nAB98765\n"))

    assert table.headers == ["CIN"]
    assert values(table) == [("G123456",), ("AB98765",)]


def test_a_file_without_data_rows_has_headers_and_no_rows() -> None:
    table = open_table(io.BytesIO(b"Nom;Prenom\r\n"))
    assert table.headers == ["Nom", "Prenom"]
    assert read_all(table) == []


def test_sample_rows_gives_the_first_rows() -> None:
    data = "Nom\n" + "".join(f"Femme {i}\n" for i in range(20))
    table = open_table(io.BytesIO(data.encode()))

    assert [row.values for row in sample_rows(table, 3)] == [
        ("Femme 0",),
        ("Femme 1",),
        ("Femme 2",),
    ]


# --- Sources: paths, streams, passes ----------------------------------------------------------


def test_a_path_can_be_read_twice(tmp_path: Path) -> None:
    path = tmp_path / "liste sans extension"
    path.write_bytes(csv_bytes(FRENCH_ROWS, "utf-8"))

    table = open_table(path)

    assert read_all(table) == read_all(table)
    assert len(read_all(table)) == 3
    assert open_table(str(path)).headers == FRENCH_ROWS[0]


def test_a_stream_is_read_twice_from_where_it_started_and_left_open() -> None:
    stream = io.BytesIO(b"junk before" + csv_bytes(FRENCH_ROWS, "utf-8"))
    stream.seek(len(b"junk before"))

    table = open_table(stream)
    first, second = read_all(table), read_all(table)

    assert first == second
    assert len(first) == 3
    assert not stream.closed


class OneWayStream(io.RawIOBase):
    """A stream that can only be read forward, like a network upload."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer):  # type: ignore[no-untyped-def]
        chunk = self._data.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


def test_a_stream_that_cannot_seek_is_copied_and_read_twice() -> None:
    table = open_table(OneWayStream(csv_bytes(FRENCH_ROWS, "utf-8")))  # type: ignore[arg-type]

    assert len(read_all(table)) == len(read_all(table)) == 3


def test_format_comes_from_the_content_not_the_name() -> None:
    workbook = openpyxl.Workbook()
    workbook.active.append(["Nom", "Prénom"])
    workbook.active.append(["ALAOUI", "Naima"])

    table = open_table(io.BytesIO(xlsx_bytes(workbook)), "liste.csv")

    assert table.format == "xlsx"
    assert values(table) == [("ALAOUI", "Naima")]


# --- Files that are not tables ----------------------------------------------------------------


def code_of(data: bytes) -> str:
    with pytest.raises(ImportFileError) as raised:
        open_table(io.BytesIO(data), "liste.csv")
    assert str(raised.value)  # a sentence for the user
    return raised.value.code


def test_files_that_are_not_tables_are_refused_with_a_reason() -> None:
    pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nstream\n\x00\x01\x02\x89PNG"
    assert code_of(pdf) == "not_a_table"
    assert code_of(random.Random(4).randbytes(5000)) == "not_a_table"
    assert code_of(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200)) == "not_a_table"
    assert code_of(b"<html><body><table><tr><td>Nom</td></tr></table></body></html>") == (
        "not_a_table"
    )
    assert code_of(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500)) == "old_excel"


def test_a_zip_that_is_not_a_workbook_is_refused() -> None:
    docx, ods = io.BytesIO(), io.BytesIO()
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    with zipfile.ZipFile(ods, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")

    assert code_of(docx.getvalue()) == "not_a_table"
    assert code_of(ods.getvalue()) == "ods"


def test_empty_files_are_refused() -> None:
    assert code_of(b"") == "empty"
    assert code_of(b"  \r\n\r\n") == "empty"
    assert code_of(b";;;\r\n;;\r\n") == "empty"
    assert code_of(codecs.BOM_UTF8) == "empty"


def test_a_list_without_its_header_row_is_refused() -> None:
    assert code_of(b"0612345678;01/02/1990;3\n0698765432;05/06/1985;1\n") == "no_header"


def test_too_many_columns_are_refused() -> None:
    header = ";".join(f"Champ {i}" for i in range(201))
    assert code_of(header.encode() + b"\n") == "too_many_columns"
    assert len(open_table(io.BytesIO(header.encode()[: header.index(";Champ 200")])).headers) == 200


def test_a_quotation_mark_never_closed_is_reported_while_reading() -> None:
    data = 'Nom;Note\nALAOUI;"jamais fermé\n' + "BENNANI;suite\n" * 20_000
    table = open_table(io.BytesIO(data.encode()))

    with pytest.raises(ImportFileError) as raised:
        read_all(table)
    assert raised.value.code == "csv_damaged"


# --- Encoding detection -----------------------------------------------------------------------


def test_encoding_detection_on_real_text() -> None:
    french = "Prénom;Nom;Âge;Élève;Où;Ça;Naïma;Noël;garçon;à côté;Pâques;Hôpital;ÉCOLE"
    arabic = "فاطمة الزهراء العلوي، خديجة بن علي، سعاد أيت موسى، مستوى ابتدائي، متزوجة"

    assert detect_encoding(codecs.BOM_UTF8 + french.encode()) == "utf-8-sig"
    assert detect_encoding(french.encode()) == "utf-8"
    assert detect_encoding(arabic.encode()) == "utf-8"
    assert detect_encoding(b"plain ascii") == "utf-8"
    assert detect_encoding(french.encode("latin-1")) == "latin-1"
    assert detect_encoding(arabic.encode("cp1256")) == "cp1256"
    # Spanish employers in a French list do not make it Arabic.
    assert detect_encoding("Frutas Rocío;Agrícola María;Huelva".encode("latin-1")) == "latin-1"
    # An Arabic list with French headers (é is at the same byte in both encodings).
    mixed = "Prénom;Nom\nفاطمة;العلوي\nخديجة;بناني\n"
    assert detect_encoding(mixed.encode("cp1256")) == "cp1256"


@given(st.text(min_size=1, max_size=200))
def test_a_utf_8_sample_cut_anywhere_is_still_utf_8(written: str) -> None:
    data = ("é" + written).encode()
    for cut in range(1, min(len(data), 12)):
        sample = data[:-cut]
        assert detect_encoding(sample) == "utf-8"


ARABIC_LETTERS = "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي"
ARABIC_WORD = st.text(alphabet=ARABIC_LETTERS, min_size=2, max_size=10)
ARABIC_SEPARATORS = st.sampled_from([" ", "  ", ";", ",", "\n", "\r\n", " ، ", " 12 "])


@given(st.lists(st.tuples(ARABIC_WORD, ARABIC_SEPARATORS), min_size=1, max_size=30))
def test_arabic_text_in_windows_1256_is_detected(words: list[tuple[str, str]]) -> None:
    written = "".join(word + separator for word, separator in words)
    assert detect_encoding(written.encode("cp1256")) == "cp1256"


FRENCH_WORDS = [
    "prénom", "élève", "où", "ça", "naïma", "noël", "garçon", "à", "côté", "pâques", "hôpital",
    "mariée", "célibataire", "veuve", "divorcée", "kénitra", "salé", "fès", "béni", "mellal",
    "ouarzazate", "août", "déjà", "être", "créée", "lycée", "collège", "néant", "aïcha", "maïmouna",
    "hélène", "ÿ", "ù", "ouled", "jeûne", "cœur", "fatima", "zahra", "rabat",
]  # fmt: skip
# Words as French lists write them, in lower case, capitals or title case (as far as Latin-1
# can write them: not œ, not Ÿ).
FRENCH_WORD = st.sampled_from(FRENCH_WORDS).flatmap(
    lambda word: st.sampled_from(
        [w for w in (word, word.upper(), word.capitalize()) if _in_latin_1(w)] or ["rabat"]
    )
)


def _in_latin_1(word: str) -> bool:
    return all(ord(c) < 256 for c in word)


FRENCH_SEPARATORS = st.sampled_from([" ", "  ", ";", ",", "\n", "\r\n", " - ", "'", " 12 "])


@given(st.lists(st.tuples(FRENCH_WORD, FRENCH_SEPARATORS), min_size=1, max_size=30))
def test_french_text_in_latin_1_reads_back_the_same(words: list[tuple[str, str]]) -> None:
    written = "".join(word + separator for word, separator in words)
    data = written.encode("latin-1")

    encoding = detect_encoding(data)

    assert encoding in ("latin-1", "cp1256", "utf-8")
    assert data.decode(encoding) == written


# --- XLSX -------------------------------------------------------------------------------------


def recruitment_workbook() -> openpyxl.Workbook:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Liste des bénéficiaires – campagne 2025"])
    sheet.merge_cells("A1:F1")
    sheet.append(
        ["Province", "Nom et prénom", "Date de naissance", "Naissance (série)", "GSM", "Âge"]
    )
    sheet.append(
        [
            "Kénitra",
            "EL AMRANI Fatima Zahra",
            datetime.date(1990, 1, 2),
            32874,
            612345678,
            "=2025-1990",
        ]
    )
    sheet.append([None, "BENNANI Hind", datetime.datetime(1985, 6, 5), 31203, 698765432.0, None])
    sheet.append([None, "ZAHRAOUI Sara", "05/06/1985", "31203", "06 12 34 56 78", 40])
    sheet.append(["Sidi Kacem", "ALAOUI Naima", None, None, None, None])
    sheet.append([None, "ALAOUI Khadija", None, None, None, None])
    sheet.merge_cells("A3:A5")  # the province, merged over the women of that province
    sheet.merge_cells("A6:A7")
    return workbook


def test_xlsx_values_come_typed_with_merged_cells_filled() -> None:
    table = open_table(io.BytesIO(xlsx_bytes(recruitment_workbook())), "liste.xlsx")

    rows = read_all(table)

    assert table.format == "xlsx"
    assert table.encoding is None and table.delimiter is None
    assert table.header_row == 2  # the merged title row is not the header
    assert table.headers[:2] == ["Province", "Nom et prénom"]
    assert [row.number for row in rows] == [3, 4, 5, 6, 7]
    assert [row.values[0] for row in rows] == ["Kénitra"] * 3 + ["Sidi Kacem"] * 2
    first, second = rows[0].values, rows[1].values
    assert first[2] == datetime.datetime(1990, 1, 2)
    assert first[3] == 32874
    assert first[4] == 612345678
    assert second[4] == 698765432
    assert rows[2].values[2:5] == ("05/06/1985", "31203", "06 12 34 56 78")


def test_formula_without_a_stored_value_reads_as_none_and_is_reported() -> None:
    rows = read_all(open_table(io.BytesIO(xlsx_bytes(recruitment_workbook()))))

    assert rows[0].values[5] is None
    assert rows[0].uncomputed_formulas == (5,)
    assert rows[1].uncomputed_formulas == ()  # an empty cell is not a formula
    assert rows[2].values[5] == 40


def with_stored_formula_value(data: bytes, cell: str, value: str) -> bytes:
    """The workbook as Excel saves it: the formula's result stored next to it (openpyxl does
    not compute formulas, so the value is written into the sheet's XML)."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                before = f'<c r="{cell}"><f>'.encode()
                start = content.index(before)
                end = content.index(b"<v />", start)
                content = content[:end] + f"<v>{value}</v>".encode() + content[end + 5 :]
            target.writestr(item, content)
    return out.getvalue()


def test_formula_with_a_stored_value_reads_the_value() -> None:
    data = with_stored_formula_value(xlsx_bytes(recruitment_workbook()), "F3", "35")

    rows = read_all(open_table(io.BytesIO(data)))

    assert rows[0].values[5] == 35
    assert rows[0].uncomputed_formulas == ()


def test_the_active_sheet_is_read() -> None:
    workbook = openpyxl.Workbook()
    workbook.active.append(["Notes"])
    workbook.active.append(["brouillon"])
    listing = workbook.create_sheet("Liste")
    listing.append(["Nom", "Prénom"])
    listing.append(["ALAOUI", "Naima"])
    workbook.active = listing

    table = open_table(io.BytesIO(xlsx_bytes(workbook)))

    assert values(table) == [("ALAOUI", "Naima")]


def test_xlsx_blank_rows_short_rows_and_wide_rows() -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Nom", "Prénom", "Tél"])
    sheet.append(["ALAOUI"])
    sheet.append([None, "  ", None])
    sheet["B5"] = "Hind"
    sheet["E5"] = "note hors colonnes"
    table = open_table(io.BytesIO(xlsx_bytes(workbook)))

    rows = read_all(table)

    assert rows[0].values == ("ALAOUI", None, None)
    assert rows[1].number == 5
    assert rows[1].values == (None, "Hind", None)
    assert rows[1].extra_values
    assert table.blank_rows == 2  # the whitespace row and the missing row 4


def test_an_empty_sheet_is_refused() -> None:
    assert code_of(xlsx_bytes(openpyxl.Workbook())) == "empty"


def test_a_damaged_workbook_is_refused() -> None:
    data = xlsx_bytes(recruitment_workbook())
    assert code_of(data[: len(data) // 2]) == "xlsx_damaged"


def test_a_very_wide_sheet_is_refused() -> None:
    workbook = openpyxl.Workbook()
    workbook.active.append([f"Champ {i}" for i in range(250)])
    assert code_of(xlsx_bytes(workbook)) == "too_many_columns"


def test_ten_thousand_xlsx_rows_stream_in_order(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(["N°", "Nom", "Date de naissance"])
    for i in range(12_000):
        sheet.append([i, f"Femme {i}", datetime.date(1980, 1, 1) + datetime.timedelta(days=i)])
    path = tmp_path / "liste.xlsx"
    workbook.save(path)

    table = open_table(path)
    count = 0
    for count, row in enumerate(table.rows(), start=1):
        assert row.values[0] == count - 1
    assert count == 12_000
    assert row.number == 12_001


# --- Memory -----------------------------------------------------------------------------------


def test_two_hundred_thousand_csv_rows_stream_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "grande-liste.csv"
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, delimiter=";")
        writer.writerow(["Nom", "Prénom", "الاسم", "Date de naissance", "Téléphone", "CIN"])
        for i in range(200_000):
            writer.writerow(
                [f"ALAOUI{i}", "Fatima Zahra", "فاطمة الزهراء", "02/01/1990", f"06{i:08d}", f"G{i}"]
            )
    assert path.stat().st_size > 15_000_000

    tracemalloc.start()
    try:
        table = open_table(path)
        count = sum(1 for _ in table.rows())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert count == 200_000
    assert peak < 20 * 1024 * 1024


def test_an_uploaded_file_is_read_twice_and_left_open() -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    for data in (csv_bytes(FRENCH_ROWS, "cp1252"), xlsx_bytes(recruitment_workbook())):
        upload = SimpleUploadedFile("liste", data)

        table = open_table(upload, upload.name)

        assert len(read_all(table)) == len(read_all(table)) > 2
        assert not upload.closed


def test_sheet_dimensions_are_still_known_to_openpyxl() -> None:
    # reading.py makes openpyxl stop looking for the dimensions where the rows start.
    workbook = openpyxl.Workbook()
    workbook.active.append(["Nom", "Prénom", "CIN"])
    workbook.active.append(["ALAOUI", "Naima", "G1"])
    with_dimensions = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(workbook)), read_only=True)
    streamed = openpyxl.Workbook(write_only=True)
    streamed.create_sheet().append(["Nom"])
    without = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(streamed)), read_only=True)

    assert (with_dimensions.active.max_row, with_dimensions.active.max_column) == (2, 3)
    assert without.active.max_row is None


def test_excel_unicode_text_is_read() -> None:
    # Excel's "Unicode text (*.txt)": UTF-16 with a byte-order mark, tab-separated.
    data = "\r\n".join("\t".join(row) for row in ARABIC_ROWS).encode("utf-16")

    table = open_table(io.BytesIO(data), "liste.txt")

    assert (table.encoding, table.delimiter) == ("utf-16", "\t")
    assert values(table)[0] == tuple(ARABIC_ROWS[1])
