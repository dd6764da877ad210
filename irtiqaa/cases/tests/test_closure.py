"""Closing her case: with a reason, with a coordinator's approval where her region asks for it,
and reopening it."""

from collections.abc import Callable

import pytest
from django.test import Client

from irtiqaa.audit.models import AuditEvent
from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.cases.models import AccompanimentRules, Phase, PhaseChange
from irtiqaa.cases.selectors import rules_for
from irtiqaa.cases.tests.conftest import case_of, conflict_shown, post_json
from irtiqaa.conftest import Cast


def test_without_rules_an_advisor_closes_at_once(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary
) -> None:
    client = login(cast.advisor)
    assert client.get(f"/beneficiaries/{woman.pk}/closure/").status_code == 200
    response = client.post(
        f"/beneficiaries/{woman.pk}/closure/",
        {"reason": "wage_employment", "note": "Embauchée à l'usine", "version": 1},
    )
    assert response.status_code == 302
    case = case_of(woman)
    assert case.phase == Phase.CLOSED and case.closure_reason == "wage_employment"
    assert case.closed_at is not None and not case.closure_pending
    change = case.phase_changes.first()
    assert change is not None and change.cause == PhaseChange.Cause.CLOSURE
    event = AuditEvent.objects.filter(object_type="cases.case", action="update").latest("id")
    assert "closure_reason" in event.changed_fields and event.actor == cast.advisor
    page = client.get(f"/beneficiaries/{woman.pk}/")
    assert f"/beneficiaries/{woman.pk}/reopening/" in page.content.decode()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"reason": ""}, "reason"),
        ({"reason": "bored"}, "reason"),
        ({"reason": "other", "note": "  "}, "note"),
        ({"reason": "withdrew", "note": "x" * 2001}, "note"),
    ],
)
def test_a_closure_needs_a_reason_and_other_needs_a_note(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary, data: dict[str, str], field: str
) -> None:
    response = login(cast.advisor).post(
        f"/beneficiaries/{woman.pk}/closure/", {**data, "version": 1}
    )
    assert response.status_code == 200 and field in response.context["form"].errors
    assert case_of(woman).phase == Phase.PRE_DEPARTURE


def test_the_nearest_rules_up_her_agency_apply(cast: Cast, woman: Beneficiary) -> None:
    assert rules_for(woman).closure_needs_approval is False  # the default
    assert rules_for(woman).post_return_contact_days == 30
    AccompanimentRules.objects.create(unit=cast.national_unit, closure_needs_approval=True)
    assert rules_for(woman).closure_needs_approval is True
    AccompanimentRules.objects.create(
        unit=cast.rsk, closure_needs_approval=False, post_return_contact_days=15
    )
    rules = rules_for(woman)
    assert rules.closure_needs_approval is False and rules.post_return_contact_days == 15


@pytest.mark.usefixtures("approval_in_rsk")
def test_with_approval_the_advisor_requests_and_the_coordinator_approves(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary
) -> None:
    client = login(cast.advisor)
    response = client.post(
        f"/beneficiaries/{woman.pk}/closure/",
        {"reason": "moved_away", "note": "Partie chez sa sœur à Agadir", "version": 1},
    )
    assert response.status_code == 302
    case = case_of(woman)
    assert case.phase == Phase.PRE_DEPARTURE and case.closure_pending
    assert case.closure_requested_by == cast.advisor
    page = client.get(f"/beneficiaries/{woman.pk}/")
    assert page.context["case_section"]["case"].closure_pending
    assert "Partie chez sa sœur à Agadir" in page.content.decode()
    assert not page.context["case_section"]["may_decide_closure"]
    # A second request while the first waits is refused, naming the field.
    again = client.post(f"/beneficiaries/{woman.pk}/closure/", {"reason": "withdrew", "version": 2})
    assert again.status_code == 200 and "reason" in again.context["form"].errors

    coordinator = login(cast.coordinator)
    listing = coordinator.get("/cases/closures/")
    assert [c.beneficiary_id for c in listing.context["page"].object_list] == [woman.pk]
    assert coordinator.get(f"/beneficiaries/{woman.pk}/").context["case_section"][
        "may_decide_closure"
    ]
    response = coordinator.post(
        f"/beneficiaries/{woman.pk}/closure/decision/", {"decision": "approve", "version": 2}
    )
    assert response.status_code == 302
    case = case_of(woman)
    assert case.phase == Phase.CLOSED and case.closure_reason == "moved_away"
    assert not case.closure_pending
    change = case.phase_changes.first()
    assert change is not None and change.changed_by == cast.coordinator
    assert "Agadir" in change.note
    assert not coordinator.get("/cases/closures/").context["page"].object_list


@pytest.mark.usefixtures("approval_in_rsk")
def test_the_coordinator_refuses_with_a_note_the_advisor_reads(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary
) -> None:
    login(cast.advisor).post(
        f"/beneficiaries/{woman.pk}/closure/", {"reason": "unreachable", "version": 1}
    )
    coordinator = login(cast.coordinator)
    no_note = coordinator.post(
        f"/beneficiaries/{woman.pk}/closure/decision/", {"decision": "refuse", "version": 2}
    )
    assert no_note.status_code == 200 and "note" in no_note.context["form"].errors
    response = coordinator.post(
        f"/beneficiaries/{woman.pk}/closure/decision/",
        {"decision": "refuse", "note": "Essayer la visite à domicile", "version": 2},
    )
    assert response.status_code == 302
    case = case_of(woman)
    assert case.phase == Phase.PRE_DEPARTURE and not case.closure_pending
    assert case.closure_refused_by == cast.coordinator
    page = login(cast.advisor).get(f"/beneficiaries/{woman.pk}/")
    assert "Essayer la visite à domicile" in page.content.decode()


@pytest.mark.usefixtures("approval_in_rsk")
def test_a_coordinator_of_another_region_cannot_approve(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary
) -> None:
    login(cast.advisor).post(
        f"/beneficiaries/{woman.pk}/closure/", {"reason": "withdrew", "version": 1}
    )
    other = login(cast.coordinator_cs)
    response = other.post(
        f"/beneficiaries/{woman.pk}/closure/decision/", {"decision": "approve", "version": 2}
    )
    assert response.status_code == 404
    assert not other.get("/cases/closures/").context["page"].object_list
    assert case_of(woman).closure_pending


@pytest.mark.usefixtures("approval_in_rsk")
def test_an_advisor_cannot_approve_her_own_request(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary
) -> None:
    client = login(cast.advisor)
    client.post(f"/beneficiaries/{woman.pk}/closure/", {"reason": "withdrew", "version": 1})
    response = client.post(
        f"/beneficiaries/{woman.pk}/closure/decision/", {"decision": "approve", "version": 2}
    )
    assert response.status_code == 403 and case_of(woman).closure_pending


@pytest.mark.usefixtures("approval_in_rsk")
def test_a_coordinator_closes_directly_without_approval(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary
) -> None:
    response = login(cast.coordinator).post(
        f"/beneficiaries/{woman.pk}/closure/", {"reason": "activity_stable", "version": 1}
    )
    assert response.status_code == 302 and case_of(woman).phase == Phase.CLOSED


def test_reopening_a_closed_case_needs_a_note_and_a_phase(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary
) -> None:
    client = login(cast.advisor)
    client.post(f"/beneficiaries/{woman.pk}/closure/", {"reason": "unreachable", "version": 1})
    assert client.get(f"/beneficiaries/{woman.pk}/reopening/").status_code == 200
    bad = client.post(
        f"/beneficiaries/{woman.pk}/reopening/", {"phase": "closed", "note": "", "version": 2}
    )
    assert bad.status_code == 200
    assert {"phase", "note"} <= set(bad.context["form"].errors)
    response = client.post(
        f"/beneficiaries/{woman.pk}/reopening/",
        {"phase": "post_return", "note": "Elle a rappelé", "version": 2},
    )
    assert response.status_code == 302
    case = case_of(woman)
    assert case.phase == Phase.POST_RETURN and case.closure_reason == "" and case.closed_at is None
    change = case.phase_changes.first()
    assert change is not None
    assert (change.cause, change.from_phase, change.note) == (
        "reopening",
        "closed",
        "Elle a rappelé",
    )


def test_reopening_an_open_case_sends_back_to_her_file(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary
) -> None:
    response = login(cast.advisor).get(f"/beneficiaries/{woman.pk}/reopening/")
    assert response.status_code == 302 and response["Location"] == f"/beneficiaries/{woman.pk}/"


def test_a_stale_closure_form_gets_the_conflict_message(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary
) -> None:
    client = login(cast.advisor)
    client.post(f"/beneficiaries/{woman.pk}/phase/", {"phase": "in_season", "version": 1})
    response = client.post(
        f"/beneficiaries/{woman.pk}/closure/", {"reason": "withdrew", "version": 1}
    )
    assert response.status_code == 200 and conflict_shown(response)
    assert case_of(woman).phase == Phase.IN_SEASON


# ---- the same through the API ----


def test_api_closure_request_approval_and_reopening(
    cast: Cast, api_client: Callable[..., Client], woman: Beneficiary, approval_in_rsk: object
) -> None:
    advisor = api_client(cast.advisor)
    response = post_json(
        advisor, f"/api/v1/cases/{woman.pk}/closure", {"version": 1, "reason": "withdrew"}
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["closure_pending"] and body["phase"] == "pre_departure" and body["version"] == 2
    refused = post_json(
        api_client(cast.advisor),
        f"/api/v1/cases/{woman.pk}/closure/decision",
        {"version": 2, "approve": True},
    )
    assert refused.status_code == 403
    outsider = post_json(
        api_client(cast.coordinator_cs),
        f"/api/v1/cases/{woman.pk}/closure/decision",
        {"version": 2, "approve": True},
    )
    assert outsider.status_code == 404
    approved = post_json(
        api_client(cast.coordinator),
        f"/api/v1/cases/{woman.pk}/closure/decision",
        {"version": 2, "approve": True},
    )
    assert approved.status_code == 200 and approved.json()["phase"] == "closed"
    stale = post_json(
        advisor,
        f"/api/v1/cases/{woman.pk}/reopening",
        {"version": 2, "phase": "post_return", "note": "De retour"},
    )
    assert stale.status_code == 409
    reopened = post_json(
        advisor,
        f"/api/v1/cases/{woman.pk}/reopening",
        {"version": 3, "phase": "post_return", "note": "De retour"},
    )
    assert reopened.status_code == 200 and reopened.json()["phase"] == "post_return"
    history = advisor.get(f"/api/v1/cases/{woman.pk}").json()["phase_changes"]
    assert [h["cause"] for h in history] == ["reopening", "closure", "opened"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"version": 1, "reason": "bored"}, "reason"),
        ({"version": 1, "reason": "other"}, "note"),
        ({"reason": "withdrew"}, "version"),
        ({"version": "one", "reason": "withdrew"}, "version"),
    ],
)
def test_api_closure_bad_input_names_the_field(
    cast: Cast,
    api_client: Callable[..., Client],
    woman: Beneficiary,
    body: dict[str, object],
    field: str,
) -> None:
    response = post_json(api_client(cast.advisor), f"/api/v1/cases/{woman.pk}/closure", body)
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert field in [e["field"] for e in response.json()["errors"]]
    assert case_of(woman).phase == Phase.PRE_DEPARTURE


def test_api_phase_decision_and_case_list(
    cast: Cast, api_client: Callable[..., Client], woman: Beneficiary, outsider_woman: Beneficiary
) -> None:
    client = api_client(cast.advisor)
    response = post_json(
        client, f"/api/v1/cases/{woman.pk}/phase", {"version": 1, "phase": "entrepreneurship"}
    )
    assert response.status_code == 200 and response.json()["phase"] == "entrepreneurship"
    bad = post_json(client, f"/api/v1/cases/{woman.pk}/phase", {"version": 2, "phase": "nope"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "phase"
    listing = client.get("/api/v1/cases").json()
    assert [c["beneficiary"] for c in listing["results"]] == [woman.pk]
    assert client.get("/api/v1/cases?phase=pre_departure").json()["results"] == []
    assert client.get("/api/v1/cases?phase=nope").status_code == 422
    assert client.get(f"/api/v1/cases/{outsider_woman.pk}").status_code == 404
    assert AuditEvent.objects.filter(object_type="cases.case", action="export").exists()
    national = api_client(cast.national).get("/api/v1/cases").json()
    assert {c["beneficiary"] for c in national["results"]} == {woman.pk, outsider_woman.pk}


def test_after_she_withdraws_her_consent_her_case_can_still_be_closed(
    cast: Cast,
    woman: Beneficiary,
    login: Callable[..., Client],
    withdraw_consent: Callable[[Beneficiary], None],
) -> None:
    """Nothing else may change in her file, but closing it ends the accompaniment she no longer
    wants (and starts the retention period of her data)."""
    withdraw_consent(woman)
    client = login(cast.advisor)
    file_page = client.get(f"/beneficiaries/{woman.pk}/").content.decode()
    assert f"/beneficiaries/{woman.pk}/closure/" in file_page
    assert f"/beneficiaries/{woman.pk}/interactions/new/" not in file_page

    response = client.post(
        f"/beneficiaries/{woman.pk}/closure/",
        {"reason": "withdrew", "note": "", "version": case_of(woman).version},
    )

    assert response.status_code == 302
    case = case_of(woman)
    assert (case.phase, case.closure_reason) == (Phase.CLOSED, "withdrew")
