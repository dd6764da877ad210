"""Recruitment lists read as streams of rows, from CSV or XLSX files of any shape (no Django).

`open_table` looks at the file once (format, encoding, delimiter, header row) and returns a
`Table`; `Table.rows()` then streams the data rows with bounded memory, as often as needed when
the source is a path or a seekable stream (the pipeline reads the file once for the preview and
again at commit). One pass at a time on a stream: two interleaved passes share its position.

What the files look like in practice, and what is done about it:
- CSV written by Excel in French (";" delimiter), in Windows-1256 (Arabic) or Windows-1252 /
  Latin-1 (French), with or without a byte-order mark: encoding and delimiter are detected.
- A title row or two above the header ("Liste des bénéficiaires 2025"): skipped, see
  `_header_position`.
- Blank rows: skipped by `rows()` and counted in `Table.blank_rows`.
- Merged cells (a province over fifty rows): filled with the merged area's value.
- Formulas: the value Excel stored with the formula; a formula the file holds no value for
  (written by a program, never opened in Excel) reads as None and is reported in
  `SourceRow.uncomputed_formulas`.
"""

import codecs
import csv
import io
import itertools
import os
import re
import tempfile
import warnings
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import IO, BinaryIO, Literal
from xml.etree.ElementTree import ParseError

import openpyxl
from openpyxl.utils import column_index_from_string, range_boundaries
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.xml.functions import iterparse

MAX_COLUMNS = 200
SAMPLE_SIZE = 64 * 1024
# Rows looked at, from the top, to find the header under title rows.
HEADER_SEARCH_ROWS = 20
# Formula cells without a stored value remembered per file; beyond, they still read as None.
MAX_UNCOMPUTED_FORMULAS = 100_000
# A field this long means a quotation mark that is never closed swallowed the rest of the file.
MAX_CSV_FIELD = 131_072
CSV_DELIMITERS = (",", ";", "\t", "|")
# Non-seekable streams are copied once so that they can be read again; in memory up to this size.
SPOOL_IN_MEMORY = 8 * 1024 * 1024

ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and password-protected .xlsx
PDF_MAGIC = b"%PDF"

UTF8_SIG, UTF8, UTF16, CP1256, LATIN1 = "utf-8-sig", "utf-8", "utf-16", "cp1256", "latin-1"


class ImportFileError(ValueError):
    """The file cannot be read at all. `message` is a sentence for the user, `code` lets the
    caller translate it."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _not_a_table() -> ImportFileError:
    return ImportFileError("not_a_table", "This file is neither CSV nor XLSX.")


def _empty() -> ImportFileError:
    return ImportFileError("empty", "The file is empty.")


def _damaged_xlsx() -> ImportFileError:
    return ImportFileError("xlsx_damaged", "This XLSX file is damaged and cannot be read.")


# --- Encodings --------------------------------------------------------------------------------
#
# Bytes 0x80-0xFF mean Arabic letters in Windows-1256 and accented Latin letters in Latin-1.
# é è à ç ê ë î ï ô ù û ü sit at the same values in both, so they decide nothing. What decides is
# where the other high bytes stand: an Arabic word is a run of high bytes only, while in French
# (or Spanish: María, Rocío) an accented letter stands among ASCII letters ("PRÉNOM"). A run of
# high bytes is only Arabic when it decodes to Arabic letters; Windows-1256 cannot even write
# the capitals É, À, Ç..., so a French capital inside an ASCII word is Latin-1.

_DIFFERING = frozenset(
    b for b in range(0x80, 0x100) if bytes([b]).decode(CP1256) != bytes([b]).decode(LATIN1)
)
_ARABIC_IN_CP1256 = frozenset(
    b for b in range(0x80, 0x100) if "\u0600" <= bytes([b]).decode(CP1256) <= "\u06ff"
)
_WORD = re.compile(rb"[A-Za-z0-9\x80-\xff]+")
_ASCII_LETTER = re.compile(rb"[A-Za-z]")
# Control characters text files do not hold (tab, line feed, carriage return and the old
# end-of-file mark 0x1A excepted).
_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x19\x1b-\x1f\x7f]")


def detect_encoding(sample: bytes) -> str:
    """ "utf-8-sig", "utf-8", "cp1256" or "latin-1" ("utf-16" for Excel's "Unicode text").

    "latin-1" files are decoded by `rows()` as Windows-1252 where it differs (’ œ € …), as
    browsers do for that label.
    """
    if sample.startswith(codecs.BOM_UTF8):
        return UTF8_SIG
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return UTF16
    if _is_utf8(sample):
        return UTF8
    return CP1256 if _looks_arabic(sample) else LATIN1


def _is_utf8(sample: bytes) -> bool:
    # Not final: a sample cut inside a multi-byte character is still UTF-8.
    try:
        codecs.getincrementaldecoder(UTF8)().decode(sample, final=False)
    except UnicodeDecodeError:
        return False
    return True


def _looks_arabic(sample: bytes) -> bool:
    arabic = latin = 0
    for word in _WORD.findall(sample):
        if not any(b in _DIFFERING for b in word):
            continue
        if _ASCII_LETTER.search(word):
            latin += 1
        elif len(word) >= 2 and all(b in _ARABIC_IN_CP1256 for b in word):
            arabic += 1
    return arabic > latin


def _windows_fallback(error: UnicodeError) -> tuple[str, int]:
    """Error handler: a byte that does not decode is read as Windows-1252, else Latin-1.

    Used for UTF-8 (a Latin-1 "é" further down than the sample that decided UTF-8) and for
    Windows-1252 (the five bytes it leaves undefined).
    """
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return "".join(_windows_char(b) for b in bad), error.end


def _windows_char(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return bytes([byte]).decode(LATIN1)


codecs.register_error("irtiqaa-windows-fallback", _windows_fallback)


def _codec(encoding: str) -> str:
    return "cp1252" if encoding == LATIN1 else encoding


# --- Delimiters -------------------------------------------------------------------------------


def detect_delimiter(text_sample: str) -> str:
    """The delimiter among , ; tab | that splits the sample's rows into the same number of
    columns, quoted fields respected; "," for a single column."""
    sample = _complete_lines(text_sample)
    best: tuple[float, int] = (0.0, 1)
    chosen = ","
    for delimiter in CSV_DELIMITERS:
        widths = _record_widths(sample, delimiter)
        if not widths:
            continue
        usual = max(set(widths), key=lambda w: (widths.count(w), w))
        if usual < 2:
            continue
        score = (widths.count(usual) / len(widths), usual)
        if score > best:
            best, chosen = score, delimiter
    return chosen


def _complete_lines(text: str) -> str:
    """The sample without its last line when the sample was cut in the middle of it."""
    if text.endswith(("\n", "\r")):
        return text
    cut = max(text.rfind("\n"), text.rfind("\r"))
    return text[:cut] if cut > 0 else text


def _record_widths(sample: str, delimiter: str) -> list[int]:
    widths = []
    try:
        for record in itertools.islice(csv.reader(io.StringIO(sample), delimiter=delimiter), 100):
            if record:  # an empty line says nothing; ";;;" does
                widths.append(len(record))
    except csv.Error:
        pass  # a sample cut inside a quoted field: the rows read so far decide
    return widths


# --- Sources: a path or a stream, read as many times as needed ---------------------------------


class _StreamView(io.RawIOBase):
    """A caller's binary stream seen through a raw stream that never closes it."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readinto(self, buffer: "memoryview | bytearray") -> int:  # type: ignore[override]
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        return self._stream.seek(offset, whence)

    def tell(self) -> int:
        return self._stream.tell()


class _Source:
    def __init__(self, source: "str | os.PathLike[str] | BinaryIO") -> None:
        self.path: str | os.PathLike[str] | None = None
        self.stream: IO[bytes] | None = None
        self.start = 0
        if isinstance(source, str | os.PathLike):
            self.path = source
            return
        if _seekable(source):
            self.stream = source
            self.start = source.tell()
        else:
            copy = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY)  # noqa: SIM115
            while chunk := source.read(1024 * 1024):
                copy.write(chunk)
            copy.seek(0)
            self.stream = copy

    @contextmanager
    def open(self) -> Iterator[BinaryIO]:
        if self.path is not None:
            with open(self.path, "rb") as file:
                yield file
            return
        assert self.stream is not None
        self.stream.seek(self.start)
        with io.BufferedReader(_StreamView(self.stream), SAMPLE_SIZE) as reader:
            yield reader

    def head(self, size: int = SAMPLE_SIZE) -> bytes:
        with self.open() as file:
            return file.read(size)


def _seekable(stream: IO[bytes]) -> bool:
    try:
        if not stream.seekable():
            return False
        stream.tell()
    except (AttributeError, OSError, ValueError):
        return False
    return True


# --- Tables -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceRow:
    # The row number a user sees in her spreadsheet (the header is row 1 when it is the first).
    number: int
    # One value per header. CSV: str ("" when the row is short). XLSX: what openpyxl reads
    # (str, int, float, datetime, date, time, bool; None when empty or short).
    values: tuple[object, ...]
    # The row had non-empty values beyond the last header (dropped).
    extra_values: bool = False
    # Positions in `values` of formulas the file stores no value for (the value is None).
    uncomputed_formulas: tuple[int, ...] = ()


# One row of the file, numbered as the user sees it, with its uncomputed formula positions.
_Record = tuple[int, Sequence[object], tuple[int, ...]]


@dataclass
class Table:
    headers: list[str]
    encoding: str | None
    delimiter: str | None
    format: Literal["csv", "xlsx"]
    # Row number of the header (greater than 1 under title rows or leading blank rows).
    header_row: int = 1
    # Blank rows skipped by the last `rows()` pass, counted as it runs.
    blank_rows: int = 0
    _source: _Source | None = field(default=None, repr=False, compare=False)
    _merged: "_MergedCells | None" = field(default=None, repr=False, compare=False)
    _uncomputed: dict[int, tuple[int, ...]] = field(default_factory=dict, repr=False, compare=False)

    def rows(self) -> Iterator[SourceRow]:
        """The data rows below the header, streamed; blank rows skipped and counted.

        Raises ImportFileError when the file turns out to be damaged further down.
        """
        self.blank_rows = 0
        width = len(self.headers)
        filler = "" if self.format == "csv" else None
        for number, values, uncomputed in self._records():
            if number <= self.header_row:
                continue
            if all(_is_empty(value) for value in values):
                self.blank_rows += 1
                continue
            kept = tuple(values[:width])
            yield SourceRow(
                number=number,
                values=kept + (filler,) * (width - len(kept)),
                extra_values=any(not _is_empty(value) for value in values[width:]),
                uncomputed_formulas=tuple(i for i in uncomputed if i < width),
            )

    def _records(self) -> Iterator[_Record]:
        assert self._source is not None
        if self.format == "csv":
            assert self.encoding is not None and self.delimiter is not None
            return _csv_records(self._source, self.encoding, self.delimiter)
        return _xlsx_records(self._source, self._merged, self._uncomputed)


def sample_rows(table: Table, n: int = 5) -> list[SourceRow]:
    """The first `n` data rows, for the mapping screen."""
    rows = table.rows()
    try:
        return list(itertools.islice(rows, n))
    finally:
        close = getattr(rows, "close", None)
        if close is not None:
            close()


def open_table(source: "str | os.PathLike[str] | BinaryIO", filename: str = "") -> Table:
    """Look at the file (a path or a binary stream) and return its table.

    The format is decided from the content, never from `filename` (an upload named .csv may be
    an XLSX); the name is accepted so that callers can pass what they have.
    Raises ImportFileError when the file cannot be read as a table.
    """
    readable = _Source(source)
    head = readable.head()
    if not head.strip():
        raise _empty()
    if head.startswith(ZIP_MAGIC):
        return _open_xlsx(readable)
    if head.startswith(OLE2_MAGIC):
        raise ImportFileError(
            "old_excel",
            "This is an old Excel file (.xls) or a password-protected workbook: "
            "save it as XLSX or CSV, without a password, and import it again.",
        )
    encoding = detect_encoding(head)
    if encoding != UTF16 and (head.startswith(PDF_MAGIC) or _looks_binary(head)):
        raise _not_a_table()
    text = head.decode(_codec(encoding), errors="irtiqaa-windows-fallback")
    if text.lstrip().lower().startswith(("<html", "<!doctype", "<?xml", "<table")):
        raise _not_a_table()
    table = Table(headers=[], encoding=encoding, delimiter=detect_delimiter(text), format="csv")
    table._source = readable
    _read_header(table)
    return table


def _looks_binary(sample: bytes) -> bool:
    controls = len(_BINARY_BYTES.findall(sample))
    return b"\x00" in sample or controls > len(sample) / 100


def _read_header(table: Table) -> None:
    number, values = _header_position(table._records())
    headers = _header_names(values)
    if len(headers) > MAX_COLUMNS:
        raise ImportFileError(
            "too_many_columns",
            f"The file has {len(headers)} columns; at most {MAX_COLUMNS} can be imported.",
        )
    if all(_looks_like_data(value) for value in values if not _is_empty(value)):
        raise ImportFileError("no_header", "The file has no header row.")
    table.header_row, table.headers = number, headers


def _header_position(records: Iterator[_Record]) -> tuple[int, Sequence[object]]:
    """The header: the first non-blank row, unless title rows stand above it.

    A title row holds a single distinct value (a merged title repeats it across its columns).
    When one of the first rows holds two values or more, that row is the header; otherwise (a
    one-column list) the first non-blank row is.
    """
    first: tuple[int, Sequence[object]] | None = None
    looked_at = 0
    try:
        for number, values, _ in records:
            filled = {_cell_text(value) for value in values if not _is_empty(value)}
            if not filled:
                continue
            if first is None:
                first = (number, values)
            if len(filled) >= 2:
                return number, values
            looked_at += 1
            if looked_at >= HEADER_SEARCH_ROWS:
                break
    finally:
        close = getattr(records, "close", None)
        if close is not None:
            close()
    if first is None:
        raise _empty()
    return first


def _header_names(values: Sequence[object]) -> list[str]:
    cells = [" ".join(_cell_text(value).split()) for value in values]
    while cells and not cells[-1]:
        cells.pop()
    names: list[str] = []
    taken: set[str] = set()
    for position, cell in enumerate(cells, start=1):
        name = cell or f"Column {position}"
        unique, copy = name, 1
        while unique in taken:
            copy += 1
            unique = f"{name} ({copy})"
        taken.add(unique)
        names.append(unique)
    return names


_DATA_LIKE = re.compile(r"^[\d\s.,:/+\-]+$")


def _looks_like_data(value: object) -> bool:
    if isinstance(value, str):
        return bool(_DATA_LIKE.match(value.strip()))
    return not isinstance(value, bool)  # numbers, dates


def _is_empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# --- CSV --------------------------------------------------------------------------------------


def _csv_records(source: _Source, encoding: str, delimiter: str) -> Iterator[_Record]:
    with source.open() as binary:
        text = io.TextIOWrapper(
            binary, encoding=_codec(encoding), errors="irtiqaa-windows-fallback", newline=""
        )
        reader = csv.reader(text, delimiter=delimiter)
        number = 0
        try:
            for number, record in enumerate(reader, start=1):
                yield number, record, ()
        except csv.Error as error:
            raise ImportFileError(
                "csv_damaged",
                f"The file cannot be read after row {number}: "
                "a quotation mark is probably never closed.",
            ) from error
        finally:
            text.detach()


csv.field_size_limit(max(csv.field_size_limit(), MAX_CSV_FIELD))


# --- XLSX -------------------------------------------------------------------------------------

_XLSX_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    KeyError,
    OSError,
    EOFError,
    ValueError,
    TypeError,
    IndexError,
    ParseError,
    InvalidFileException,
)


def _dimensions_from_the_top(self: ReadOnlyWorksheet) -> None:
    """`ReadOnlyWorksheet._get_size` reading only the top of the sheet.

    openpyxl 3.1 looks for the optional <dimension> element until the *end* of <sheetData>, so
    opening a sheet written without it (by most programs other than Excel) parses every row: 50
    seconds for 200,000 rows, at every opening. The element, when present, comes before
    <sheetData>, so the search stops where the rows start. The result is the same.
    """
    with self._get_source() as source:
        for _, element in iterparse(source, events=("start",)):
            name = element.tag.rpartition("}")[2]
            if name == "dimension":
                ref = element.get("ref")
                if ref and ":" in ref:
                    bounds = range_boundaries(ref)
                    self._min_column, self._min_row, self._max_column, self._max_row = bounds
                return
            if name == "sheetData":
                return


ReadOnlyWorksheet._get_size = _dimensions_from_the_top


def _open_xlsx(source: _Source) -> Table:
    with source.open() as binary:
        try:
            archive = zipfile.ZipFile(binary)
            names = set(archive.namelist())
        except _XLSX_ERRORS as error:
            raise _damaged_xlsx() from error
        if "xl/workbook.xml" not in names:
            if "mimetype" in names and b"opendocument" in archive.read("mimetype"):
                raise ImportFileError(
                    "ods", "This is an OpenDocument spreadsheet: save it as XLSX or CSV."
                )
            raise _not_a_table()
    table = Table(headers=[], encoding=None, delimiter=None, format="xlsx")
    table._source = source
    table._merged, table._uncomputed = _scan_sheet(source)
    _read_header(table)
    return table


@contextmanager
def _worksheet(source: _Source) -> Iterator[tuple[object, str | None]]:
    """The active worksheet in read-only mode (values, not formulas) and its path in the zip."""
    with source.open() as binary:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # unsupported extensions, missing styles
                workbook = openpyxl.load_workbook(binary, read_only=True, data_only=True)
        except _XLSX_ERRORS as error:
            raise _damaged_xlsx() from error
        try:
            sheet = workbook.active
            if not hasattr(sheet, "iter_rows"):  # a chart sheet
                sheet = workbook.worksheets[0] if workbook.worksheets else None
            if sheet is None:
                raise _empty()
            yield sheet, getattr(sheet, "_worksheet_path", None)
        finally:
            workbook.close()


def _xlsx_records(
    source: _Source, merged: "_MergedCells | None", uncomputed: dict[int, tuple[int, ...]]
) -> Iterator[_Record]:
    with _worksheet(source) as (sheet, _):
        sheet.reset_dimensions()  # type: ignore[attr-defined]  # wrong dimensions cut rows
        fill = merged.filler() if merged else None
        try:
            rows = sheet.iter_rows(values_only=True)  # type: ignore[attr-defined]
            for number, cells in enumerate(rows, start=1):
                values = list(cells)
                if fill is not None:
                    fill(number, values)
                yield number, values, uncomputed.get(number, ())
        except ImportFileError:
            raise
        except _XLSX_ERRORS as error:
            raise _damaged_xlsx() from error


# The worksheet's XML is scanned once, before the rows are read, for what streaming reveals too
# late or not at all: merged areas (listed after the rows) and formulas stored without a value
# (read-only mode gives None for them and for empty cells alike). A byte scan keeps memory and
# time small: no XML tree is built. A prefixed namespace ("x:c") is allowed.
_MERGE_CELL = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')
_FORMULA_WITHOUT_VALUE = re.compile(
    rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]+)(\d+)"[^>]*>\s*'
    rb"<(?:\w+:)?f\b(?:[^>]*/>|[^>]*>[^<]*</(?:\w+:)?f>)\s*"
    rb"(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>"
)
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f\b")
_SCAN_CHUNK = 1024 * 1024
_SCAN_OVERLAP = 16 * 1024  # longer than a cell with its formula, so none is cut unseen


class _MergedCells:
    def __init__(self, areas: set[tuple[int, int, int, int]]) -> None:
        # (first row, first column, last row, last column), 1-based as in the file
        self.by_first_row: dict[int, list[tuple[int, int, int, int]]] = {}
        for area in sorted(areas):
            self.by_first_row.setdefault(area[0], []).append(area)

    def filler(self) -> "_Filler":
        return _Filler(self.by_first_row)


class _Filler:
    """Copies each merged area's value (its top-left cell's) into its other cells, row by row."""

    def __init__(self, by_first_row: dict[int, list[tuple[int, int, int, int]]]) -> None:
        self.by_first_row = by_first_row
        self.open: list[tuple[int, int, int, object]] = []  # last row, columns, value

    def __call__(self, number: int, values: list[object]) -> None:
        for _, first_col, last_row, last_col in self.by_first_row.get(number, ()):
            anchor = values[first_col - 1] if first_col <= len(values) else None
            self.open.append((last_row, first_col, last_col, anchor))
        if not self.open:
            return
        for _, first_col, last_col, anchor in self.open:
            if len(values) < last_col:
                values.extend([None] * (last_col - len(values)))
            values[first_col - 1 : last_col] = [anchor] * (last_col - first_col + 1)
        self.open = [area for area in self.open if area[0] > number]


def _scan_sheet(source: _Source) -> tuple[_MergedCells, dict[int, tuple[int, ...]]]:
    areas: set[tuple[int, int, int, int]] = set()
    formulas: set[tuple[int, int]] = set()
    with _worksheet(source) as (_, path):
        pass  # only the sheet's path is needed; the workbook is closed again
    if path is None:
        return _MergedCells(areas), {}
    with source.open() as binary:
        try:
            with zipfile.ZipFile(binary) as archive, archive.open(path.lstrip("/")) as xml:
                tail = b""
                while chunk := xml.read(_SCAN_CHUNK):
                    text = tail + chunk
                    for match in _MERGE_CELL.finditer(text):
                        first_col, first_row, last_col, last_row = match.groups()
                        areas.add(
                            (
                                int(first_row),
                                column_index_from_string(first_col.decode()),
                                int(last_row),
                                column_index_from_string(last_col.decode()),
                            )
                        )
                    if len(formulas) < MAX_UNCOMPUTED_FORMULAS and _FORMULA_TAG.search(text):
                        for match in _FORMULA_WITHOUT_VALUE.finditer(text):
                            col, row = match.groups()
                            formulas.add((int(row), column_index_from_string(col.decode()) - 1))
                    tail = text[-_SCAN_OVERLAP:]
        except _XLSX_ERRORS as error:
            raise _damaged_xlsx() from error
    by_row: dict[int, list[int]] = {}
    for row, col in sorted(formulas):
        by_row.setdefault(row, []).append(col)
    return _MergedCells(areas), {row: tuple(cols) for row, cols in by_row.items()}
