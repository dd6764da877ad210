"""The audit log: append-only, every write and every opening of a file, filterable by admins."""

from collections.abc import Callable

import pytest
from django.test import Client

from irtiqaa.audit.models import AuditEvent
from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.conftest import Cast
from irtiqaa.seasons.models import Participation


def test_events_cannot_be_changed_or_deleted(woman: Beneficiary) -> None:
    event = AuditEvent.objects.first()
    assert event is not None
    event.action = "view"
    with pytest.raises(RuntimeError, match="append-only"):
        event.save()
    with pytest.raises(RuntimeError, match="append-only"):
        event.delete()


def test_registration_writes_one_event_per_write_and_never_values(woman: Beneficiary) -> None:
    events = AuditEvent.objects.filter(beneficiary_id=woman.pk).order_by("id")
    assert [(e.action, e.object_type) for e in events] == [
        ("create", "beneficiaries.beneficiary"),
        ("consent_given", "beneficiaries.consent"),
        ("consent_given", "beneficiaries.consent"),
        ("create", "cases.case"),  # her case opens with her registration
    ]
    dump = " ".join(str(e.changed_fields) for e in events)
    for value in ("AB123456", "Fatima", "612345678", "Lalla Mimouna"):
        assert value not in dump
    assert "cin" in events[0].changed_fields and "phones" in events[0].changed_fields


def test_the_admin_filters_the_log(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary, outsider_woman: Beneficiary
) -> None:
    login(cast.advisor).get(f"/beneficiaries/{woman.pk}/")
    client = login(cast.admin)
    views = client.get("/audit/?action=view").context["page"].object_list
    assert [(e.actor_username, e.beneficiary_id) for e in views] == [("advisor", woman.pk)]
    about_her = client.get(f"/audit/?beneficiary={outsider_woman.pk}").context["page"].object_list
    assert {e.beneficiary_id for e in about_her} == {outsider_woman.pk}
    by_actor = client.get("/audit/?actor=advisor_settat").context["page"].object_list
    assert by_actor and all(e.actor_username == "advisor_settat" for e in by_actor)
    page = client.get("/audit/?since=not-a-date")
    assert page.status_code == 200


def test_the_database_refuses_to_rewrite_history(woman: Beneficiary) -> None:
    from django.db import DatabaseError, connection, transaction

    if connection.vendor != "postgresql":
        return  # SQLite: the model guards it (test above); the trigger is PostgreSQL's
    before = list(AuditEvent.objects.values_list("id", "action"))
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.update(action="view")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.all().delete()
    assert list(AuditEvent.objects.values_list("id", "action")) == before


def test_reads_through_the_api_are_audited(
    cast: Cast, participation: Participation, api_client: Callable[..., Client]
) -> None:
    woman, season = participation.beneficiary, participation
    client = api_client(cast.advisor)
    client.get("/api/v1/beneficiaries?q=AB123456")
    export = AuditEvent.objects.get(action="export", object_type="beneficiaries.beneficiary")
    assert export.actor == cast.advisor and export.changed_fields == ["q"] and export.via == "api"
    assert "AB123456" not in str(export.changed_fields) + export.object_id
    client.get(f"/api/v1/participations/{season.pk}")
    assert AuditEvent.objects.filter(action="view", beneficiary_id=woman.pk, via="api").count() == 1


def test_bulk_deletes_in_the_admin_are_audited(cast: Cast, login: Callable[..., Client]) -> None:
    from irtiqaa.accounts.models import ApiToken
    from irtiqaa.accounts.services import api_token_create

    token, _ = api_token_create(actor=None, user=cast.advisor)
    client = login(cast.admin)
    response = client.post(
        "/admin/accounts/apitoken/",
        {"action": "delete_selected", "_selected_action": [token.pk], "post": "yes"},
    )
    assert response.status_code == 302 and not ApiToken.objects.exists()
    assert AuditEvent.objects.filter(
        action="delete", object_type="accounts.apitoken", actor=cast.admin
    ).exists()
