"""The workshops API: problem details naming the field, 404 outside scope, 409 on a stale
version, invitations within capacity and the whole group's attendance in one PUT."""

import datetime
import json
from collections.abc import Callable
from typing import Any

from django.test import Client
from django.utils import timezone

from irtiqaa.accounts.models import User
from irtiqaa.audit.models import AuditEvent
from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.cases.models import Interaction
from irtiqaa.conftest import Cast
from irtiqaa.workshops.models import Invitation, Workshop
from irtiqaa.workshops.tests.conftest import invite_all, make_workshop

ApiClient = Callable[[User], Client]
Women = Callable[..., list[Beneficiary]]


def send(client: Client, method: str, path: str, body: dict[str, Any]) -> Any:
    return getattr(client, method)(path, json.dumps(body), content_type="application/json")


def body(cast: Cast, **overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "agency": cast.kenitra.pk,
        "kind": "spanish",
        "title": "Espagnol de base",
        "starts_at": (timezone.localtime() + datetime.timedelta(days=6))
        .replace(microsecond=0)
        .isoformat(),
        "place": "Agence",
        "facilitator": "Mme Chraibi",
        "capacity": 2,
    }
    values.update(overrides)
    return values


def fields_named(response: Any) -> set[str]:
    assert response["Content-Type"] == "application/problem+json"
    return {e["field"] for e in response.json()["errors"]}


def test_create_read_list(cast: Cast, api_client: ApiClient, settat_workshop: Workshop) -> None:
    client = api_client(cast.advisor)
    response = send(client, "post", "/api/v1/workshops", body(cast))
    assert response.status_code == 201, response.content
    created = response.json()
    assert (created["agency"], created["capacity"], created["invited"], created["version"]) == (
        cast.kenitra.pk,
        2,
        0,
        1,
    )
    assert client.get(f"/api/v1/workshops/{created['id']}").json()["title"] == "Espagnol de base"
    listed = client.get("/api/v1/workshops").json()
    assert [w["id"] for w in listed["results"]] == [created["id"]]
    assert client.get(f"/api/v1/workshops/{settat_workshop.pk}").status_code == 404
    assert client.get("/api/v1/workshops?period=someday").status_code == 422
    national = api_client(cast.national).get("/api/v1/workshops").json()
    assert len(national["results"]) == 2


def test_bad_input_names_the_field(cast: Cast, api_client: ApiClient) -> None:
    client = api_client(cast.advisor)
    for field, value in (
        ("capacity", 0),
        ("duration_minutes", 0),
        ("agency", cast.settat.pk),
        ("kind", "picnic"),
        ("starts_at", "tomorrow"),
    ):
        response = send(client, "post", "/api/v1/workshops", body(cast, **{field: value}))
        assert response.status_code == 422, field
        assert fields_named(response) == {field}, field
    assert not Workshop.objects.exists()


def test_patch_with_a_stale_version_is_a_conflict(
    cast: Cast, api_client: ApiClient, workshop: Workshop
) -> None:
    client = api_client(cast.coordinator)
    path = f"/api/v1/workshops/{workshop.pk}"
    response = send(client, "patch", path, {"version": 1, "place": "Salle 2"})
    assert response.status_code == 200 and response.json()["version"] == 2
    response = send(client, "patch", path, {"version": 1, "place": "Salle 3"})
    assert response.status_code == 409
    assert response["Content-Type"] == "application/problem+json"
    response = send(client, "patch", path, {"version": 2, "capacity": 0})
    assert response.status_code == 422 and fields_named(response) == {"capacity"}
    response = send(client, "patch", path, {"version": 2, "cancelled": True})
    assert response.status_code == 200 and response.json()["cancelled"] is True
    workshop.refresh_from_db()
    assert (workshop.place, workshop.cancelled) == ("Salle 2", True)


def test_invitations_within_capacity(
    cast: Cast, api_client: ApiClient, women: Women, outsider_woman: Beneficiary
) -> None:
    workshop = make_workshop(cast.kenitra, capacity=2)
    group = women(3)
    client = api_client(cast.advisor)
    path = f"/api/v1/workshops/{workshop.pk}/invitations"
    response = send(client, "post", path, {"beneficiaries": [b.pk for b in group]})
    assert response.status_code == 422 and fields_named(response) == {"beneficiaries"}
    response = send(client, "post", path, {"beneficiaries": [outsider_woman.pk]})
    assert response.status_code == 422 and fields_named(response) == {"beneficiaries"}
    response = send(client, "post", path, {"beneficiaries": [b.pk for b in group[:2]]})
    assert response.status_code == 201
    assert [i["beneficiary"] for i in response.json()] == [b.pk for b in group[:2]]
    listed = client.get(path).json()["results"]
    assert {i["first_name_ar"] for i in listed} == {"أمينة"}
    assert AuditEvent.objects.filter(action="export", object_type="workshops.invitation").exists()
    invitation = Invitation.objects.get(beneficiary=group[0])
    assert client.delete(f"/api/v1/invitations/{invitation.pk}").status_code == 204
    assert Invitation.objects.filter(workshop=workshop).count() == 1


def test_attendance_of_the_group_in_one_put(
    cast: Cast, api_client: ApiClient, past_workshop: Workshop, women: Women
) -> None:
    group = women(3)
    invite_all(past_workshop, group)
    client = api_client(cast.advisor)
    path = f"/api/v1/workshops/{past_workshop.pk}/attendance"
    marks = [
        {"beneficiary": group[0].pk, "attendance": "present"},
        {"beneficiary": group[1].pk, "attendance": "present"},
        {"beneficiary": group[2].pk, "attendance": "excused"},
    ]
    response = send(client, "put", path, {"marks": marks})
    assert response.status_code == 200, response.content
    result = response.json()
    assert (result["changed"], result["interactions_added"]) == (3, 2)
    assert (result["workshop"]["present"], result["workshop"]["excused"]) == (2, 1)
    assert Interaction.objects.filter(workshop=past_workshop).count() == 2
    marks[1]["attendance"] = "absent"
    result = send(client, "put", path, {"marks": marks}).json()
    assert (result["changed"], result["interactions_removed"]) == (1, 1)
    response = send(
        client, "put", path, {"marks": [{"beneficiary": group[0].pk, "attendance": "late"}]}
    )
    assert response.status_code == 422 and fields_named(response) == {"marks.0.attendance"}
    response = send(client, "put", path, {"marks": [marks[0], marks[0]]})
    assert response.status_code == 422 and fields_named(response) == {"marks"}
    assert Interaction.objects.filter(workshop=past_workshop).count() == 1


def test_other_region_is_not_found(
    cast: Cast, api_client: ApiClient, workshop: Workshop, woman: Beneficiary
) -> None:
    client = api_client(cast.coordinator_cs)
    assert client.get(f"/api/v1/workshops/{workshop.pk}").status_code == 404
    response = send(client, "put", f"/api/v1/workshops/{workshop.pk}/attendance", {"marks": []})
    assert response.status_code == 404


def test_attendance_version_is_optional_and_a_stale_one_is_a_conflict(
    cast: Cast, api_client: ApiClient, past_workshop: Workshop, women: Women
) -> None:
    group = women(2)
    invite_all(past_workshop, group)
    client = api_client(cast.advisor)
    path = f"/api/v1/workshops/{past_workshop.pk}/attendance"
    present = {"beneficiary": group[0].pk, "attendance": "present"}
    result = send(client, "put", path, {"marks": [present], "version": 1}).json()
    assert (result["changed"], result["workshop"]["version"]) == (1, 2)
    assert (result["interactions_kept"], result["case_closed"]) == ([], [])
    stale = {"marks": [{"beneficiary": group[0].pk, "attendance": "absent"}], "version": 1}
    response = send(client, "put", path, stale)
    assert response.status_code == 409
    assert response["Content-Type"] == "application/problem+json"
    assert Invitation.objects.get(beneficiary=group[0]).attendance == "present"
    # Without a version (an older client), the marks are saved as before.
    result = send(client, "put", path, {"marks": stale["marks"]}).json()
    assert (result["changed"], result["interactions_removed"]) == (1, 1)
    assert result["workshop"]["version"] == 3
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]["AttendanceIn"]
    assert "version" in schema["properties"] and "version" not in schema.get("required", [])
