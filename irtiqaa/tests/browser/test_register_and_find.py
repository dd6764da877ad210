"""An advisor's first minutes, in a real browser, once in French and once in Arabic.

She logs in, chooses her language with the switch in the header, registers a woman, finds her again
by the Arabic spelling of her name (typed with other letter variants than the registered one) and
opens her file. Every page must say which language it is in and, in Arabic, read right to left.

Only structural things and the woman's own data are asserted, never the wording of translated
labels (only that they are in the right script): the catalogues change independently of these tests.
"""

import datetime
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from irtiqaa.beneficiaries.models import Beneficiary, Consent
from irtiqaa.conftest import PASSWORD, Cast
from irtiqaa.geography.models import Province

pytestmark = [
    pytest.mark.browser,
    # The live server answers from another thread: the test data must be committed, and the
    # database is emptied after each test, reference data loaded by migrations (regions,
    # provinces) included. serialized_rollback reloads that data before each of these tests.
    # Later tests of the worker are unaffected: pytest-django runs transactional tests after the
    # others, and a later transactional test needing this data must ask for serialized_rollback.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LATIN_FIRST, LATIN_LAST = "Rkia", "Ouhammou"
ARABIC_FIRST, ARABIC_LAST = "رقية", "أوحمو"
LATIN_NAME, ARABIC_NAME = f"{LATIN_FIRST} {LATIN_LAST}", f"{ARABIC_FIRST} {ARABIC_LAST}"
# Another advisor's spelling: ta marbuta written as ha, hamza left out. The search folds both.
ARABIC_QUERY = "رقيه اوحمو"
BIRTH_DATE = datetime.date(1991, 4, 23)
CIN = "BK456789"
PHONE_TYPED, PHONE_STORED = "06 12 34 56 78", "+212612345678"
DIRECTION = {"fr": "ltr", "ar": "rtl"}
PHONE_WIDTH = 360
ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")

# Every element of the page that sticks out of the viewport, for the message of a failed check.
OVERFLOW_SCRIPT = """
(limit) => {
  const describe = (el) => {
    let name = el.tagName.toLowerCase();
    if (el.id) name += "#" + el.id;
    for (const c of el.classList) name += "." + c;
    const text = (el.innerText || el.value || "").trim().replace(/\\s+/g, " ").slice(0, 40);
    return text ? `${name} "${text}"` : name;
  };
  const offenders = [];
  for (const el of document.querySelectorAll("body *")) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if (el.classList.contains("skip")) continue;  // off-screen on purpose until focused
    if (box.right > limit + 1 || box.left < -1) {
      offenders.push(`${describe(el)}: ${Math.round(box.left)}..${Math.round(box.right)}px`);
    }
  }
  return {
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
    offenders: offenders.slice(0, 15),
  };
}
"""


def assert_language(page: Page, lang: str) -> None:
    """The page is in `lang`, says so, reads in its direction and shows it chosen in the switch."""
    html = page.locator("html")
    expect(html).to_have_attribute("lang", lang)  # waits for the navigation, if one is under way
    expect(html).to_have_attribute("dir", DIRECTION[lang])
    page.wait_for_load_state()
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [
        lang,
        DIRECTION[lang],
    ]
    assert page.evaluate("getComputedStyle(document.body).direction") == DIRECTION[lang]
    expect(page.locator(f'form.langs button[name="language"][value="{lang}"]')).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(page.locator('form.langs button[aria-pressed="true"]')).to_have_count(1)
    # The interface speaks the language: the navigation (once logged in) and the page's heading
    # are written in Arabic script in Arabic, the navigation in Latin script in French.
    navigation = page.locator("header nav a").all_inner_texts()
    if lang == "ar":
        assert all(ARABIC_LETTER.search(label) for label in navigation), navigation
        heading = page.locator("main h1").first.inner_text()
        assert ARABIC_LETTER.search(heading), heading
    else:
        assert not any(ARABIC_LETTER.search(label) for label in navigation), navigation
    # The header mirrors itself: the brand sits at the start of the line, right in Arabic.
    brand = page.locator("header .brand").bounding_box()
    width = page.viewport_size["width"] if page.viewport_size else 0
    assert brand is not None
    centre = brand["x"] + brand["width"] / 2
    assert (centre > width / 2) if lang == "ar" else (centre < width / 2), (lang, brand, width)


def assert_names_shown(where: Locator) -> None:
    """Her name in both scripts, the Arabic one as registered (not as it was searched)."""
    expect(where).to_contain_text(LATIN_NAME)
    expect(where).to_contain_text(ARABIC_NAME)
    # Each name is laid out in its own direction, whatever the direction of the page.
    for name, direction in ((LATIN_NAME, "ltr"), (ARABIC_NAME, "rtl")):
        element = where.get_by_text(name, exact=True).first
        assert element.evaluate("e => getComputedStyle(e).direction") == direction, name


def choose_language(page: Page, lang: str) -> None:
    """As she does: one of the buttons of the language switch in the header."""
    page.locator(f'header form.langs button[name="language"][value="{lang}"]').click()
    assert_language(page, lang)


def shoot(page: Page, directory: Path, name: str) -> None:
    page.screenshot(path=directory / f"{name}.png", full_page=True)


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_advisor_registers_a_woman_and_finds_her_by_her_arabic_name(
    lang: str,
    live_server: Any,
    browser: Browser,
    context: BrowserContext,
    page: Page,
    page_errors: list[str],
    cast: Cast,
    register: Any,
    tmp_path: Path,
) -> None:
    # Another woman of the caseload, whom the search must leave out.
    register(assigned_advisor=cast.advisor, phones=("0661223344",))
    province = Province.objects.get(code="kenitra")
    province_label = province.name_ar if lang == "ar" else province.name_fr
    agency_label = cast.kenitra.name_ar if lang == "ar" else cast.kenitra.name_fr

    # Logging in, after choosing her language on the login page. The browser asks for English,
    # which is not picked up by itself: the interface starts in French.
    page.goto(live_server.url + "/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    choose_language(page, lang)
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    shoot(page, tmp_path, f"{lang}-1-login")
    page.fill("#id_username", cast.advisor.username)
    page.fill("#id_password", PASSWORD)
    page.locator("form:has(#id_password) button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/today/$"))
    assert_language(page, lang)

    # Registering her.
    page.locator('header nav a[href$="/beneficiaries/new/"]').click()
    expect(page).to_have_url(re.compile(r"/beneficiaries/new/$"))
    assert_language(page, lang)
    expect(page.locator('header nav a[aria-current="page"]')).to_have_attribute(
        "href", re.compile(r"/beneficiaries/new/$")
    )
    # Consent is asked, never assumed: nothing is ticked until she agrees.
    accompaniment = page.locator('input[name="consent_purposes"][value="accompaniment"]')
    expect(accompaniment).not_to_be_checked()
    accompaniment.check()
    page.locator('input[name="consent_purposes"][value="statistics"]').check()
    page.select_option("#id_consent_method", Consent.Method.SIGNED_FORM.value)
    page.fill("#id_first_name_latin", LATIN_FIRST)
    page.fill("#id_last_name_latin", LATIN_LAST)
    page.fill("#id_first_name_ar", ARABIC_FIRST)
    page.fill("#id_last_name_ar", ARABIC_LAST)
    page.fill("#id_birth_date", BIRTH_DATE.isoformat())
    page.fill("#id_cin", CIN)
    page.fill("#id_phone_1", PHONE_TYPED)
    page.select_option("#id_province", label=province_label)
    page.fill("#id_commune", "Mnasra")
    page.select_option("#id_marital_status", "married")
    page.fill("#id_children_count", "2")
    page.fill("#id_children_ages", "6, 11")
    page.select_option("#id_education_level", "koranic")
    page.select_option("#id_literacy_arabic", "basic")
    page.select_option("#id_literacy_french", "none")
    page.locator('input[name="languages"][value="darija"]').check()
    page.locator('input[name="languages"][value="tamazight"]').check()
    expect(page.locator("#id_home_agency")).to_have_value(str(cast.kenitra.pk))
    expect(page.locator("#id_assigned_advisor")).to_have_value(str(cast.advisor.pk))
    # The duplicate check has run while she typed, and found nobody like her.
    page.wait_for_load_state("networkidle")
    expect(page.locator("#duplicate-warning .duplicates")).to_have_count(0)
    shoot(page, tmp_path, f"{lang}-2-register")
    page.locator("main form button[type=submit].primary").click()

    # Her file, just created.
    expect(page).to_have_url(re.compile(r"/beneficiaries/\d+/$"))
    assert_language(page, lang)
    match = re.search(r"/beneficiaries/(\d+)/$", page.url)
    assert match is not None
    pk = int(match.group(1))
    success = page.locator("main .messages li.success")
    expect(success).to_have_count(1)
    assert success.inner_text().strip()
    assert_names_shown(page.locator("h1.names"))
    shoot(page, tmp_path, f"{lang}-3-registered")

    her = Beneficiary.objects.get(pk=pk)
    assert (her.first_name_latin, her.last_name_latin, her.first_name_ar, her.last_name_ar) == (
        LATIN_FIRST,
        LATIN_LAST,
        ARABIC_FIRST,
        ARABIC_LAST,
    )
    assert (her.birth_date, her.cin, her.province, her.commune) == (
        BIRTH_DATE,
        CIN,
        province,
        "Mnasra",
    )
    assert (her.marital_status, her.children_count, her.education_level) == (
        "married",
        2,
        "koranic",
    )
    assert sorted(her.languages) == ["darija", "tamazight"]
    assert (her.home_agency, her.assigned_advisor) == (cast.kenitra, cast.advisor)
    assert [p.number for p in her.phones.all()] == [PHONE_STORED]
    consents = {c.purpose: c for c in her.consents.all()}
    assert set(consents) == {Consent.Purpose.ACCOMPANIMENT, Consent.Purpose.STATISTICS}
    assert all(c.given and c.method == Consent.Method.SIGNED_FORM for c in consents.values())

    # Finding her again, by her name in Arabic as another advisor would spell it.
    page.locator('header nav a[href$="/beneficiaries/"]').click()
    expect(page).to_have_url(re.compile(r"/beneficiaries/$"))
    assert_language(page, lang)
    rows = page.locator("#results table.list tbody tr")
    expect(rows).to_have_count(2)
    page.evaluate("window.sameDocument = true")  # gone if the page reloads instead of HTMX
    page.locator("#q").press_sequentially(ARABIC_QUERY)
    # HTMX pushes the URL of the search once its results are in: wait for the whole query's.
    page.wait_for_function(
        "(q) => new URLSearchParams(location.search).get('q') === q", arg=ARABIC_QUERY
    )
    expect(rows).to_have_count(1)
    assert_names_shown(rows)
    assert page.evaluate("window.sameDocument") is True
    assert_language(page, lang)
    search_url = page.url
    shoot(page, tmp_path, f"{lang}-4-search")

    # Her file, from the results: her name is the link.
    link = rows.locator(f'a[href$="/beneficiaries/{pk}/"]')
    expect(link).to_have_text(re.compile(f"^({re.escape(LATIN_NAME)}|{re.escape(ARABIC_NAME)})$"))
    link.click()
    expect(page).to_have_url(re.compile(rf"/beneficiaries/{pk}/$"))
    assert_language(page, lang)
    assert_names_shown(page.locator("h1.names"))
    # The title gives her name in the script of the interface.
    expect(page).to_have_title(re.compile(re.escape(ARABIC_NAME if lang == "ar" else LATIN_NAME)))
    main = page.locator("main")
    # Identifiers read left to right, even on an Arabic page.
    expect(main.locator('dd [dir="ltr"]', has_text=CIN)).to_have_count(1)
    expect(main.locator(f'dd a[dir="ltr"][href="tel:{PHONE_STORED}"]')).to_have_count(1)
    expect(main).to_contain_text(BIRTH_DATE.strftime("%d/%m/%Y"))
    # Reference data in the language of the interface: her province and her agency.
    expect(main).to_contain_text(province_label)
    expect(main.locator(".file-head")).to_contain_text(agency_label)
    shoot(page, tmp_path, f"{lang}-5-file")

    # The search results on a phone 360 px wide do not scroll sideways.
    phone_context = browser.new_context(
        storage_state=context.storage_state(),
        locale="en-US",
        viewport={"width": PHONE_WIDTH, "height": 780},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    try:
        phone = phone_context.new_page()
        phone.on("pageerror", lambda error: page_errors.append(f"JavaScript error: {error}"))
        phone.goto(search_url)
        assert_language(phone, lang)
        expect(phone.locator("#results table.list tbody tr")).to_have_count(1)
        shoot(phone, tmp_path, f"{lang}-6-phone-search")
        layout = phone.evaluate(OVERFLOW_SCRIPT, PHONE_WIDTH)
        assert layout["scrollWidth"] <= PHONE_WIDTH + 1, (
            f"{urlsplit(search_url).path} scrolls sideways on a {PHONE_WIDTH}px phone ({lang}): "
            f"{layout}"
        )
    finally:
        phone_context.close()

    assert page_errors == []
