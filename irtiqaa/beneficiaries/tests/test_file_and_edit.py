"""Her file: opening it is audited, editing is locked optimistically, consent withdrawal bites."""

from collections.abc import Callable

import pytest
from django.test import Client

from irtiqaa.audit.models import AuditEvent
from irtiqaa.beneficiaries.forms import BeneficiaryForm
from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.conftest import Cast
from irtiqaa.seasons.models import Participation


def edit_data(woman: Beneficiary, **overrides: object) -> dict[str, object]:
    initial = BeneficiaryForm.initial_from(woman, [p.number for p in woman.phones.all()])
    data = {k: ("" if v is None else v) for k, v in initial.items()}
    data["birth_date"] = woman.birth_date.isoformat()
    data["version"] = woman.version
    data.update(overrides)
    return data


def test_opening_her_file_records_a_view_event(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary
) -> None:
    response = login(cast.advisor).get(f"/beneficiaries/{woman.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Fatima Zahra El Alaoui" in page and "فاطمة الزهراء العلوي" in page
    assert "AB123456" in page and "+212612345678" in page
    view = AuditEvent.objects.get(action="view", beneficiary_id=woman.pk)
    assert view.actor == cast.advisor and view.changed_fields == []


def test_the_timeline_lists_registration_consents_seasons_and_incidents_newest_first(
    cast: Cast, login: Callable[..., Client], participation: Participation
) -> None:
    participation.incidents.create(kind="housing", occurred_on="2026-03-03", description="Cold")
    response = login(cast.advisor).get(f"/beneficiaries/{participation.beneficiary_id}/")
    timeline = response.context["timeline"]
    past = [
        (e.kind, e.when.isoformat()) for e in timeline if e.when.year == 2026 and e.when.month < 11
    ]
    assert past == [("season", "2026-06-20"), ("incident", "2026-03-03"), ("season", "2026-02-01")]
    assert {e.kind for e in timeline} == {"registration", "consent", "season", "incident"}
    dates = [e.when for e in timeline]
    assert dates == sorted(dates, reverse=True)
    only_incidents = login(cast.advisor).get(
        f"/beneficiaries/{participation.beneficiary_id}/?kind=incident"
    )
    assert [e.kind for e in only_incidents.context["timeline"]] == ["incident"]


def test_an_edit_saves_and_records_only_the_changed_field_names(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary
) -> None:
    response = login(cast.advisor).post(
        f"/beneficiaries/{woman.pk}/edit/",
        edit_data(woman, commune="Souk El Arbaa", phone_1="0700112233"),
    )
    assert response.status_code == 302
    woman.refresh_from_db()
    assert woman.commune == "Souk El Arbaa" and woman.version == 2
    assert [p.number for p in woman.phones.all()] == ["+212700112233"]
    event = AuditEvent.objects.get(action="update", beneficiary_id=woman.pk)
    assert event.changed_fields == ["commune", "phones"]
    assert "Souk" not in str(event.changed_fields)  # names of fields, never values


def test_the_second_of_two_concurrent_edits_gets_a_conflict_and_loses_nothing(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary
) -> None:
    client = login(cast.advisor)
    first = edit_data(woman, commune="Souk El Arbaa")
    second = edit_data(woman, skills="Couture, pâtisserie")  # both started from version 1
    assert client.post(f"/beneficiaries/{woman.pk}/edit/", first).status_code == 302
    response = client.post(f"/beneficiaries/{woman.pk}/edit/", second)
    assert response.status_code == 200 and response.context["conflict"] is True
    assert "Couture, pâtisserie" in response.content.decode()  # her entry is still in the form
    woman.refresh_from_db()
    assert woman.commune == "Souk El Arbaa" and woman.skills == "Couture" and woman.version == 2
    # Saving again, knowingly, from the version now shown.
    again = client.post(
        f"/beneficiaries/{woman.pk}/edit/", {**second, "version": response.context["version"]}
    )
    assert again.status_code == 302
    woman.refresh_from_db()
    assert woman.skills == "Couture, pâtisserie" and woman.version == 3


def test_withdrawing_accompaniment_consent_stops_changes_at_once(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary
) -> None:
    client = login(cast.advisor)
    response = client.post(
        f"/beneficiaries/{woman.pk}/consents/",
        {
            "purpose": "accompaniment",
            "given": "no",
            "consent_method": "signed_form",
            "consent_text_version": "2026-01",
        },
    )
    assert response.status_code == 302
    file_page = client.get(f"/beneficiaries/{woman.pk}/").content.decode()
    assert "retiré" in file_page  # French is the default language
    refused = client.post(f"/beneficiaries/{woman.pk}/edit/", edit_data(woman, commune="Elsewhere"))
    assert refused.status_code == 200
    woman.refresh_from_db()
    assert woman.commune == "Lalla Mimouna"
    assert (
        AuditEvent.objects.filter(action="consent_withdrawn", beneficiary_id=woman.pk).count() == 1
    )


def test_a_coordinator_of_another_region_gets_404_not_403(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary
) -> None:
    assert login(cast.coordinator_cs).get(f"/beneficiaries/{woman.pk}/").status_code == 404
    assert not AuditEvent.objects.filter(action="view").exists()


def test_opening_the_edit_form_is_a_view_of_her_file(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary
) -> None:
    assert login(cast.advisor).get(f"/beneficiaries/{woman.pk}/edit/").status_code == 200
    assert AuditEvent.objects.filter(action="view", beneficiary_id=woman.pk).count() == 1


def test_a_form_error_keeps_the_version_she_started_from(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary
) -> None:
    client = login(cast.advisor)
    stale = edit_data(woman, commune="Mine")
    assert (
        client.post(
            f"/beneficiaries/{woman.pk}/edit/", edit_data(woman, commune="Theirs")
        ).status_code
        == 302
    )
    invalid = client.post(f"/beneficiaries/{woman.pk}/edit/", {**stale, "cin": "??"})
    assert invalid.context["version"] == 1  # still hers: the other save is not silently overwritten
    fixed = client.post(
        f"/beneficiaries/{woman.pk}/edit/", {**stale, "version": invalid.context["version"]}
    )
    assert fixed.status_code == 200 and fixed.context["conflict"] is True


def test_the_edit_form_gives_the_date_input_an_iso_value_in_every_language(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary
) -> None:
    client = login(cast.advisor)
    for language in ("fr", "ar", "en"):
        client.post("/i18n/setlang/", {"language": language, "next": "/"})
        page = client.get(f"/beneficiaries/{woman.pk}/edit/").content.decode()
        assert 'value="1988-03-14"' in page, language


def test_after_a_withdrawal_the_file_offers_only_a_new_consent_decision(
    cast: Cast, login: Callable[..., Client], participation: Participation
) -> None:
    client = login(cast.advisor)
    woman = participation.beneficiary
    client.post(
        f"/beneficiaries/{woman.pk}/consents/",
        {
            "purpose": "accompaniment",
            "given": "no",
            "consent_method": "signed_form",
            "consent_text_version": "2026-01",
        },
    )
    page = client.get(f"/beneficiaries/{woman.pk}/").content.decode()
    assert f"/beneficiaries/{woman.pk}/edit/" not in page
    assert f"/seasons/{participation.pk}/edit/" not in page
    assert f"/beneficiaries/{woman.pk}/consents/" in page
    timeline = client.get(f"/beneficiaries/{woman.pk}/").context["timeline"]
    assert timeline[0].title.startswith("Consentement retiré")  # the newest event comes first


def test_an_edit_cannot_give_her_another_womans_cin_or_phone(
    cast: Cast,
    login: Callable[..., Client],
    woman: Beneficiary,
    register: Callable[..., Beneficiary],
) -> None:
    other = register(
        first_name_latin="Naima",
        last_name_latin="Zaari",
        first_name_ar="",
        last_name_ar="",
        cin="ZZ99999",
        phones=("0661223344",),
    )
    client = login(cast.advisor)
    response = client.post(f"/beneficiaries/{woman.pk}/edit/", edit_data(woman, cin="zz 99999"))
    assert "cin" in response.context["form"].errors and "Naima Zaari" in str(
        response.context["form"].errors
    )
    response = client.post(
        f"/beneficiaries/{woman.pk}/edit/", edit_data(woman, phone_1="0661223344")
    )
    assert "phone_1" in response.context["form"].errors
    woman.refresh_from_db()
    assert woman.cin == "AB123456" and woman.version == 1
    assert other.cin == "ZZ99999"


def test_the_live_duplicate_check_on_her_edit_page_leaves_her_out(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary
) -> None:
    response = login(cast.advisor).post(
        "/beneficiaries/duplicates/check/",
        {
            "birth_date": woman.birth_date.isoformat(),
            "cin": woman.cin,
            "first_name_latin": "Fatima Zahra",
            "last_name_latin": "El Alaoui",
            "exclude": str(woman.pk),
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.context["candidates"] == []


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"purpose": "marketing"}, "purpose"),
        ({"given": "maybe"}, "given"),
        ({"consent_method": "telepathy"}, "consent_method"),
        ({"consent_method": "oral_with_witness", "witness_name": "   "}, "witness_name"),
        ({"consent_text_version": ""}, "consent_text_version"),
        ({"consent_text_version": "v" * 21}, "consent_text_version"),
        ({"witness_name": "<script>x</script>" + "w" * 120}, "witness_name"),
    ],
)
def test_consent_decision_bad_input(
    cast: Cast,
    login: Callable[..., Client],
    woman: Beneficiary,
    overrides: dict[str, str],
    field: str,
) -> None:
    before = woman.consents.count()
    data = {
        "purpose": "sms_contact",
        "given": "no",
        "consent_method": "signed_form",
        "witness_name": "",
        "consent_text_version": "2026-01",
        **overrides,
    }
    response = login(cast.advisor).post(f"/beneficiaries/{woman.pk}/consents/", data)
    assert response.status_code == 200 and field in response.context["form"].errors
    assert woman.consents.count() == before
