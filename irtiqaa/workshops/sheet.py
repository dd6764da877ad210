"""The printable attendance sheet of a workshop (PDF): its details, then one row per invited woman
with her name in Latin and in Arabic script and a column for her signature or thumbprint.

Arabic is shaped by HarfBuzz (fpdf2's text shaping, through uharfbuzz) with the Noto fonts
shipped in `fonts/` (SIL Open Font License, see fonts/OFL.txt): nothing is fetched at run time.
The labels are in the language of the interface; the header repeats on every page.
"""

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos

from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.workshops.models import Workshop

# fontTools reports every glyph subset it makes at INFO: one sheet would fill the log.
logging.getLogger("fontTools").setLevel(logging.WARNING)

FONTS = Path(__file__).resolve().parent / "fonts"
LATIN, ARABIC = "NotoSans", "NotoNaskhArabic"

MARGIN = 12  # mm
ROW_HEIGHT = 10  # room to sign or to press a thumb
FOOTER_HEIGHT = 14
# Column widths in mm (A4 portrait: 186 mm between the margins).
NUMBER_WIDTH, LATIN_WIDTH, ARABIC_WIDTH = 10, 62, 56
SIGNATURE_WIDTH = 210 - 2 * MARGIN - NUMBER_WIDTH - LATIN_WIDTH - ARABIC_WIDTH


class AttendanceSheet(FPDF):
    def __init__(self, workshop: Workshop, rtl: bool) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.workshop = workshop
        self.rtl = rtl
        self.add_font(LATIN, "", str(FONTS / "NotoSans-Regular.ttf"))
        self.add_font(LATIN, "B", str(FONTS / "NotoSans-Bold.ttf"))
        self.add_font(ARABIC, "", str(FONTS / "NotoNaskhArabic-Regular.ttf"))
        self.add_font(ARABIC, "B", str(FONTS / "NotoNaskhArabic-Bold.ttf"))
        self.set_text_shaping(True)
        # Labels in one script can carry words of the other (an Arabic place name, a Latin title).
        self.set_fallback_fonts([ARABIC, LATIN] if not rtl else [LATIN, ARABIC])
        self.label_font = ARABIC if rtl else LATIN
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=FOOTER_HEIGHT)
        self.set_title(_("Attendance sheet") + " — " + workshop.title)
        self.set_creator("Irtiqaa")
        self.set_lang("ar" if rtl else translation.get_language() or "fr")

    @property
    def align(self) -> Align:
        return Align.R if self.rtl else Align.L

    def line_of(self, text: str, size: float = 10, style: str = "") -> None:
        self.set_font(self.label_font, style, size)
        self.multi_cell(0, size * 0.55, text, align=self.align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def header(self) -> None:
        w = self.workshop
        start = timezone.localtime(w.starts_at)
        end = timezone.localtime(w.ends_at)
        self.line_of(_("Attendance sheet"), 9)
        self.line_of(w.title, 14, "B")
        self.line_of(
            _("%(kind)s · %(date)s, %(start)s–%(end)s")
            % {
                "kind": w.get_kind_display(),
                "date": formats.date_format(start, "l j F Y"),
                "start": formats.time_format(start, "H:i"),
                "end": formats.time_format(end, "H:i"),
            }
        )
        self.line_of(_("Place: %(place)s") % {"place": w.place})
        self.line_of(_("Facilitator: %(name)s") % {"name": w.facilitator})
        self.line_of(_("Agency: %(agency)s") % {"agency": w.agency.name})
        if w.cancelled:
            self.line_of(_("This session is cancelled."), 10, "B")
        self.ln(3)
        self.table_head()

    def columns(self) -> list[tuple[int, str]]:
        names = [
            (LATIN_WIDTH, _("Name (Latin script)")),
            (ARABIC_WIDTH, _("Name (Arabic script)")),
        ]
        cols = [
            (NUMBER_WIDTH, _("No.")),
            *self.in_reading_order(names),
            (SIGNATURE_WIDTH, _("Signature or thumbprint")),
        ]
        return cols[::-1] if self.rtl else cols

    def in_reading_order(self, names: list[Any]) -> list[Any]:
        """The name in the sheet's own script first, after the number."""
        return names[::-1] if self.rtl else names

    def table_head(self) -> None:
        self.set_font(self.label_font, "B", 9)
        self.set_fill_color(230, 236, 240)
        for width, label in self.columns():
            self.cell(width, 8, label, border=1, align=Align.C, fill=True)
        self.ln(8)

    def row(self, number: int, woman: Beneficiary) -> None:
        names = [
            (LATIN_WIDTH, woman.latin_name or "—", LATIN, Align.L),
            (ARABIC_WIDTH, woman.arabic_name or "—", ARABIC, Align.R),
        ]
        cells = [
            (NUMBER_WIDTH, str(number), LATIN, Align.C),
            *self.in_reading_order(names),
            (SIGNATURE_WIDTH, "", LATIN, Align.L),
        ]
        if self.rtl:
            cells.reverse()
        # Breaking the page before the first cell keeps a row whole, on one page.
        if self.will_page_break(ROW_HEIGHT):
            self.add_page()
        for width, text, font, align in cells:
            self.set_font(font, "", 11 if font == ARABIC else 10)
            self.cell(width, ROW_HEIGHT, text, border=1, align=align)
        self.ln(ROW_HEIGHT)

    def footer(self) -> None:
        self.set_y(-FOOTER_HEIGHT + 4)
        self.set_font(self.label_font, "", 8)
        self.cell(
            0,
            5,
            _("Page %(page)s of %(pages)s · printed on %(date)s")
            % {
                "page": self.page_no(),
                "pages": "{nb}",
                "date": formats.date_format(timezone.localdate(), "d/m/Y"),
            },
            align=Align.C,
        )


def attendance_sheet_pdf(workshop: Workshop, women: Sequence[Beneficiary]) -> bytes:
    """The sheet in the active language, one row per woman in the order given."""
    pdf = AttendanceSheet(workshop, rtl=translation.get_language_bidi())
    pdf.add_page()
    for number, woman in enumerate(women, start=1):
        pdf.row(number, woman)
    if not women:
        pdf.line_of(_("No woman is invited yet."))
    return bytes(pdf.output())
