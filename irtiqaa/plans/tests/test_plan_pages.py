"""Her action plan in the web interface: goals and actions, overdue ones flagged, two advisors
editing it at once, bad input named, scope, consent and audit."""

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from irtiqaa.audit.models import AuditEvent
from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.cases.models import Interaction
from irtiqaa.conftest import Cast
from irtiqaa.plans import services
from irtiqaa.plans.models import Action, ActionPlan, Goal
from irtiqaa.plans.tests.conftest import LONG_AGO, withdraw_accompaniment

CONFLICT_FR = (
    "autre a enregistré cette fiche pendant que vous la modifiiez"  # « Quelqu'un d'autre… »
)
OVERDUE_BADGE = 'class="badge bad overdue"'


def action_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": "Ouvrir un compte d'épargne",
        "owner": "woman",
        "owner_advisor": "",
        "owner_partner": "",
        "due_on": "2026-12-15",
        "status": "todo",
        "done_on": "",
    }
    data.update(overrides)
    return data


def plan_version(woman: Beneficiary) -> int:
    return ActionPlan.objects.get(beneficiary=woman).version


def test_her_first_goal_creates_the_plan_then_actions_are_added_to_it(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary, interaction: Interaction
) -> None:
    client = login(cast.advisor)
    form_page = client.get(f"/beneficiaries/{woman.pk}/plan/goals/new/")
    assert form_page.status_code == 200 and form_page.context["version"] == 0
    response = client.post(
        f"/beneficiaries/{woman.pk}/plan/goals/new/",
        {"title": "Créer une activité de couture", "status": "open", "version": 0},
    )
    assert (
        response.status_code == 302 and response["Location"] == f"/beneficiaries/{woman.pk}/plan/"
    )
    goal = Goal.objects.get(plan__beneficiary=woman)
    assert plan_version(woman) == 1
    response = client.post(
        f"/goals/{goal.pk}/actions/new/",
        action_data(
            owner="partner",
            owner_partner=cast.partner_unit.pk,
            interactions=[interaction.pk],
            version=1,
        ),
    )
    assert response.status_code == 302
    action = Action.objects.get(goal=goal)
    assert action.owner_partner == cast.partner_unit and action.owner_advisor is None
    assert list(action.interactions.all()) == [interaction]
    assert plan_version(woman) == 2
    page = client.get(f"/beneficiaries/{woman.pk}/plan/").content.decode()
    assert "Ouvrir un compte d&#x27;épargne" in page and "Association" in page
    assert "15/12/2026" in page and "02/07/2026" in page  # due date, linked interaction


def test_an_advisor_owned_action_defaults_to_her_assigned_advisor(
    cast: Cast, login: Callable[..., Client], goal: Goal
) -> None:
    response = login(cast.advisor).post(
        f"/goals/{goal.pk}/actions/new/", action_data(owner="advisor", version=1)
    )
    assert response.status_code == 302
    assert Action.objects.get(goal=goal).owner_advisor == cast.advisor


def test_an_open_past_due_action_is_flagged_overdue_a_done_one_is_not(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary, overdue_action: Action
) -> None:
    services.action_create(
        actor=cast.advisor,
        goal=overdue_action.goal,
        fields={
            "title": "Déposer le dossier",
            "owner": "woman",
            "due_on": LONG_AGO,
            "status": "done",
        },
        expected_version=2,
    )
    client = login(cast.advisor)
    plan_page = client.get(f"/beneficiaries/{woman.pk}/plan/")
    assert plan_page.content.decode().count(OVERDUE_BADGE) == 1
    assert plan_page.context["view"].overdue_count == 1
    row = plan_page.content.decode().split(f'id="action-{overdue_action.pk}"')[1].split("</tr>")[0]
    assert OVERDUE_BADGE in row
    file_page = client.get(f"/beneficiaries/{woman.pk}/")
    assert file_page.content.decode().count(OVERDUE_BADGE) == 1
    assert file_page.context["plan_section"]["overdue_count"] == 1
    # Once done, it is no longer overdue.
    services.action_update(
        actor=cast.advisor, action=overdue_action, fields={"status": "done"}, expected_version=3
    )
    assert OVERDUE_BADGE not in client.get(f"/beneficiaries/{woman.pk}/plan/").content.decode()
    assert OVERDUE_BADGE not in client.get(f"/beneficiaries/{woman.pk}/").content.decode()


def test_a_due_date_today_or_later_is_not_overdue(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary, goal: Goal
) -> None:
    services.action_create(
        actor=cast.advisor,
        goal=goal,
        fields={"title": "Appeler", "owner": "woman", "due_on": timezone.localdate()},
        expected_version=1,
    )
    assert (
        OVERDUE_BADGE
        not in login(cast.advisor).get(f"/beneficiaries/{woman.pk}/plan/").content.decode()
    )


def test_two_advisors_edit_the_same_goal_the_second_is_told_and_loses_nothing(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary, goal: Goal
) -> None:
    client = login(cast.advisor)
    url = f"/goals/{goal.pk}/edit/"
    first_version = client.get(url).context["version"]
    second_version = client.get(url).context["version"]  # both opened the form at version 1
    assert (
        client.post(
            url,
            {"title": "Créer un atelier de couture", "status": "open", "version": first_version},
        ).status_code
        == 302
    )
    response = client.post(
        url, {"title": "Lancer la couture à domicile", "status": "open", "version": second_version}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert CONFLICT_FR in page
    assert 'value="Lancer la couture à domicile"' in page  # her entry is still in the form
    goal.refresh_from_db()
    assert goal.title == "Créer un atelier de couture"  # the first save is kept
    assert response.context["version"] == 2
    again = client.post(
        url,
        {
            "title": "Lancer la couture à domicile",
            "status": "open",
            "version": response.context["version"],
        },
    )
    assert again.status_code == 302
    goal.refresh_from_db()
    assert goal.title == "Lancer la couture à domicile" and plan_version(woman) == 3


def test_a_change_anywhere_in_the_plan_makes_other_open_forms_stale(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary, overdue_action: Action
) -> None:
    client = login(cast.advisor)
    goal = overdue_action.goal
    stale = client.get(f"/goals/{goal.pk}/actions/new/").context["version"]
    services.action_update(  # a colleague marks the other action done meanwhile
        actor=cast.coordinator, action=overdue_action, fields={"status": "done"}, expected_version=2
    )
    response = client.post(
        f"/goals/{goal.pk}/actions/new/",
        action_data(title="Demander le microcrédit", due_on="2027-01-20", version=stale),
    )
    assert response.status_code == 200 and CONFLICT_FR in response.content.decode()
    page = response.content.decode()
    assert 'value="Demander le microcrédit"' in page and 'value="2027-01-20"' in page
    assert goal.actions.count() == 1
    overdue_action.refresh_from_db()
    assert overdue_action.status == "done"  # the colleague's change stands


def test_the_quick_status_change_answers_the_plan_again_and_reports_a_conflict(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary, overdue_action: Action
) -> None:
    client = login(cast.advisor)
    url = f"/actions/{overdue_action.pk}/status/"
    response = client.post(url, {"status": "in_progress", "version": 2}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response.content.decode().startswith('<div id="plan">')
    assert 'name="version" value="3"' in response.content.decode()  # every form updated
    overdue_action.refresh_from_db()
    assert overdue_action.status == "in_progress"
    stale = client.post(url, {"status": "done", "version": 2}, HTTP_HX_REQUEST="true")
    page = stale.content.decode()
    assert CONFLICT_FR in page
    assert '<option value="done" selected>' in page  # her choice, to save again knowingly
    overdue_action.refresh_from_db()
    assert overdue_action.status == "in_progress" and overdue_action.done_on is None
    # Without HTMX: back to the plan page.
    done = client.post(url, {"status": "done", "version": 3})
    assert done.status_code == 302
    overdue_action.refresh_from_db()
    assert overdue_action.done_on == timezone.localdate()


def test_marking_done_dates_it_and_reopening_clears_the_date(
    cast: Cast, overdue_action: Action
) -> None:
    services.action_update(
        actor=cast.advisor, action=overdue_action, fields={"status": "done"}, expected_version=2
    )
    assert overdue_action.done_on == timezone.localdate()
    services.action_update(
        actor=cast.advisor, action=overdue_action, fields={"status": "todo"}, expected_version=3
    )
    overdue_action.refresh_from_db()
    assert overdue_action.done_on is None and overdue_action.is_overdue(timezone.localdate())


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"owner": "partner"}, "owner_partner"),
        ({"due_on": "demain"}, "due_on"),
        ({"status": "done", "done_on": "2099-01-01"}, "done_on"),
        ({"title": ""}, "title"),
    ],
)
def test_bad_input_names_the_field_and_changes_nothing(
    cast: Cast,
    login: Callable[..., Client],
    woman: Beneficiary,
    goal: Goal,
    overrides: dict[str, Any],
    field: str,
) -> None:
    response = login(cast.advisor).post(
        f"/goals/{goal.pk}/actions/new/", action_data(version=1, **overrides)
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert not Action.objects.exists() and plan_version(woman) == 1


def test_an_interaction_of_another_woman_cannot_be_linked(
    cast: Cast,
    login: Callable[..., Client],
    woman: Beneficiary,
    goal: Goal,
    interaction: Interaction,
    outsider_interaction: Interaction,
) -> None:
    client = login(cast.advisor)
    form_page = client.get(f"/goals/{goal.pk}/actions/new/")
    assert list(form_page.context["form"].fields["interactions"].queryset) == [interaction]
    response = client.post(
        f"/goals/{goal.pk}/actions/new/",
        action_data(version=1, interactions=[outsider_interaction.pk]),
    )
    assert list(response.context["form"].errors) == ["interactions"]
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert not Action.objects.exists()
    # The service refuses it too, whoever calls it.
    with pytest.raises(Exception) as refused:
        services.action_create(
            actor=cast.advisor,
            goal=goal,
            fields={"title": "Appeler", "owner": "woman", "interactions": [outsider_interaction]},
            expected_version=1,
        )
    assert "interactions" in refused.value.message_dict  # type: ignore[attr-defined]


def test_a_partner_owner_must_be_an_active_partner_organisation(
    cast: Cast, login: Callable[..., Client], goal: Goal
) -> None:
    response = login(cast.advisor).post(
        f"/goals/{goal.pk}/actions/new/",
        action_data(owner="partner", owner_partner=cast.kenitra.pk, version=1),
    )
    assert list(response.context["form"].errors) == ["owner_partner"]


def test_the_plan_of_a_woman_outside_her_scope_is_not_found(
    cast: Cast,
    login: Callable[..., Client],
    woman: Beneficiary,
    outsider_woman: Beneficiary,
    client: Client,
) -> None:
    outsider_goal = services.goal_create(
        actor=cast.advisor_settat,
        beneficiary=outsider_woman,
        fields={"title": "Épargner"},
        expected_version=0,
    )
    login(cast.advisor)
    assert client.get(f"/beneficiaries/{outsider_woman.pk}/plan/").status_code == 404
    assert client.get(f"/goals/{outsider_goal.pk}/edit/").status_code == 404
    assert (
        client.post(
            f"/goals/{outsider_goal.pk}/edit/", {"title": "X", "status": "open", "version": 1}
        ).status_code
        == 404
    )
    outsider_goal.refresh_from_db()
    assert outsider_goal.title == "Épargner"
    login(cast.national)
    assert client.get(f"/beneficiaries/{outsider_woman.pk}/plan/").status_code == 200
    assert client.get(f"/beneficiaries/{woman.pk}/plan/").status_code == 200
    login(cast.coordinator_cs)
    assert client.get(f"/beneficiaries/{woman.pk}/plan/").status_code == 404


def test_withdrawn_consent_blocks_every_change_to_her_plan(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary, overdue_action: Action
) -> None:
    withdraw_accompaniment(cast, woman)
    client = login(cast.advisor)
    page = client.get(f"/beneficiaries/{woman.pk}/plan/").content.decode()
    assert "retiré son consentement" in page
    assert f"/beneficiaries/{woman.pk}/plan/goals/new/" not in page
    assert f"/actions/{overdue_action.pk}/status/" not in page
    refused = client.post(
        f"/beneficiaries/{woman.pk}/plan/goals/new/",
        {"title": "Nouvel objectif", "status": "open", "version": 2},
    )
    assert refused.status_code == 200 and "retiré son consentement" in refused.content.decode()
    status = client.post(f"/actions/{overdue_action.pk}/status/", {"status": "done", "version": 2})
    assert "retiré son consentement" in status.content.decode()
    edit = client.post(f"/actions/{overdue_action.pk}/edit/", action_data(title="Autre", version=2))
    assert "retiré son consentement" in edit.content.decode()
    overdue_action.refresh_from_db()
    assert overdue_action.status == "todo" and overdue_action.title != "Autre"
    assert Goal.objects.count() == 1 and plan_version(woman) == 2


def test_every_change_is_audited_with_field_names_only(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary, overdue_action: Action
) -> None:
    client = login(cast.advisor)
    client.post(
        f"/actions/{overdue_action.pk}/edit/",
        action_data(
            title="Suivre la formation en gestion", status="done", due_on="2025-01-10", version=2
        ),
    )
    events = AuditEvent.objects.filter(beneficiary_id=woman.pk).exclude(action="view")
    recorded = [(e.action, e.object_type, e.changed_fields) for e in events.order_by("id")]
    assert recorded[-4:] == [
        ("create", "plans.actionplan", []),
        ("create", "plans.goal", ["status", "title"]),
        ("create", "plans.action", ["due_on", "owner", "status", "title"]),
        ("update", "plans.action", ["done_on", "status"]),
    ]
    assert all("formation" not in str(e.changed_fields) for e in events)
    assert AuditEvent.objects.filter(action="view", beneficiary_id=woman.pk).exists() is False
    client.get(f"/beneficiaries/{woman.pk}/plan/")
    assert AuditEvent.objects.filter(action="view", beneficiary_id=woman.pk).count() == 1


def test_her_timeline_shows_goals_set_and_actions_done(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary, overdue_action: Action
) -> None:
    services.action_update(
        actor=cast.advisor, action=overdue_action, fields={"status": "done"}, expected_version=2
    )
    response = login(cast.advisor).get(f"/beneficiaries/{woman.pk}/?kind=plan")
    entries = [(e.kind, e.detail) for e in response.context["timeline"]]
    assert sorted(entries) == [
        ("plan", "Créer une activité de couture"),
        ("plan", "Suivre la formation en gestion"),
    ]


def _add_actions(cast: Cast, goal: Goal, count: int, interaction: Interaction) -> None:
    version = ActionPlan.objects.get(pk=goal.plan_id).version
    for n in range(count):
        owner = ("woman", "advisor", "partner")[n % 3]
        services.action_create(
            actor=cast.advisor,
            goal=goal,
            fields={
                "title": f"Action {n}",
                "owner": owner,
                "owner_partner": cast.partner_unit if owner == "partner" else None,
                "due_on": LONG_AGO + datetime.timedelta(days=n),
                "interactions": [interaction],
            },
            expected_version=version,
        )
        version += 1


def test_her_file_and_plan_pages_cost_the_same_queries_with_5_or_50_actions(
    cast: Cast,
    login: Callable[..., Client],
    woman: Beneficiary,
    goal: Goal,
    interaction: Interaction,
) -> None:
    client = login(cast.advisor)
    second = services.goal_create(
        actor=cast.advisor, beneficiary=woman, fields={"title": "Épargner"}, expected_version=1
    )
    _add_actions(cast, goal, 3, interaction)
    _add_actions(cast, Goal.objects.get(pk=second.pk), 2, interaction)

    def queries(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    urls = (f"/beneficiaries/{woman.pk}/", f"/beneficiaries/{woman.pk}/plan/")
    few = [queries(url) for url in urls]
    _add_actions(cast, Goal.objects.get(pk=goal.pk), 45, interaction)
    assert Action.objects.count() == 50
    assert [queries(url) for url in urls] == few
