"""Campaigns, seasons and incidents through the pages and the API."""

import datetime
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from irtiqaa.audit.models import AuditEvent
from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.conftest import Cast
from irtiqaa.seasons.models import Campaign, Incident, Participation


def campaign_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "year": "2027",
        "destination_country": "es",
        "destination_province": "Huelva",
        "sector": "red_fruits",
        "planned_departure_start": "2027-01-15",
        "planned_departure_end": "2027-04-01",
        "planned_return_start": "2027-05-20",
        "planned_return_end": "2027-07-31",
        "min_age": "25",
        "max_age": "45",
        "children_required": "on",
        "allowed_marital_statuses": ["married", "widowed"],
        "notes": "",
    }
    data.update(overrides)
    return data


def test_national_creates_a_campaign_with_its_criteria(
    cast: Cast, login: Callable[..., Client]
) -> None:
    response = login(cast.national).post("/campaigns/new/", campaign_data())
    assert response.status_code == 302
    campaign = Campaign.objects.get()
    assert campaign.destination_country == "ES" and campaign.children_required
    assert campaign.allowed_marital_statuses == ["married", "widowed"]
    assert AuditEvent.objects.filter(action="create", object_type="seasons.campaign").exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"year": "1990"}, "year"),
        ({"year": ""}, "year"),
        ({"destination_country": "Spain"}, "destination_country"),
        ({"planned_departure_end": "2027-01-01"}, "planned_departure_end"),
        ({"planned_return_start": "2026-12-01"}, "planned_return_start"),
        ({"planned_return_end": "not a date"}, "planned_return_end"),
        ({"max_age": "20"}, "max_age"),
        ({"sector": "mining"}, "sector"),
        ({"destination_province": "H" * 81}, "destination_province"),
    ],
)
def test_campaign_bad_input(
    cast: Cast, login: Callable[..., Client], overrides: dict[str, Any], field: str
) -> None:
    response = login(cast.national).post("/campaigns/new/", campaign_data(**overrides))
    assert response.status_code == 200 and field in response.context["form"].errors
    assert not Campaign.objects.exists()


def participation_data(campaign_obj: Campaign, **overrides: Any) -> dict[str, Any]:
    data = {
        "campaign": campaign_obj.pk,
        "employer": "Fresas Doñana S.L.",
        "status": "returned",
        "departure_date": "2026-02-01",
        "return_date": "2026-06-20",
        "savings_mad": "25000.00",
        "earnings_mad": "80000",
    }
    data.update(overrides)
    return data


def test_an_advisor_records_a_season(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary, campaign: Campaign
) -> None:
    response = login(cast.advisor).post(
        f"/beneficiaries/{woman.pk}/seasons/new/", participation_data(campaign)
    )
    assert response.status_code == 302
    season = Participation.objects.get()
    assert season.savings_mad == 25000 and season.status == "returned"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"return_date": "2026-01-01"}, "return_date"),  # before departure
        ({"departure_date": "2099-01-01", "return_date": ""}, "departure_date"),
        ({"status": "departed", "departure_date": ""}, "departure_date"),
        ({"status": "returned", "return_date": ""}, "return_date"),
        ({"status": "departed"}, "status"),  # a return date but not returned
        ({"savings_mad": "-5"}, "savings_mad"),
        ({"savings_mad": "lots"}, "savings_mad"),
        ({"campaign": "999999"}, "campaign"),
    ],
)
def test_season_bad_input(
    cast: Cast,
    login: Callable[..., Client],
    woman: Beneficiary,
    campaign: Campaign,
    overrides: dict[str, Any],
    field: str,
) -> None:
    response = login(cast.advisor).post(
        f"/beneficiaries/{woman.pk}/seasons/new/", participation_data(campaign, **overrides)
    )
    assert response.status_code == 200 and field in response.context["form"].errors
    assert not Participation.objects.exists()


def test_one_season_per_campaign(
    cast: Cast, login: Callable[..., Client], participation: Participation
) -> None:
    response = login(cast.advisor).post(
        f"/beneficiaries/{participation.beneficiary_id}/seasons/new/",
        participation_data(participation.campaign),
    )
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert Participation.objects.count() == 1


def test_an_ineligible_woman_is_flagged_and_can_be_recorded_knowingly(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary, campaign: Campaign
) -> None:
    campaign.max_age = 30
    campaign.allowed_marital_statuses = ["widowed"]
    campaign.save()
    client = login(cast.advisor)
    response = client.post(f"/beneficiaries/{woman.pk}/seasons/new/", participation_data(campaign))
    assert response.status_code == 200 and response.context["ineligible"] is True
    assert len(response.context["form"].errors["campaign"]) == 2  # too old, marital status
    assert not Participation.objects.exists()
    confirmed = client.post(
        f"/beneficiaries/{woman.pk}/seasons/new/",
        participation_data(campaign, confirm_ineligible="1"),
    )
    assert confirmed.status_code == 302 and Participation.objects.exists()


def test_concurrent_season_edits_conflict(
    cast: Cast, login: Callable[..., Client], participation: Participation
) -> None:
    client = login(cast.advisor)
    url = f"/seasons/{participation.pk}/edit/"
    data = participation_data(participation.campaign, version="1")
    assert client.post(url, {**data, "employer": "A"}).status_code == 302
    response = client.post(url, {**data, "employer": "B"})
    assert response.status_code == 200
    assert "Quelqu'un d'autre a enregistré cette fiche" in " ".join(
        response.context["form"].non_field_errors()
    )
    participation.refresh_from_db()
    assert participation.employer == "A"
    # Saving again from the version now shown keeps her entry, knowingly.
    again = client.post(url, {**data, "employer": "B", "version": response.context["version"]})
    assert again.status_code == 302
    participation.refresh_from_db()
    assert participation.employer == "B" and participation.version == 3


def test_an_incident_is_recorded_and_audited(
    cast: Cast, login: Callable[..., Client], participation: Participation
) -> None:
    response = login(cast.advisor).post(
        f"/seasons/{participation.pk}/incidents/new/",
        {
            "kind": "wages",
            "occurred_on": "2026-03-10",
            "description": "Two weeks unpaid",
            "follow_up": "",
        },
    )
    assert response.status_code == 302
    incident = Incident.objects.get()
    assert incident.recorded_by == cast.advisor
    event = AuditEvent.objects.get(object_type="seasons.incident")
    assert event.beneficiary_id == participation.beneficiary_id
    assert "Two weeks" not in json.dumps(event.changed_fields)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"occurred_on": "2099-01-01"}, "occurred_on"),
        ({"description": ""}, "description"),
        ({"kind": "ufo"}, "kind"),
        ({"description": "x" * 4001}, "description"),
    ],
)
def test_incident_bad_input(
    cast: Cast,
    login: Callable[..., Client],
    participation: Participation,
    overrides: dict[str, Any],
    field: str,
) -> None:
    data = {
        "kind": "wages",
        "occurred_on": "2026-03-10",
        "description": "Unpaid",
        "follow_up": "",
        **overrides,
    }
    response = login(cast.advisor).post(f"/seasons/{participation.pk}/incidents/new/", data)
    assert response.status_code == 200 and field in response.context["form"].errors
    assert not Incident.objects.exists()


def api_post(client: Client, path: str, body: dict[str, Any]) -> Any:
    return client.post(path, json.dumps(body), content_type="application/json")


def test_api_seasons_round_trip(
    cast: Cast, api_client: Callable[..., Client], woman: Beneficiary, campaign: Campaign
) -> None:
    client = api_client(cast.advisor)
    created = api_post(
        client,
        "/api/v1/participations",
        {
            "beneficiary": woman.pk,
            "campaign": campaign.pk,
            "status": "departed",
            "departure_date": "2026-02-02",
            "employer": "Bayas del Tinto S.L.",
        },
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["beneficiary"] == woman.pk and body["incidents"] == []
    patched = client.patch(
        f"/api/v1/participations/{body['id']}",
        json.dumps(
            {
                "version": 1,
                "status": "returned",
                "return_date": "2026-06-01",
                "savings_mad": "30000.50",
            }
        ),
        content_type="application/json",
    )
    assert patched.status_code == 200, patched.content
    assert patched.json()["savings_mad"] == "30000.50"
    listed = client.get(f"/api/v1/participations?beneficiary={woman.pk}").json()["results"]
    assert [p["id"] for p in listed] == [body["id"]]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"status": "returned"}, "departure_date"),
        ({"departure_date": "2026-13-01"}, "departure_date"),
        ({"savings_mad": "abc"}, "savings_mad"),
        ({"status": "flying"}, "status"),
    ],
)
def test_api_season_bad_input(
    cast: Cast,
    api_client: Callable[..., Client],
    woman: Beneficiary,
    campaign: Campaign,
    body: dict[str, Any],
    field: str,
) -> None:
    response = api_post(
        api_client(cast.advisor),
        "/api/v1/participations",
        {"beneficiary": woman.pk, "campaign": campaign.pk, **body},
    )
    assert response.status_code == 422
    assert field in [e["field"] for e in response.json()["errors"]]
    assert not Participation.objects.exists()


def test_api_campaign_create_validates(cast: Cast, api_client: Callable[..., Client]) -> None:
    client = api_client(cast.national)
    bad = api_post(
        client,
        "/api/v1/campaigns",
        {
            "year": 2027,
            "destination_province": "Huelva",
            "sector": "red_fruits",
            "planned_departure_start": "2027-03-01",
            "planned_departure_end": "2027-01-01",
            "planned_return_start": "2027-05-20",
            "planned_return_end": "2027-07-31",
        },
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "planned_departure_end"
    assert not Campaign.objects.exists()


def test_a_season_of_a_woman_outside_the_scope_is_404(
    cast: Cast, login: Callable[..., Client], outsider_woman: Beneficiary, campaign: Campaign
) -> None:
    season = Participation.objects.create(
        beneficiary=outsider_woman,
        campaign=campaign,
        departure_date=datetime.date(2026, 2, 1),
        status="departed",
    )
    assert login(cast.advisor).get(f"/seasons/{season.pk}/edit/").status_code == 404


def test_a_second_identical_campaign_is_refused(cast: Cast, login: Callable[..., Client]) -> None:
    client = login(cast.national)
    assert client.post("/campaigns/new/", campaign_data()).status_code == 302
    again = client.post("/campaigns/new/", campaign_data())
    assert again.status_code == 200 and again.context["form"].non_field_errors()
    assert Campaign.objects.count() == 1


def test_the_api_applies_the_campaign_criteria_too(
    cast: Cast, api_client: Callable[..., Client], woman: Beneficiary, campaign: Campaign
) -> None:
    campaign.max_age = 30
    campaign.save()
    client = api_client(cast.advisor)
    body = {"beneficiary": woman.pk, "campaign": campaign.pk}
    refused = api_post(client, "/api/v1/participations", body)
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "campaign"
    assert not Participation.objects.exists()
    kept = api_post(client, "/api/v1/participations", {**body, "confirm_ineligible": True})
    assert kept.status_code == 201
    event = AuditEvent.objects.get(object_type="seasons.participation", action="create")
    assert "campaign_criteria_overridden" in event.changed_fields


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"version": "one"}, "version"),
        ({"version": 1, "return_date": "2026-01-01"}, "return_date"),
        ({"version": 1, "employer": "E" * 161}, "employer"),
        ({"version": 1, "earnings_mad": -3}, "earnings_mad"),
        ({"version": 1, "campaign": 999999}, "campaign"),
    ],
)
def test_api_season_patch_bad_input(
    cast: Cast,
    api_client: Callable[..., Client],
    participation: Participation,
    body: dict[str, Any],
    field: str,
) -> None:
    response = api_client(cast.advisor).patch(
        f"/api/v1/participations/{participation.pk}",
        json.dumps(body),
        content_type="application/json",
    )
    assert response.status_code == 422, response.content
    assert field in [e["field"] for e in response.json()["errors"]]
    participation.refresh_from_db()
    assert participation.version == 1 and participation.employer == "Fresas S.L."
