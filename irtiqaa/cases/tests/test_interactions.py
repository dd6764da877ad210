"""Interactions with her: recorded and edited from her file and the API, notes read only by
her advisors and coordinator, every write audited, none after she withdraws her consent."""

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from irtiqaa.audit.models import AuditEvent
from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.cases.models import Case, Interaction, Phase, Topic
from irtiqaa.cases.tests.conftest import conflict_shown, patch_json, post_json, topic
from irtiqaa.conftest import Cast

SECRET = "Elle parle de difficultés avec son mari."


def interaction_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": "meeting",
        "occurred_on": timezone.localdate().isoformat(),
        "duration_minutes": "45",
        "present": "Sa mère",
        "topics": [topic("health").pk, topic("savings").pk],
        "notes": SECRET,
        "next_step": "Rendez-vous à la coopérative",
        "next_step_on": (timezone.localdate() + datetime.timedelta(days=7)).isoformat(),
    }
    data.update(overrides)
    return data


def test_the_topics_are_shipped_in_three_languages(db: None) -> None:
    codes = list(Topic.objects.values_list("code", flat=True))
    assert len(codes) == 11 and codes[0] == "rights" and "business-idea" in codes
    assert all(t.label_fr and t.label_ar and t.label_en for t in Topic.objects.all())


def test_an_advisor_records_an_interaction(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary
) -> None:
    client = login(cast.advisor)
    assert client.get(f"/beneficiaries/{woman.pk}/interactions/new/").status_code == 200
    response = client.post(f"/beneficiaries/{woman.pk}/interactions/new/", interaction_data())
    assert response.status_code == 302
    interaction = Interaction.objects.get()
    assert interaction.notes == SECRET and interaction.recorded_by == cast.advisor
    assert interaction.phase == Phase.PRE_DEPARTURE and interaction.duration_minutes == 45
    assert {t.code for t in interaction.topics.all()} == {"health", "savings"}
    event = AuditEvent.objects.get(object_type="cases.interaction", action="create")
    assert "notes" in event.changed_fields and event.beneficiary_id == woman.pk
    page = client.get(f"/beneficiaries/{woman.pk}/").content.decode()
    assert SECRET in page and "Rendez-vous à la coopérative" in page


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"kind": ""}, "kind"),
        ({"kind": "telepathy"}, "kind"),
        ({"occurred_on": ""}, "occurred_on"),
        ({"occurred_on": "2099-01-01", "next_step_on": ""}, "occurred_on"),
        ({"occurred_on": "demain"}, "occurred_on"),
        ({"duration_minutes": "0"}, "duration_minutes"),
        ({"duration_minutes": "beaucoup"}, "duration_minutes"),
        ({"topics": ["999999"]}, "topics"),
        ({"next_step": ""}, "next_step"),  # a date without a step
        ({"next_step_on": "2020-01-01"}, "next_step_on"),  # before the interaction
        ({"present": "x" * 301}, "present"),
    ],
)
def test_bad_input_names_the_field(
    cast: Cast,
    login: Callable[..., Client],
    woman: Beneficiary,
    overrides: dict[str, Any],
    field: str,
) -> None:
    response = login(cast.advisor).post(
        f"/beneficiaries/{woman.pk}/interactions/new/", interaction_data(**overrides)
    )
    assert response.status_code == 200 and field in response.context["form"].errors
    assert not Interaction.objects.exists()


def test_editing_is_versioned(
    cast: Cast,
    login: Callable[..., Client],
    woman: Beneficiary,
    make_interaction: Callable[..., Interaction],
) -> None:
    interaction = make_interaction(woman)
    client = login(cast.advisor)
    form = client.get(f"/interactions/{interaction.pk}/edit/")
    assert form.status_code == 200 and SECRET in form.content.decode()
    data = interaction_data(occurred_on="2026-03-02", next_step_on="", next_step="", version="1")
    assert client.post(f"/interactions/{interaction.pk}/edit/", data).status_code == 302
    interaction.refresh_from_db()
    assert interaction.version == 2 and interaction.present == "Sa mère"
    event = AuditEvent.objects.filter(object_type="cases.interaction", action="update").get()
    assert "topics" in event.changed_fields and "present" in event.changed_fields
    assert "notes" not in event.changed_fields  # unchanged
    stale = client.post(
        f"/interactions/{interaction.pk}/edit/", {**data, "present": "Sa sœur", "version": "1"}
    )
    assert stale.status_code == 200 and conflict_shown(stale)
    interaction.refresh_from_db()
    assert interaction.present == "Sa mère"


def test_national_sees_that_a_note_exists_but_not_its_text(
    cast: Cast,
    login: Callable[..., Client],
    api_client: Callable[..., Client],
    woman: Beneficiary,
    make_interaction: Callable[..., Interaction],
) -> None:
    interaction = make_interaction(woman)
    for reader in (cast.advisor, cast.coordinator):
        assert SECRET in login(reader).get(f"/beneficiaries/{woman.pk}/").content.decode()
    page = login(cast.national).get(f"/beneficiaries/{woman.pk}/")
    html = page.content.decode()
    assert SECRET not in html and "notes-hidden" in html
    assert not page.context["case_section"]["may_read_notes"]
    edit = login(cast.national).get(f"/interactions/{interaction.pk}/edit/")
    assert "notes" not in edit.context["form"].fields and SECRET not in edit.content.decode()

    national = api_client(cast.national)
    one = national.get(f"/api/v1/interactions/{interaction.pk}").json()
    assert one["notes"] is None and one["notes_hidden"] is True
    listed = national.get(f"/api/v1/interactions?beneficiary={woman.pk}").json()["results"]
    assert listed[0]["notes"] is None and listed[0]["notes_hidden"] is True
    advisor = api_client(cast.advisor).get(f"/api/v1/interactions/{interaction.pk}").json()
    assert advisor["notes"] == SECRET and advisor["notes_hidden"] is False
    # Nothing of the text in the audit log: field names only.
    for event in AuditEvent.objects.all():
        assert "difficultés" not in str(event.changed_fields) + event.object_type + event.object_id


def test_national_editing_keeps_the_notes_she_cannot_read(
    cast: Cast,
    login: Callable[..., Client],
    woman: Beneficiary,
    make_interaction: Callable[..., Interaction],
) -> None:
    interaction = make_interaction(woman)
    data = interaction_data(occurred_on="2026-03-02", next_step_on="", next_step="", version="1")
    del data["notes"]
    response = login(cast.national).post(f"/interactions/{interaction.pk}/edit/", data)
    assert response.status_code == 302
    interaction.refresh_from_db()
    assert interaction.notes == SECRET and interaction.present == "Sa mère"


def test_withdrawn_consent_blocks_every_write_but_closure(
    cast: Cast,
    login: Callable[..., Client],
    api_client: Callable[..., Client],
    woman: Beneficiary,
    make_interaction: Callable[..., Interaction],
    withdraw_consent: Callable[[Beneficiary], None],
) -> None:
    interaction = make_interaction(woman)
    withdraw_consent(woman)
    writes = AuditEvent.objects.filter(beneficiary_id=woman.pk, action__in=["create", "update"])
    before = writes.count()
    client = login(cast.advisor)
    posts = {
        f"/beneficiaries/{woman.pk}/interactions/new/": interaction_data(),
        f"/interactions/{interaction.pk}/edit/": interaction_data(version="1"),
        f"/beneficiaries/{woman.pk}/phase/": {"phase": "in_season", "version": "1"},
        f"/beneficiaries/{woman.pk}/transfer/": {"to_agency": cast.settat.pk, "reason": "Partie"},
    }
    for url, data in posts.items():
        response = client.post(url, data)
        assert response.status_code == 200, url
        errors = response.context["form"].non_field_errors()
        assert any("retiré son consentement" in str(e) for e in errors), url
    api = api_client(cast.advisor)
    refused = post_json(
        api,
        "/api/v1/interactions",
        {"beneficiary": woman.pk, "kind": "call", "occurred_on": "2026-03-01"},
    )
    assert refused.status_code == 422
    assert "retiré son consentement" in refused.json()["errors"][0]["message"]
    assert Interaction.objects.count() == 1
    assert writes.count() == before
    page = client.get(f"/beneficiaries/{woman.pk}/").content.decode()
    assert f"/interactions/{interaction.pk}/edit/" not in page
    assert f"/beneficiaries/{woman.pk}/interactions/new/" not in page


def test_no_interaction_is_recorded_on_a_closed_case(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary
) -> None:
    client = login(cast.advisor)
    client.post(f"/beneficiaries/{woman.pk}/closure/", {"reason": "withdrew", "version": "1"})
    response = client.post(f"/beneficiaries/{woman.pk}/interactions/new/", interaction_data())
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert not Interaction.objects.exists()


def test_outside_her_scope_an_interaction_is_a_404(
    cast: Cast,
    login: Callable[..., Client],
    outsider_woman: Beneficiary,
    make_interaction: Callable[..., Interaction],
) -> None:
    interaction = make_interaction(outsider_woman)
    client = login(cast.advisor)
    assert client.get(f"/interactions/{interaction.pk}/edit/").status_code == 404
    response = client.post(
        f"/beneficiaries/{outsider_woman.pk}/interactions/new/", interaction_data()
    )
    assert response.status_code == 404


# ---- the API ----


def test_api_create_read_and_patch(
    cast: Cast, api_client: Callable[..., Client], woman: Beneficiary
) -> None:
    client = api_client(cast.advisor)
    body = {
        "beneficiary": woman.pk,
        "kind": "call",
        "occurred_on": "2026-03-01",
        "duration_minutes": 10,
        "topics": ["contract", "rights"],
        "notes": SECRET,
        "next_step": "Envoyer le contrat",
        "next_step_on": "2026-03-08",
    }
    response = post_json(client, "/api/v1/interactions", body)
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["topics"] == ["contract", "rights"] or set(created["topics"]) == {
        "contract",
        "rights",
    }
    assert created["notes"] == SECRET and created["phase"] == "pre_departure"
    assert created["recorded_by"] == cast.advisor.pk and created["version"] == 1
    path = f"/api/v1/interactions/{created['id']}"
    patched = patch_json(client, path, {"version": 1, "next_step_on": "2026-03-10"})
    assert patched.status_code == 200, patched.content
    assert patched.json()["next_step_on"] == "2026-03-10" and patched.json()["notes"] == SECRET
    assert patched.json()["version"] == 2
    assert patch_json(client, path, {"version": 1, "present": "x"}).status_code == 409
    missing = patch_json(client, path, {"present": "x"})
    assert missing.status_code == 422 and missing.json()["errors"][0]["field"] == "version"
    assert client.get(path).status_code == 200
    assert AuditEvent.objects.filter(action="view", via="api", beneficiary_id=woman.pk).exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"kind": "telepathy"}, "kind"),
        ({"occurred_on": "2099-01-01"}, "occurred_on"),
        ({"occurred_on": "hier"}, "occurred_on"),
        ({"topics": ["astrology"]}, "topics"),
        ({"duration_minutes": 0}, "duration_minutes"),
        ({"next_step_on": "2026-03-08"}, "next_step"),
    ],
)
def test_api_bad_input_is_a_problem_naming_the_field(
    cast: Cast,
    api_client: Callable[..., Client],
    woman: Beneficiary,
    overrides: dict[str, Any],
    field: str,
) -> None:
    body = {"beneficiary": woman.pk, "kind": "call", "occurred_on": "2026-03-01", **overrides}
    response = post_json(api_client(cast.advisor), "/api/v1/interactions", body)
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert field in [e["field"] for e in response.json()["errors"]]
    assert not Interaction.objects.exists()


def test_api_national_may_not_write_notes(
    cast: Cast, api_client: Callable[..., Client], woman: Beneficiary
) -> None:
    body = {"beneficiary": woman.pk, "kind": "call", "occurred_on": "2026-03-01", "notes": "x"}
    response = post_json(api_client(cast.national), "/api/v1/interactions", body)
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "notes"
    del body["notes"]
    assert post_json(api_client(cast.national), "/api/v1/interactions", body).status_code == 201


def test_api_lists_are_scoped_filtered_and_audited(
    cast: Cast,
    api_client: Callable[..., Client],
    woman: Beneficiary,
    outsider_woman: Beneficiary,
    make_interaction: Callable[..., Interaction],
) -> None:
    mine = make_interaction(woman)
    make_interaction(outsider_woman)
    client = api_client(cast.advisor)
    results = client.get("/api/v1/interactions").json()["results"]
    assert [r["id"] for r in results] == [mine.pk]
    assert (
        client.get(f"/api/v1/interactions?beneficiary={outsider_woman.pk}").json()["results"] == []
    )
    assert AuditEvent.objects.filter(object_type="cases.interaction", action="export").exists()
    topics = client.get("/api/v1/topics").json()
    assert topics[0]["code"] == "rights" and topics[0]["label"] == "Droits"


def test_an_interaction_of_a_closed_case_cannot_be_changed(
    cast: Cast,
    login: Callable[..., Client],
    woman: Beneficiary,
    make_interaction: Callable[..., Interaction],
) -> None:
    interaction = make_interaction(woman)
    Case.objects.filter(beneficiary=woman).update(phase=Phase.CLOSED)

    response = login(cast.advisor).post(
        f"/interactions/{interaction.pk}/edit/",
        interaction_data(version=str(interaction.version), present="Quelqu'un d'autre"),
    )

    assert response.status_code == 200
    interaction.refresh_from_db()
    assert interaction.present != "Quelqu'un d'autre"


def test_a_whole_day_workshops_interaction_stays_editable(
    cast: Cast,
    login: Callable[..., Client],
    woman: Beneficiary,
    make_interaction: Callable[..., Interaction],
) -> None:
    interaction = make_interaction(woman, duration_minutes=660)

    response = login(cast.advisor).post(
        f"/interactions/{interaction.pk}/edit/",
        interaction_data(version=str(interaction.version), duration_minutes="660"),
    )

    assert response.status_code == 302
