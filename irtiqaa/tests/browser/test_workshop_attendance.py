"""An advisor takes the attendance of a workshop on a tablet: one page for the whole group,
three large choices per woman, one Save; then the counts. The roll does not scroll sideways
on a tablet (768 px) nor on a phone (360 px)."""

import datetime
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.cases.models import Interaction
from irtiqaa.conftest import PASSWORD, Cast
from irtiqaa.tests.browser.test_register_and_find import OVERFLOW_SCRIPT
from irtiqaa.workshops.models import Invitation, Workshop

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TABLET = {"width": 768, "height": 1024}
PHONE_WIDTH = 360
# Present, absent, excused, in the order of the invited women (sorted by name).
CHOICES = ["present", "present", "absent", "present", "excused", "present", "absent", "present"]


def assert_no_sideways_scroll(page: Page, width: int) -> None:
    layout = page.evaluate(OVERFLOW_SCRIPT, width)
    assert layout["scrollWidth"] <= width + 1, f"scrolls sideways at {width}px: {layout}"


def test_advisor_takes_the_attendance_of_a_group_on_a_tablet(
    live_server: Any,
    browser: Browser,
    cast: Cast,
    register: Callable[..., Beneficiary],
    tmp_path: Path,
) -> None:
    women = [
        register(
            first_name_latin=f"Femme{chr(65 + n)}",
            last_name_latin="Benali",
            first_name_ar="فاطمة",
            last_name_ar=f"بنعلي {chr(0x0628 + n)}",
            cin=f"TB{200000 + n}",
            phones=(),
            birth_date=datetime.date(1984, 2, 1) + datetime.timedelta(days=n),
        )
        for n in range(8)
    ]
    workshop = Workshop.objects.create(
        agency=cast.kenitra,
        kind=Workshop.Kind.FINANCIAL_LITERACY,
        title="Éducation financière : épargner la saison",
        # Earlier today, local time (an hour ago would be yesterday just after midnight).
        starts_at=timezone.localtime().replace(hour=0, minute=1, second=0, microsecond=0),
        place="Salle de réunion de l'agence",
        facilitator="Mme Idrissi",
        capacity=12,
    )
    Invitation.objects.bulk_create(Invitation(workshop=workshop, beneficiary=b) for b in women)

    context = browser.new_context(
        locale="fr-FR", viewport=TABLET, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    context.set_default_timeout(10_000)
    errors: list[str] = []
    try:
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(f"JavaScript error: {error}"))
        page.on(
            "response",
            lambda r: errors.append(f"HTTP {r.status} {r.url}") if r.status >= 400 else None,
        )
        page.goto(live_server.url + "/accounts/login/")
        page.fill("#id_username", cast.advisor.username)
        page.fill("#id_password", PASSWORD)
        page.locator("form:has(#id_password) button[type=submit]").click()
        expect(page).to_have_url(re.compile(r"/today/$"))

        # From the navigation to the session, then to its attendance page.
        page.locator('header nav a[href$="/workshops/"]').click()
        page.get_by_role("link", name=workshop.title).click()
        expect(page).to_have_url(re.compile(rf"/workshops/{workshop.pk}/$"))
        page.locator(f'a[href$="/workshops/{workshop.pk}/attendance/"]').click()
        rows = page.locator("ol.roll > li")
        expect(rows).to_have_count(8)
        expect(rows.first).to_contain_text("FemmeA Benali")
        expect(rows.first).to_contain_text("فاطمة")
        assert_no_sideways_scroll(page, TABLET["width"])

        # Every choice is a large touch target.
        for segment in page.locator(".segmented label").all():
            box = segment.bounding_box()
            assert box is not None and box["height"] >= 44 and box["width"] >= 44, box

        for row, choice in zip(rows.all(), CHOICES, strict=True):
            row.locator(f"label.choice-{choice}").tap()
            expect(row.locator(f'input[value="{choice}"]')).to_be_checked()
        page.screenshot(path=tmp_path / "attendance-tablet.png", full_page=True)
        page.get_by_role("button", name=re.compile("attendance|présence", re.I)).click()

        expect(page).to_have_url(re.compile(rf"/workshops/{workshop.pk}/$"))
        expect(page.locator("#count-invited")).to_have_text("8 / 12")
        expect(page.locator("#count-present")).to_have_text("5")
        expect(page.locator("#count-absent")).to_have_text("2")
        expect(page.locator("#count-excused")).to_have_text("1")
        assert_no_sideways_scroll(page, TABLET["width"])

        saved = dict(Invitation.objects.values_list("beneficiary__first_name_latin", "attendance"))
        assert saved == {f"Femme{chr(65 + n)}": choice for n, choice in enumerate(CHOICES)}
        assert Interaction.objects.filter(workshop=workshop, kind="workshop").count() == 5

        # The same roll on a phone does not scroll sideways either.
        page.set_viewport_size({"width": PHONE_WIDTH, "height": 780})
        page.goto(live_server.url + f"/workshops/{workshop.pk}/attendance/")
        expect(page.locator("ol.roll > li")).to_have_count(8)
        expect(
            page.locator(f'input[name="attendance_{women[4].pk}"][value="excused"]')
        ).to_be_checked()
        assert_no_sideways_scroll(page, PHONE_WIDTH)
        page.screenshot(path=tmp_path / "attendance-phone.png", full_page=True)
    finally:
        context.close()
    assert errors == []
