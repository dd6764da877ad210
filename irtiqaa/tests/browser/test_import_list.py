"""An advisor imports a recruitment list on a tablet: she uploads it, checks the matched
columns, resolves its two suspected duplicates (a woman already registered, written another way,
and a woman written twice in the list), confirms the women's consent and imports; the new women
are in her caseload."""

import datetime
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.conftest import PASSWORD, Cast
from irtiqaa.imports.models import ImportJob, ImportRow
from irtiqaa.imports.tests.conftest import csv_bytes, person
from irtiqaa.seasons.models import Campaign, Participation
from irtiqaa.tests.browser.test_register_and_find import OVERFLOW_SCRIPT

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TABLET = {"width": 768, "height": 1024}

LIST = csv_bytes(
    [
        person("Ouali", "Samira", "والي", "سميرة", "12/04/1991", "", "0612003004"),
        # The registered Fatima Zahra El Alaoui: her phone, her name hyphenated, a year typed
        # wrong. Not certain enough to be decided without the advisor.
        person("El Alaoui", "Fatima-Zahra", "", "", "14/03/1989", "", "06 12 34 56 78"),
        person("Haddou", "Rachida", "حدو", "رشيدة", "03/11/1987", "", "0677889900"),
        # Samira again, her date of birth typed differently.
        person("Ouali", "Samira", "والي", "سميرة", "21/04/1991", "", "0612003004"),
    ],
    delimiter=";",
)


def test_advisor_imports_a_list_and_resolves_its_two_duplicates(
    live_server: Any,
    browser: Browser,
    cast: Cast,
    woman: Beneficiary,
    campaign: Campaign,
    tmp_path: Path,
) -> None:
    context = browser.new_context(
        locale="fr-FR", viewport=TABLET, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    context.set_default_timeout(10_000)
    errors: list[str] = []

    def no_sideways_scroll() -> None:
        layout = page.evaluate(OVERFLOW_SCRIPT, TABLET["width"])
        assert layout["scrollWidth"] <= TABLET["width"] + 1, f"{page.url}: {layout}"

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

        # The upload: her agency, herself and the latest campaign are already chosen.
        page.locator('header nav a[href$="/imports/"]').click()
        expect(page.locator("#id_agency")).to_have_value(str(cast.kenitra.pk))
        expect(page.locator("#id_advisor")).to_have_value(str(cast.advisor.pk))
        expect(page.locator("#id_campaign")).to_have_value(str(campaign.pk))
        page.locator("#id_file").set_input_files(
            files=[{"name": "recrues-kenitra.csv", "mimeType": "text/csv", "buffer": LIST}]
        )
        no_sideways_scroll()
        page.locator("main form button[type=submit].primary").click()

        # The columns, guessed from the headers, over the first rows of the list.
        job = ImportJob.objects.get()
        expect(page).to_have_url(re.compile(rf"/imports/{job.pk}/columns/$"))
        expect(page.locator("table.sample tbody tr")).to_have_count(4)
        expect(page.locator("table.sample")).to_contain_text("Fatima-Zahra")
        expect(page.locator("#id_col_last_name_latin")).to_have_value("Nom")
        expect(page.locator("#id_col_birth_date")).to_have_value("Date de naissance")
        expect(page.locator("#id_col_phones")).to_have_value("Téléphone")
        page.screenshot(path=tmp_path / "import-1-columns.png", full_page=True)
        no_sideways_scroll()
        page.locator("main form button[type=submit].primary").click()

        # The preview opens on the two rows to decide, each with its evidence.
        expect(page).to_have_url(re.compile(rf"/imports/{job.pk}/$"))
        rows = page.locator("article.import-row")
        expect(rows).to_have_count(2)
        registered, repeated = page.locator("#row-3"), page.locator("#row-5")
        expect(registered).to_contain_text("Fatima Zahra El Alaoui")
        expect(registered.locator(".candidate small")).not_to_have_count(0)
        expect(repeated).to_contain_text("Samira Ouali")
        page.screenshot(path=tmp_path / "import-2-duplicates.png", full_page=True)
        no_sideways_scroll()

        undecided_legend = registered.locator("legend").inner_text()
        page.evaluate("window.sameDocument = true")  # gone if a click reloads the page
        # Each choice is saved as it is clicked; the row comes back decided.
        for row, choice in ((registered, f"woman:{woman.pk}"), (repeated, "row:2")):
            with page.expect_response(re.compile(r"/decision/$")) as saved:
                row.locator(f'input[value="{choice}"]').check()
            assert saved.value.ok
            expect(row.locator(f'input[value="{choice}"]')).to_be_checked()
            expect(row.locator("legend")).not_to_have_text(undecided_legend)
        assert page.evaluate("window.sameDocument") is True
        decided = dict(
            ImportRow.objects.filter(job=job, number__in=[3, 5]).values_list("number", "decision")
        )
        assert decided == {3: "existing", 5: "existing"}

        # Every duplicate decided, the import asks for the women's consent, without a reload.
        expect(page.locator("#import-counts")).not_to_contain_text("to decide")
        page.select_option("#id_consent_method", "signed_form")
        expect(page.locator("#id_consent_text_version")).not_to_have_value("")
        page.locator("#id_confirm").check()
        page.screenshot(path=tmp_path / "import-3-confirm.png", full_page=True)
        assert page.evaluate("window.sameDocument") is True
        page.locator('main form[action$="/commit/"] button[type=submit]').click()
        expect(page).to_have_url(re.compile(rf"/imports/{job.pk}/$"))
        expect(page.locator("main .badge.ok").first).to_be_visible()
        job.refresh_from_db()
        assert (job.status, job.created_count, job.updated_count, job.skipped_count) == (
            "done",
            2,
            1,
            1,
        )
        no_sideways_scroll()

        # The new women, in her caseload.
        page.locator('header nav a[href$="/beneficiaries/"]').click()
        caseload = page.locator("#results table.list tbody")
        expect(caseload).to_contain_text("Samira Ouali")
        expect(caseload).to_contain_text("Rachida Haddou")
        expect(caseload).to_contain_text("Fatima Zahra El Alaoui")
        expect(caseload.locator("tr")).to_have_count(3)
        page.screenshot(path=tmp_path / "import-4-caseload.png", full_page=True)
    finally:
        context.close()

    assert Beneficiary.objects.count() == 3
    assert Participation.objects.filter(campaign=campaign).count() == 3
    samira = Beneficiary.objects.get(last_name_latin="Ouali")
    assert samira.birth_date == datetime.date(1991, 4, 12)
    assert (samira.home_agency, samira.assigned_advisor) == (cast.kenitra, cast.advisor)
    assert errors == []
