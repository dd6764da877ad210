"""An advisor working in Arabic sees on her day a woman back from the season with no contact
since, records the post-return meeting, then her reintegration assessment, and reads the scores;
every page is right to left."""

import datetime
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from irtiqaa.assessments.models import Assessment
from irtiqaa.assessments.tests.permissions import REINTEGRATION_ANSWERS
from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.cases.models import Case, Interaction, Phase
from irtiqaa.conftest import PASSWORD, Cast, huelva_campaign
from irtiqaa.seasons.services import participation_create

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ARABIC_NAME = "حليمة الإدريسي"


def answer(page: Page, code: str, value: Any) -> None:
    if isinstance(value, list):
        for option in value:
            page.locator(f'label:has(input[name="{code}"][value="{option}"])').click()
    elif isinstance(value, int) and page.locator(f'input[type="number"][name="{code}"]').count():
        page.fill(f'input[name="{code}"]', str(value))
    else:
        page.locator(f'label:has(input[name="{code}"][value="{value}"])').click()


def test_post_return_meeting_and_assessment_in_arabic(
    live_server: Any, page: Page, page_errors: list[str], cast: Cast, register: Callable[..., Any]
) -> None:
    today = timezone.localdate()
    woman: Beneficiary = register(
        assigned_advisor=cast.advisor,
        first_name_latin="Halima",
        last_name_latin="Idrissi",
        first_name_ar="حليمة",
        last_name_ar="الإدريسي",
        cin="HA405060",
        phones=("0663000001",),
    )
    participation_create(  # as recorded at her return: her case moves to post-return
        actor=cast.advisor,
        beneficiary=woman,
        fields={
            "campaign": huelva_campaign(today.year),
            "status": "returned",
            "departure_date": today - datetime.timedelta(days=150),
            "return_date": today - datetime.timedelta(days=40),
        },
    )
    assert Case.objects.get(beneficiary=woman).phase == Phase.POST_RETURN

    page.goto(live_server.url + "/accounts/login/")
    page.locator('header form.langs button[name="language"][value="ar"]').click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.fill("#id_username", cast.advisor.username)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button.primary").click()

    # Her day opens first: Halima is back for 40 days and nobody has seen her.
    expect(page).to_have_url(re.compile(r"/today/$"))
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    contact = page.locator("section[aria-labelledby=contact]")
    expect(contact).to_contain_text(ARABIC_NAME)
    contact.get_by_text(ARABIC_NAME).click()

    # The post-return meeting.
    expect(page).to_have_url(re.compile(rf"/beneficiaries/{woman.pk}/$"))
    page.locator(f'a[href="/beneficiaries/{woman.pk}/interactions/new/"]').first.click()
    page.select_option("#id_kind", "meeting")
    page.fill("#id_occurred_on", today.isoformat())
    page.fill("#id_duration_minutes", "45")
    page.locator('label:has(input[name="topics"])').first.click()
    page.fill("#id_notes", "عادت بمدخرات وتفكر في مشروع خياطة")
    page.fill("#id_next_step", "تقييم إعادة الإدماج")
    page.fill("#id_next_step_on", today.isoformat())
    page.locator("main form button.primary").click()
    expect(page).to_have_url(re.compile(rf"/beneficiaries/{woman.pk}/"))
    expect(page.locator("body")).to_contain_text("عادت بمدخرات وتفكر في مشروع خياطة")
    meeting = Interaction.objects.get(beneficiary=woman)
    assert (meeting.kind, meeting.phase, meeting.duration_minutes) == ("meeting", "post_return", 45)

    # The reintegration assessment, with the instrument's Arabic wording.
    page.locator(f'a[href^="/beneficiaries/{woman.pk}/assessments/new/"]').first.click()
    page.locator('a[href*="instrument=reintegration-index"]').first.click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.fill("#id_taken_on", today.isoformat())
    for code, value in REINTEGRATION_ANSWERS.items():
        answer(page, code, value)
    page.locator("form.questionnaire button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/assessments/\d+/$"))
    assessment = Assessment.objects.get(beneficiary=woman)
    assert assessment.phase == "post_return" and assessment.composite is not None
    whole, decimals = f"{assessment.composite:.2f}".split(".")
    expect(page.locator("li.composite .value")).to_contain_text(
        re.compile(rf"{whole}[.,٫]{decimals}")
    )
    # Back on her day: Halima has been seen.
    page.goto(live_server.url + "/today/")
    expect(page.locator("section[aria-labelledby=contact]")).not_to_contain_text(ARABIC_NAME)
    assert not page_errors
