"""Her action plan over the API: the same rules as the pages, errors as problem details."""

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from irtiqaa.audit.models import AuditEvent
from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.cases.models import Interaction
from irtiqaa.conftest import Cast
from irtiqaa.plans import services
from irtiqaa.plans.models import Action, Goal
from irtiqaa.plans.tests.conftest import LONG_AGO, withdraw_accompaniment

PROBLEM = "application/problem+json"


def send(client: Client, method: str, path: str, body: dict[str, Any]) -> Any:
    return getattr(client, method)(path, json.dumps(body), content_type="application/json")


def test_a_plan_is_built_through_the_api_each_write_answering_the_new_version(
    cast: Cast, api_client: Callable[..., Client], woman: Beneficiary, interaction: Interaction
) -> None:
    client = api_client(cast.advisor)
    empty = client.get(f"/api/v1/plans/{woman.pk}").json()
    assert empty == {"beneficiary": woman.pk, "version": 0, "updated_at": None, "goals": []}
    goal = send(
        client, "post", f"/api/v1/plans/{woman.pk}/goals", {"version": 0, "title": "Épargner"}
    )
    assert goal.status_code == 201, goal.content
    assert goal.json()["plan_version"] == 1 and goal.json()["status"] == "open"
    action = send(
        client,
        "post",
        f"/api/v1/goals/{goal.json()['id']}/actions",
        {
            "version": 1,
            "title": "Ouvrir un compte d'épargne",
            "owner": "advisor",
            "due_on": LONG_AGO.isoformat(),
            "interactions": [interaction.pk],
        },
    )
    assert action.status_code == 201, action.content
    created = action.json()
    assert created["owner_advisor"] == cast.advisor.pk  # her assigned advisor
    assert created["overdue"] is True and created["interactions"] == [interaction.pk]
    assert created["beneficiary"] == woman.pk and created["plan_version"] == 2
    done = send(
        client, "patch", f"/api/v1/actions/{created['id']}", {"version": 2, "status": "done"}
    )
    assert done.status_code == 200, done.content
    assert done.json()["done_on"] == timezone.localdate().isoformat()
    assert done.json()["overdue"] is False and done.json()["plan_version"] == 3
    assert done.json()["title"] == "Ouvrir un compte d'épargne"  # the rest is kept
    plan = client.get(f"/api/v1/plans/{woman.pk}").json()
    assert plan["version"] == 3
    assert [g["title"] for g in plan["goals"]] == ["Épargner"]
    assert [a["status"] for a in plan["goals"][0]["actions"]] == ["done"]
    vias = set(
        AuditEvent.objects.filter(
            beneficiary_id=woman.pk, object_type__startswith="plans."
        ).values_list("via", flat=True)
    )
    assert vias == {"api"}


def test_a_stale_version_answers_409_and_the_first_change_is_kept(
    cast: Cast, api_client: Callable[..., Client], woman: Beneficiary, overdue_action: Action
) -> None:
    first, second = api_client(cast.advisor), api_client(cast.coordinator)
    version = first.get(f"/api/v1/plans/{woman.pk}").json()["version"]
    assert second.get(f"/api/v1/plans/{woman.pk}").json()["version"] == version == 2
    ok = send(
        first,
        "patch",
        f"/api/v1/goals/{overdue_action.goal_id}",
        {"version": version, "title": "Créer un atelier"},
    )
    assert ok.status_code == 200
    stale = send(
        second,
        "patch",
        f"/api/v1/actions/{overdue_action.pk}",
        {"version": version, "status": "done"},
    )
    assert stale.status_code == 409 and stale["Content-Type"] == PROBLEM
    assert "Quelqu'un d'autre a enregistré" in stale.json()["detail"]
    overdue_action.refresh_from_db()
    assert overdue_action.status == "todo"
    assert Goal.objects.get(pk=overdue_action.goal_id).title == "Créer un atelier"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"owner": "partner"}, "owner_partner"),
        ({"owner": "partner", "owner_partner": 999999}, "owner_partner"),
        ({"due_on": "demain"}, "due_on"),
        ({"owner": "someone"}, "owner"),
        ({"status": "done", "done_on": "2099-01-01"}, "done_on"),
    ],
)
def test_bad_input_answers_422_naming_the_field(
    cast: Cast,
    api_client: Callable[..., Client],
    goal: Goal,
    body: dict[str, Any],
    field: str,
) -> None:
    response = send(
        api_client(cast.advisor),
        "post",
        f"/api/v1/goals/{goal.pk}/actions",
        {"version": 1, "title": "Appeler", "owner": "woman", **body},
    )
    assert response.status_code == 422 and response["Content-Type"] == PROBLEM
    assert [e["field"] for e in response.json()["errors"]] == [field]
    assert not Action.objects.exists()


def test_an_interaction_of_another_woman_answers_422_on_interactions(
    cast: Cast,
    api_client: Callable[..., Client],
    goal: Goal,
    outsider_interaction: Interaction,
) -> None:
    response = send(
        api_client(cast.national),  # even for national, who sees both women
        "post",
        f"/api/v1/goals/{goal.pk}/actions",
        {
            "version": 1,
            "title": "Appeler",
            "owner": "woman",
            "interactions": [outsider_interaction.pk],
        },
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["interactions"]


def test_the_overdue_list_holds_only_open_past_due_actions_in_her_scope(
    cast: Cast,
    api_client: Callable[..., Client],
    woman: Beneficiary,
    outsider_woman: Beneficiary,
    overdue_action: Action,
) -> None:
    services.action_create(
        actor=cast.advisor,
        goal=overdue_action.goal,
        fields={"title": "Déjà fait", "owner": "woman", "due_on": LONG_AGO, "status": "done"},
        expected_version=2,
    )
    outsider_goal = services.goal_create(
        actor=cast.advisor_settat,
        beneficiary=outsider_woman,
        fields={"title": "Épargner"},
        expected_version=0,
    )
    outsider_action = services.action_create(
        actor=cast.advisor_settat,
        goal=outsider_goal,
        fields={"title": "Appeler", "owner": "woman", "due_on": LONG_AGO},
        expected_version=1,
    )
    advisor = api_client(cast.advisor).get("/api/v1/actions?overdue=true")
    assert advisor.status_code == 200
    assert [a["id"] for a in advisor.json()["results"]] == [overdue_action.pk]
    everyone = api_client(cast.national).get("/api/v1/actions?overdue=true").json()["results"]
    assert sorted(a["id"] for a in everyone) == [overdue_action.pk, outsider_action.pk]
    all_hers = api_client(cast.advisor).get(f"/api/v1/actions?beneficiary={woman.pk}").json()
    assert len(all_hers["results"]) == 2
    assert AuditEvent.objects.filter(action="export", object_type="plans.action").count() == 3


def test_outside_her_scope_everything_answers_404(
    cast: Cast, api_client: Callable[..., Client], outsider_woman: Beneficiary
) -> None:
    outsider_goal = services.goal_create(
        actor=cast.advisor_settat,
        beneficiary=outsider_woman,
        fields={"title": "Épargner"},
        expected_version=0,
    )
    client = api_client(cast.advisor)
    assert client.get(f"/api/v1/plans/{outsider_woman.pk}").status_code == 404
    patched = send(
        client, "patch", f"/api/v1/goals/{outsider_goal.pk}", {"version": 1, "title": "X"}
    )
    assert patched.status_code == 404 and patched["Content-Type"] == PROBLEM
    outsider_goal.refresh_from_db()
    assert outsider_goal.title == "Épargner"


def test_withdrawn_consent_answers_422_and_changes_nothing(
    cast: Cast, api_client: Callable[..., Client], woman: Beneficiary, overdue_action: Action
) -> None:
    withdraw_accompaniment(cast, woman)
    response = send(
        api_client(cast.advisor),
        "patch",
        f"/api/v1/actions/{overdue_action.pk}",
        {"version": 2, "status": "done"},
    )
    assert response.status_code == 422
    assert "retiré son consentement" in response.json()["errors"][0]["message"]
    overdue_action.refresh_from_db()
    assert overdue_action.status == "todo"


def test_overdue_counts_per_woman_for_the_advisors_day(
    cast: Cast, woman: Beneficiary, outsider_woman: Beneficiary, overdue_action: Action
) -> None:
    from irtiqaa.plans.selectors import overdue_counts

    services.action_create(
        actor=cast.advisor,
        goal=overdue_action.goal,
        fields={"title": "Appeler", "owner": "woman", "due_on": LONG_AGO},
        expected_version=2,
    )
    outsider_goal = services.goal_create(
        actor=cast.advisor_settat,
        beneficiary=outsider_woman,
        fields={"title": "Épargner"},
        expected_version=0,
    )
    services.action_create(
        actor=cast.advisor_settat,
        goal=outsider_goal,
        fields={"title": "Appeler", "owner": "woman", "due_on": LONG_AGO},
        expected_version=1,
    )
    today = timezone.localdate()
    assert overdue_counts(actor=cast.advisor, today=today) == {woman.pk: 2}
    assert overdue_counts(actor=cast.national, today=today) == {woman.pk: 2, outsider_woman.pk: 1}
    assert overdue_counts(actor=cast.analyst, today=today) == {}
