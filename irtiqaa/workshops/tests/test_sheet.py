"""The printable attendance sheet: produced, paged with its header repeated, names in both
scripts (the Arabic ones shaped, read back from the PDF's text), labels in her language."""

import io
import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from irtiqaa.accounts.models import User
from irtiqaa.audit.models import AuditEvent
from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.conftest import Cast
from irtiqaa.workshops.models import Workshop
from irtiqaa.workshops.sheet import attendance_sheet_pdf
from irtiqaa.workshops.tests.conftest import invite_all

Women = Callable[..., list[Beneficiary]]


def pages_text(content: bytes) -> list[str]:
    assert content.startswith(b"%PDF-")
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


def test_sixty_women_on_three_pages_with_the_header_on_each(
    cast: Cast, workshop: Workshop, women: Women
) -> None:
    group = women(60)
    with translation.override("fr"):
        pages = pages_text(attendance_sheet_pdf(workshop, group))
    assert len(pages) == 3
    for number, text in enumerate(pages, start=1):
        assert workshop.title in text
        assert "Agence Kénitra" in text and workshop.place in text and workshop.facilitator in text
        assert re.search(rf"\b{number}\b\D+\b3\b", text.splitlines()[-1])  # page n of 3
    everything = "\n".join(pages)
    for woman in group:
        assert woman.latin_name in everything
    # Arabic names come back as the letters typed, whatever their shaped forms on the page.
    assert "أمينة" in everything
    assert everything.count("أمينة") == 60
    # One row per woman, numbered in order.
    assert "60" in pages[2]


def test_a_short_sheet_in_arabic(cast: Cast, workshop: Workshop, woman: Beneficiary) -> None:
    with translation.override("ar"):
        content = attendance_sheet_pdf(workshop, [woman])
    (text,) = pages_text(content)
    assert "فاطمة الزهراء" in text and "العلوي" in text
    assert "Fatima Zahra El Alaoui" in text
    assert "وكالة القنيطرة" in text  # the agency under its Arabic name


def test_an_empty_sheet(cast: Cast, workshop: Workshop) -> None:
    (text,) = pages_text(attendance_sheet_pdf(workshop, []))
    assert workshop.title in text


@pytest.mark.parametrize("role", ["advisor", "coordinator", "national"])
def test_printing_it_is_an_audited_export(
    cast: Cast,
    login: Callable[[User], Client],
    workshop: Workshop,
    woman: Beneficiary,
    role: str,
) -> None:
    invite_all(workshop, [woman])
    response = login(cast.by_role()[role]).get(reverse("workshops:sheet", args=[workshop.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "Fatima Zahra El Alaoui" in pages_text(response.content)[0]
    event = AuditEvent.objects.get(action="export", object_type="workshops.workshop")
    assert event.object_id == str(workshop.pk) and event.actor == cast.by_role()[role]


def test_no_sheet_of_another_agency(
    cast: Cast, login: Callable[[User], Client], settat_workshop: Workshop
) -> None:
    response = login(cast.advisor).get(reverse("workshops:sheet", args=[settat_workshop.pk]))
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action="export").exists()
