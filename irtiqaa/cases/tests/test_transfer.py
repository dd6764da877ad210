"""Transfers: her file moves to another agency with its whole history; access follows at once."""

from collections.abc import Callable

import pytest
from django.test import Client

from irtiqaa.audit.models import AuditEvent
from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.cases.models import Interaction, Transfer
from irtiqaa.cases.tests.conftest import conflict_shown, post_json
from irtiqaa.conftest import Cast
from irtiqaa.geography.models import Province
from irtiqaa.organisations.models import OrganisationUnit
from irtiqaa.organisations.services import unit_create


@pytest.fixture
def larache(cast: Cast) -> OrganisationUnit:
    """A second agency in Rabat-Salé-Kénitra, within the RSK coordinator's scope."""
    return unit_create(
        kind="agency",
        code="larache",
        name_fr="Agence Larache",
        parent=cast.rsk,
        province=Province.objects.get(code="larache"),
    )


def test_a_transfer_moves_access_and_keeps_her_history(
    cast: Cast,
    login: Callable[..., Client],
    woman: Beneficiary,
    make_interaction: Callable[..., Interaction],
) -> None:
    past = make_interaction(woman, present="Son mari")
    client = login(cast.advisor)
    assert client.get(f"/beneficiaries/{woman.pk}/transfer/").status_code == 200
    response = client.post(
        f"/beneficiaries/{woman.pk}/transfer/",
        {
            "to_agency": cast.settat.pk,
            "advisor": cast.advisor_settat.pk,
            "reason": "Mariée à Settat",
        },
    )
    # Her file is now outside the advisor's scope: back to her caseload, with a message.
    assert response.status_code == 302 and response["Location"] == "/beneficiaries/"
    messages = [str(m) for m in client.get("/beneficiaries/").context["messages"]]
    assert any("Agence Settat" in m for m in messages)
    assert client.get(f"/beneficiaries/{woman.pk}/").status_code == 404
    assert client.get(f"/interactions/{past.pk}/edit/").status_code == 404

    woman.refresh_from_db()
    assert woman.home_agency == cast.settat and woman.assigned_advisor == cast.advisor_settat
    transfer = Transfer.objects.get()
    assert (transfer.from_agency, transfer.to_agency, transfer.transferred_by) == (
        cast.kenitra,
        cast.settat,
        cast.advisor,
    )
    assert AuditEvent.objects.filter(object_type="cases.transfer", action="create").exists()
    assert AuditEvent.objects.filter(
        object_type="beneficiaries.beneficiary", action="update", beneficiary_id=woman.pk
    ).exists()

    newcomer = login(cast.advisor_settat)
    page = newcomer.get(f"/beneficiaries/{woman.pk}/")
    assert page.status_code == 200
    assert [i.pk for i in page.context["case_section"]["interactions"]] == [past.pk]
    assert "Mariée à Settat" in page.content.decode()
    assert any(e.kind == "case" and "Settat" in e.title for e in page.context["timeline"])
    assert newcomer.get(f"/interactions/{past.pk}/edit/").status_code == 200


def test_without_a_chosen_advisor_she_is_unassigned(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary
) -> None:
    response = login(cast.coordinator).post(
        f"/beneficiaries/{woman.pk}/transfer/", {"to_agency": cast.settat.pk, "reason": "Partie"}
    )
    assert response.status_code == 302
    woman.refresh_from_db()
    assert woman.home_agency == cast.settat and woman.assigned_advisor is None


def test_a_transfer_inside_the_coordinators_region_keeps_her_on_her_file(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary, larache: OrganisationUnit
) -> None:
    response = login(cast.coordinator).post(
        f"/beneficiaries/{woman.pk}/transfer/", {"to_agency": larache.pk, "reason": "Partie"}
    )
    assert response.status_code == 302 and response["Location"] == f"/beneficiaries/{woman.pk}/"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"reason": "Partie"}, "to_agency"),
        ({"to_agency": "999999", "reason": "Partie"}, "to_agency"),
        ({"to_agency": "same", "reason": "Partie"}, "to_agency"),  # her own agency
        ({"to_agency": "settat", "reason": "  "}, "reason"),
        ({"to_agency": "settat", "reason": "Partie", "advisor": "kenitra"}, "advisor"),
    ],
)
def test_bad_transfer_input_names_the_field(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary, data: dict[str, str], field: str
) -> None:
    ids = {"same": cast.kenitra.pk, "settat": cast.settat.pk}
    data = {k: str(ids.get(v, v)) for k, v in data.items()}
    if data.get("advisor") == "kenitra":
        data["advisor"] = str(cast.advisor.pk)
    response = login(cast.advisor).post(f"/beneficiaries/{woman.pk}/transfer/", data)
    assert response.status_code == 200 and field in response.context["form"].errors
    woman.refresh_from_db()
    assert woman.home_agency == cast.kenitra and not Transfer.objects.exists()


def test_an_edit_begun_before_the_transfer_does_not_bring_her_back(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary, larache: OrganisationUnit
) -> None:
    """The transfer bumps her file's version: a profile form opened before it gets the
    conflict message instead of silently saving her old home agency."""
    coordinator = login(cast.coordinator)
    form = coordinator.get(f"/beneficiaries/{woman.pk}/edit/")
    assert form.context["version"] == 1
    coordinator.post(
        f"/beneficiaries/{woman.pk}/transfer/", {"to_agency": larache.pk, "reason": "Partie"}
    )
    data = {
        name: value
        for name, value in form.context["form"].initial.items()
        if value is not None and not isinstance(value, list)
    }
    data.update(
        {
            "home_agency": cast.kenitra.pk,
            "province": woman.province_id,
            "version": 1,
            "languages": ["darija"],
            "birth_date": "1988-03-14",
        }
    )
    response = coordinator.post(f"/beneficiaries/{woman.pk}/edit/", data)
    assert response.status_code == 200 and conflict_shown(response)
    woman.refresh_from_db()
    assert woman.home_agency == larache


def test_api_transfer(cast: Cast, api_client: Callable[..., Client], woman: Beneficiary) -> None:
    client = api_client(cast.advisor)
    bad = post_json(
        client, f"/api/v1/cases/{woman.pk}/transfer", {"to_agency": 999999, "reason": "Partie"}
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "to_agency"
    wrong_advisor = post_json(
        client,
        f"/api/v1/cases/{woman.pk}/transfer",
        {"to_agency": cast.settat.pk, "reason": "Partie", "advisor": cast.advisor.pk},
    )
    assert wrong_advisor.status_code == 422
    assert wrong_advisor.json()["errors"][0]["field"] == "advisor"
    response = post_json(
        client,
        f"/api/v1/cases/{woman.pk}/transfer",
        {"to_agency": cast.settat.pk, "reason": "Partie"},
    )
    assert response.status_code == 200, response.content
    assert response.json()["from_agency"] == cast.kenitra.pk
    assert client.get(f"/api/v1/cases/{woman.pk}").status_code == 404
    assert api_client(cast.advisor_settat).get(f"/api/v1/cases/{woman.pk}").status_code == 200


def test_a_transfer_frees_her_seats_and_hands_over_her_open_actions(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary
) -> None:
    import datetime

    from django.utils import timezone

    from irtiqaa.plans.models import Action, ActionPlan, Goal
    from irtiqaa.workshops.models import Invitation, Workshop

    def workshop(in_days: int) -> Workshop:
        return Workshop.objects.create(
            agency=cast.kenitra,
            kind="spanish",
            title=f"Espagnol J{in_days:+d}",
            starts_at=timezone.now() + datetime.timedelta(days=in_days),
            place="Agence",
            facilitator="M. Amrani",
            capacity=10,
        )

    attended = Invitation.objects.create(
        workshop=workshop(-10), beneficiary=woman, attendance="present"
    )
    coming = Invitation.objects.create(workshop=workshop(5), beneficiary=woman)
    goal = Goal.objects.create(plan=ActionPlan.objects.create(beneficiary=woman), title="Épargner")
    open_action = Action.objects.create(
        goal=goal, title="Ouvrir un compte", owner="advisor", owner_advisor=cast.advisor
    )
    done_action = Action.objects.create(
        goal=goal,
        title="Réunir les papiers",
        owner="advisor",
        owner_advisor=cast.advisor,
        status="done",
    )

    login(cast.advisor).post(
        f"/beneficiaries/{woman.pk}/transfer/",
        {"to_agency": cast.settat.pk, "advisor": cast.advisor_settat.pk, "reason": "Partie"},
    )

    assert Invitation.objects.filter(pk=attended.pk).exists()  # her history stays
    assert not Invitation.objects.filter(pk=coming.pk).exists()  # her seat is freed
    open_action.refresh_from_db()
    done_action.refresh_from_db()
    assert open_action.owner_advisor == cast.advisor_settat
    assert done_action.owner_advisor == cast.advisor
    assert AuditEvent.objects.filter(
        action="delete", object_type="workshops.invitation", beneficiary_id=woman.pk
    ).exists()
