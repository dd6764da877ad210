"""CSV and XLSX exports that never execute what they contain (no Django).

Every export of Irtiqaa (the import report, later reports) goes through this module. The values
come from people's input: a name, a note or an imported cell may begin with ``=``, ``+``, ``-`` or
``@``. A spreadsheet program opening the file would read such a value as a formula and run it
(``=HYPERLINK(...)`` leaks data, ``+cmd|' /C calc'!A0`` starts a program): "CSV injection" or
"formula injection". As OWASP recommends, a text value that begins with one of those characters,
or with a tab or a carriage return, gets a leading apostrophe, so the program shows it as text.
Numbers, dates, Decimals and None are written as they are: a negative number stays a number,
while the text "-5" stays text and is neutralised.

The CSV is UTF-8 with a byte-order mark, so that Excel opens Arabic names correctly. The XLSX is
written by openpyxl in write-only mode (rows are streamed, memory stays small) and every text cell
is forced to the string type: openpyxl would otherwise store any text beginning with ``=`` as a
formula. Control characters that XLSX refuses (openpyxl raises ``IllegalCharacterError``) are
replaced, in both formats, so that a name pasted with an invisible character never makes an export
fail. Right-to-left text is written as it is.
"""

import csv
import datetime
import decimal
import re
from collections.abc import Iterable, Sequence
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

# Characters that make a spreadsheet program read a cell as a formula (OWASP, CSV injection).
DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
NEUTRALISING_PREFIX = "'"
# Control characters XML 1.0 cannot hold (tab, line feed and carriage return are allowed); the
# same set as openpyxl.cell.cell.ILLEGAL_CHARACTERS_RE.
ILLEGAL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
REPLACEMENT_CHARACTER = "\ufffd"
# Excel's limit for one cell; a longer text is cut rather than producing a file Excel repairs.
XLSX_MAX_CELL_LENGTH = 32_767
XLSX_MAX_TITLE_LENGTH = 31
XLSX_FORBIDDEN_IN_TITLE = re.compile(r"[\\/*?:\[\]]")
UTF8_BOM = "\ufeff"

# Values written as they are: numbers (bool included), Decimals, dates, times and None.
PASS_THROUGH = (
    int,
    float,
    decimal.Decimal,
    datetime.date,
    datetime.time,
    datetime.timedelta,
    type(None),
)


def neutralise(value: Any) -> Any:
    """The value, with a leading apostrophe when it is text a spreadsheet would read as a formula.

    Only text is changed; numbers, dates, Decimals and None come back unchanged. Idempotent: a
    neutralised text begins with an apostrophe and is not changed again.
    """
    if isinstance(value, str) and value.startswith(DANGEROUS_PREFIXES):
        return NEUTRALISING_PREFIX + value
    return value


def clean_text(text: str) -> str:
    """The text with the control characters XLSX refuses replaced by U+FFFD."""
    return ILLEGAL_CHARACTERS.sub(REPLACEMENT_CHARACTER, text)


def cell_value(value: Any) -> Any:
    """What an export writes for `value`: numbers, dates and None as they are; anything else as
    cleaned, neutralised text (a lazy translation or a UUID becomes its text)."""
    if isinstance(value, PASS_THROUGH):
        return value
    return neutralise(clean_text(str(value)))


class _EncodingWriter:
    """Lets `csv.writer` write text into a binary stream (a file, BytesIO, an HttpResponse)."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        return self.stream.write(text.encode("utf-8"))


def _csv_field(value: Any) -> Any:
    value = cell_value(value)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    return value


def write_csv(
    rows: Iterable[Sequence[Any]], stream: IO[bytes], header: Sequence[Any] | None = None
) -> int:
    """Write `header` then `rows` as UTF-8 CSV with a byte-order mark into the binary `stream`.

    Dates are written in ISO 8601. Returns the number of data rows written.
    """
    out = _EncodingWriter(stream)
    out.write(UTF8_BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    if header is not None:
        writer.writerow([_csv_field(value) for value in header])
    count = 0
    for row in rows:
        writer.writerow([_csv_field(value) for value in row])
        count += 1
    return count


def safe_sheet_title(title: str) -> str:
    """A title Excel accepts: no \\ / * ? : [ ], no apostrophe at either end, 31 characters."""
    cleaned = XLSX_FORBIDDEN_IN_TITLE.sub(" ", clean_text(title))
    cleaned = cleaned.replace(REPLACEMENT_CHARACTER, " ")
    cleaned = cleaned[:XLSX_MAX_TITLE_LENGTH].strip().strip("'").strip()
    return cleaned or "Export"


def _xlsx_cell(sheet: Any, value: Any, *, bold: bool = False) -> WriteOnlyCell:
    value = cell_value(value)
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        # Excel has no time zones: the wall-clock time, in the zone the caller chose, is written.
        value = value.replace(tzinfo=None)
    if isinstance(value, str):
        value = value[:XLSX_MAX_CELL_LENGTH]
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        # openpyxl reads any text beginning with "=" as a formula: text is always a string.
        cell.data_type = "s"
    if bold:
        cell.font = Font(bold=True)
    return cell


def write_xlsx(
    rows: Iterable[Sequence[Any]],
    stream: IO[bytes],
    header: Sequence[Any] | None = None,
    sheet_title: str = "Export",
    *,
    right_to_left: bool = False,
    widths: Sequence[float] = (),
) -> int:
    """Write `header` (in bold) then `rows` as an XLSX workbook of one sheet into `stream`.

    The workbook is written in write-only mode: rows are streamed and not kept in memory. Returns
    the number of data rows written. `right_to_left` lays the sheet out from the right (an Arabic
    reader's sheet); `widths` are those of the first columns, in characters; a header row stays
    in view when scrolling.
    """
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(safe_sheet_title(sheet_title))
    sheet.sheet_view.rightToLeft = right_to_left
    for position, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(position)].width = width
    if header is not None:
        sheet.freeze_panes = "A2"
        sheet.append([_xlsx_cell(sheet, value, bold=True) for value in header])
    count = 0
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
        count += 1
    workbook.save(stream)
    return count
