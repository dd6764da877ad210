"""The advisor's day and the coordinator's team view, from the records they are read from."""

import datetime
from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import timezone

from irtiqaa.accounts.models import Role, User
from irtiqaa.accounts.services import user_create
from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.cases.models import AccompanimentRules, Case, Interaction, Phase
from irtiqaa.conftest import Cast, huelva_campaign
from irtiqaa.plans.models import Action, ActionPlan, Goal
from irtiqaa.seasons.models import Campaign, Participation
from irtiqaa.today import selectors
from irtiqaa.workshops.models import Workshop


def local_today() -> datetime.date:
    """Read at each use, not once at import: a run that crosses midnight must not mix two days."""
    return timezone.localdate()


def days(n: int) -> datetime.date:
    return local_today() + datetime.timedelta(days=n)


def contact(woman: Beneficiary, on: datetime.date, **fields: object) -> Interaction:
    return Interaction.objects.create(beneficiary=woman, kind="call", occurred_on=on, **fields)


def action(woman: Beneficiary, title: str, due_on: datetime.date, status: str = "todo") -> Action:
    plan, _ = ActionPlan.objects.get_or_create(beneficiary=woman)
    goal = Goal.objects.create(plan=plan, title="Épargner")
    return Action.objects.create(
        goal=goal, title=title, owner="woman", due_on=due_on, status=status
    )


def season(woman: Beneficiary, year: int, **fields: object) -> Participation:
    campaign = Campaign.objects.filter(year=year).first() or huelva_campaign(year)
    return Participation.objects.create(beneficiary=woman, campaign=campaign, **fields)


@pytest.fixture
def amina(cast: Cast, register: Callable[..., Beneficiary]) -> Beneficiary:
    return register(
        assigned_advisor=cast.advisor,
        first_name_latin="Amina",
        last_name_latin="Ouali",
        first_name_ar="أمينة",
        last_name_ar="والي",
        cin="KA100200",
        phones=("0662000001",),
    )


@pytest.fixture
def colleague(cast: Cast) -> User:
    return user_create(
        actor=None,
        username="colleague",
        password="a-long-test-password-2026",
        role=Role.ADVISOR,
        unit=cast.kenitra,
        first_name="Salma",
        last_name="Idrissi",
    )


def test_appointments_today_and_whether_they_were_kept(
    cast: Cast, woman: Beneficiary, amina: Beneficiary, login: Callable[[User], Client]
) -> None:
    contact(woman, days(-7), next_step="Appeler pour le contrat", next_step_on=local_today())
    contact(amina, days(-3), next_step="Visite à domicile", next_step_on=local_today())
    contact(amina, local_today())  # the visit took place and is recorded
    contact(woman, days(-10), next_step="Rappeler demain", next_step_on=days(1))  # not today

    page = login(cast.advisor).get("/today/").content.decode()

    assert "Appeler pour le contrat" in page and "Visite à domicile" in page
    assert "Rappeler demain" not in page
    day = selectors.day_of(actor=cast.advisor, advisor=cast.advisor, today=local_today())
    kept = {i.beneficiary_id: i.kept for i in day.appointments.items}
    assert kept == {woman.pk: False, amina.pk: True}


def test_overdue_actions_only_open_and_past_due(
    cast: Cast, woman: Beneficiary, login: Callable[[User], Client]
) -> None:
    action(woman, "Ouvrir un compte d'épargne", days(-2))
    action(woman, "Déposer le dossier", days(-5), status="done")
    action(woman, "Suivre la formation", days(3))

    page = login(cast.advisor).get("/today/").content.decode()

    assert "Ouvrir un compte d&#x27;épargne" in page
    assert "Déposer le dossier" not in page and "Suivre la formation" not in page


def test_expected_back_this_week_and_late_returns(
    cast: Cast, woman: Beneficiary, amina: Beneficiary, login: Callable[[User], Client]
) -> None:
    season(woman, 2026, status="departed", departure_date=days(-90), planned_return_date=days(3))
    season(amina, 2026, status="departed", departure_date=days(-90), planned_return_date=days(20))

    day = selectors.day_of(actor=cast.advisor, advisor=cast.advisor, today=local_today())
    assert [p.beneficiary_id for p in day.expected_back.items] == [woman.pk]

    Participation.objects.filter(beneficiary=woman).update(planned_return_date=days(-4))
    page = login(cast.advisor).get("/today/").content.decode()
    assert "retour non enregistré" in page  # planned date passed, no return recorded


def test_back_without_contact_uses_the_regions_rule(
    cast: Cast, woman: Beneficiary, amina: Beneficiary, login: Callable[[User], Client]
) -> None:
    season(woman, 2026, status="returned", departure_date=days(-150), return_date=days(-40))
    season(amina, 2026, status="returned", departure_date=days(-150), return_date=days(-45))
    contact(amina, days(-20))  # amina was called after her return

    day = selectors.day_of(actor=cast.advisor, advisor=cast.advisor, today=local_today())
    assert [p.beneficiary_id for p in day.awaiting_contact.items] == [woman.pk]
    assert day.contact_days == [30]

    # The region allows 60 days: 40 days back is not late yet.
    AccompanimentRules.objects.create(unit=cast.rsk, post_return_contact_days=60)
    day = selectors.day_of(actor=cast.advisor, advisor=cast.advisor, today=local_today())
    assert day.awaiting_contact.total == 0
    assert "Rentrées depuis plus de 60 jours" in login(cast.advisor).get("/today/").content.decode()


def test_a_woman_who_left_again_or_whose_case_is_closed_is_not_awaiting_contact(
    cast: Cast, woman: Beneficiary, amina: Beneficiary
) -> None:
    season(woman, 2025, status="returned", departure_date=days(-300), return_date=days(-200))
    season(woman, 2026, status="departed", departure_date=days(-30))
    season(amina, 2026, status="returned", departure_date=days(-150), return_date=days(-40))
    Case.objects.update_or_create(beneficiary=amina, defaults={"phase": Phase.CLOSED})

    day = selectors.day_of(actor=cast.advisor, advisor=cast.advisor, today=local_today())

    assert day.awaiting_contact.total == 0


def test_workshops_this_week_of_her_agency_only(
    cast: Cast, login: Callable[[User], Client]
) -> None:
    def workshop(agency: object, title: str, in_days: int, **fields: object) -> Workshop:
        return Workshop.objects.create(
            agency=agency,
            kind="financial_literacy",
            title=title,
            starts_at=timezone.now() + datetime.timedelta(days=in_days),
            place="Agence",
            facilitator="Mme Tazi",
            capacity=20,
            **fields,
        )

    workshop(cast.kenitra, "Éducation financière", 2)
    workshop(cast.kenitra, "Espagnol de base", 12)
    workshop(cast.kenitra, "Atelier annulé", 1, cancelled=True)
    workshop(cast.settat, "Atelier de Settat", 1)

    page = login(cast.advisor).get("/today/").content.decode()

    assert "Éducation financière" in page
    for other in ("Espagnol de base", "Atelier annulé", "Atelier de Settat"):
        assert other not in page


def test_her_own_women_by_default_the_whole_agency_on_request(
    cast: Cast, woman: Beneficiary, register: Callable[..., Beneficiary], colleague: User
) -> None:
    hers = register(
        assigned_advisor=colleague, cin="KB100300", phones=("0662000002",), first_name_latin="Hind"
    )
    contact(woman, days(-5), next_step="Mine", next_step_on=local_today())
    contact(hers, days(-5), next_step="Hers", next_step_on=local_today())
    client = Client()
    client.force_login(cast.advisor)

    own = client.get("/today/").content.decode()
    agency = client.get("/today/?scope=agency").content.decode()

    assert "Mine" in own and "Hers" not in own
    assert "Mine" in agency and "Hers" in agency


def test_an_advisor_cannot_open_a_colleagues_day_a_coordinator_can(
    cast: Cast, colleague: User, login: Callable[[User], Client]
) -> None:
    assert login(cast.advisor).get(f"/today/?advisor={colleague.pk}").status_code == 404
    page = login(cast.coordinator).get(f"/today/?advisor={colleague.pk}")
    assert page.status_code == 200
    assert "Salma Idrissi" in page.content.decode()
    # An advisor of another region is not hers to look at.
    assert login(cast.coordinator_cs).get(f"/today/?advisor={colleague.pk}").status_code == 404


def test_team_view_counts_per_advisor(
    cast: Cast,
    woman: Beneficiary,
    amina: Beneficiary,
    outsider_woman: Beneficiary,
    colleague: User,
    register: Callable[..., Beneficiary],
    login: Callable[[User], Client],
) -> None:
    register(assigned_advisor=colleague, cin="KB100300", phones=("0662000002",))
    register(assigned_advisor=None, cin="KC100400", phones=("0662000003",))
    action(woman, "En retard", days(-1))
    action(amina, "En retard aussi", days(-9))
    season(woman, 2026, status="returned", departure_date=days(-150), return_date=days(-40))
    action(outsider_woman, "Hors région", days(-3))  # Settat: not in the RSK coordinator's view

    rows = {
        (row.advisor.username if row.advisor else None): row
        for row in selectors.team_of(actor=cast.coordinator, today=local_today())
    }

    assert set(rows) == {"advisor", "colleague", None}
    assert (rows["advisor"].caseload, rows["advisor"].overdue_actions) == (2, 2)
    assert rows["advisor"].awaiting_contact == 1
    assert (rows["colleague"].caseload, rows["colleague"].overdue_actions) == (1, 0)
    assert rows[None].caseload == 1
    page = login(cast.coordinator).get("/team/").content.decode()
    assert "Salma Idrissi" in page and "Non attribuées à une conseillère" in page


def test_navigation_counts_what_needs_her_attention(
    cast: Cast, woman: Beneficiary, login: Callable[[User], Client]
) -> None:
    contact(woman, days(-45), next_step="Appeler", next_step_on=local_today())
    action(woman, "En retard", days(-1))
    season(woman, 2026, status="returned", departure_date=days(-150), return_date=days(-40))

    assert selectors.attention_count(actor=cast.advisor, today=local_today()) == 3
    page = login(cast.advisor).get("/beneficiaries/").content.decode()
    assert "3 choses demandent votre attention" in page


def test_team_view_links_to_the_closures_awaiting_her_approval(
    cast: Cast, woman: Beneficiary, login: Callable[[User], Client]
) -> None:
    Case.objects.filter(beneficiary=woman).update(
        closure_requested_reason="moved_away", closure_requested_by=cast.advisor
    )

    page = login(cast.coordinator).get("/team/").content.decode()

    assert '/cases/closures/">' in page and '<span class="badge warn">1</span>' in page


def test_the_navigation_count_follows_her_writes_despite_the_cache(
    cast: Cast, woman: Beneficiary, settings: object, login: Callable[[User], Client]
) -> None:
    settings.CACHES = {  # type: ignore[attr-defined]
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }
    action(woman, "En retard", days(-1))
    client = login(cast.advisor)
    assert "1 chose demande votre attention" in client.get("/beneficiaries/").content.decode()

    late = Action.objects.get(title="En retard")
    late.status = "done"
    late.save()

    page = client.get("/beneficiaries/").content.decode()
    assert "demande votre attention" not in page and "demandent votre attention" not in page
