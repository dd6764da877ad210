"""Her case's phase: opened at registration, moved by her seasons' departures and returns, or by
the advisor's decision; the rules for what a season's event leaves as it is."""

import datetime
from collections.abc import Callable

import pytest
from django.test import Client

from irtiqaa.audit.models import AuditEvent
from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.cases import phases
from irtiqaa.cases.models import Case, Phase, PhaseChange
from irtiqaa.cases.tests.conftest import case_of, conflict_shown
from irtiqaa.conftest import Cast, huelva_campaign
from irtiqaa.seasons.models import Campaign, Participation


def season_data(campaign: Campaign, **overrides: str) -> dict[str, object]:
    data: dict[str, object] = {
        "campaign": campaign.pk,
        "employer": "Fresas S.L.",
        "status": "departed",
        "departure_date": "2026-02-01",
        "return_date": "",
        "savings_mad": "",
        "earnings_mad": "",
    }
    data.update(overrides)
    return data


def test_registration_opens_her_case_in_pre_departure(woman: Beneficiary, cast: Cast) -> None:
    case = case_of(woman)
    assert case.phase == Phase.PRE_DEPARTURE and case.opened_by == cast.advisor
    assert [c.cause for c in case.phase_changes.all()] == [PhaseChange.Cause.OPENED]
    assert AuditEvent.objects.filter(object_type="cases.case", action="create").exists()


def test_departure_then_return_move_her_phase(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary, campaign: Campaign
) -> None:
    client = login(cast.advisor)
    response = client.post(f"/beneficiaries/{woman.pk}/seasons/new/", season_data(campaign))
    assert response.status_code == 302
    assert case_of(woman).phase == Phase.IN_SEASON
    season = Participation.objects.get()
    response = client.post(
        f"/seasons/{season.pk}/edit/",
        {**season_data(campaign, status="returned", return_date="2026-06-20"), "version": 1},
    )
    assert response.status_code == 302
    case = case_of(woman)
    assert case.phase == Phase.POST_RETURN
    causes = [(c.from_phase, c.to_phase, c.cause) for c in case.phase_changes.all()]
    assert causes[:2] == [
        ("in_season", "post_return", "return"),
        ("pre_departure", "in_season", "departure"),
    ]
    page = client.get(f"/beneficiaries/{woman.pk}/")
    assert page.context["case_section"]["case"].phase == Phase.POST_RETURN
    titles = [e.title for e in page.context["timeline"] if e.kind == "case"]
    assert len(titles) == 2


def test_a_season_recorded_with_both_dates_goes_straight_to_post_return(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary, campaign: Campaign
) -> None:
    login(cast.advisor).post(
        f"/beneficiaries/{woman.pk}/seasons/new/",
        season_data(campaign, status="returned", return_date="2026-06-20"),
    )
    assert case_of(woman).phase == Phase.POST_RETURN


def test_a_selected_season_without_dates_leaves_the_phase(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary, campaign: Campaign
) -> None:
    login(cast.advisor).post(
        f"/beneficiaries/{woman.pk}/seasons/new/",
        season_data(campaign, status="selected", departure_date=""),
    )
    assert case_of(woman).phase == Phase.PRE_DEPARTURE


def test_a_closed_case_is_not_moved_by_a_return(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary, campaign: Campaign
) -> None:
    client = login(cast.advisor)
    client.post(f"/beneficiaries/{woman.pk}/closure/", {"reason": "withdrew", "version": 1})
    assert case_of(woman).phase == Phase.CLOSED
    client.post(
        f"/beneficiaries/{woman.pk}/seasons/new/",
        season_data(campaign, status="returned", return_date="2026-06-20"),
    )
    assert case_of(woman).phase == Phase.CLOSED


def test_entrepreneurship_is_not_undone_by_a_season(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary, campaign: Campaign
) -> None:
    client = login(cast.advisor)
    client.post(f"/beneficiaries/{woman.pk}/phase/", {"phase": "entrepreneurship", "version": 1})
    client.post(f"/beneficiaries/{woman.pk}/seasons/new/", season_data(campaign))
    assert case_of(woman).phase == Phase.ENTREPRENEURSHIP


def test_correcting_an_old_season_does_not_move_her_case(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary, campaign: Campaign
) -> None:
    client = login(cast.advisor)
    client.post(f"/beneficiaries/{woman.pk}/seasons/new/", season_data(campaign))
    assert case_of(woman).phase == Phase.IN_SEASON
    old = Participation.objects.create(
        beneficiary=woman,
        campaign=huelva_campaign(2025),
        status="departed",
        departure_date=datetime.date(2025, 2, 1),
    )
    client.post(
        f"/seasons/{old.pk}/edit/",
        {
            **season_data(
                old.campaign,
                status="returned",
                departure_date="2025-02-01",
                return_date="2025-06-20",
            ),
            "version": 1,
        },
    )
    assert Participation.objects.get(pk=old.pk).status == "returned"
    assert case_of(woman).phase == Phase.IN_SEASON


def test_an_event_older_than_the_advisors_decision_does_not_undo_it(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary, campaign: Campaign
) -> None:
    client = login(cast.advisor)
    client.post(f"/beneficiaries/{woman.pk}/phase/", {"phase": "post_return", "version": 1})
    # Typed in late: a departure that happened before she was judged back.
    client.post(f"/beneficiaries/{woman.pk}/seasons/new/", season_data(campaign))
    assert case_of(woman).phase == Phase.POST_RETURN


def test_the_advisor_decides_a_phase_with_a_note(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary
) -> None:
    client = login(cast.advisor)
    assert client.get(f"/beneficiaries/{woman.pk}/phase/").status_code == 200
    response = client.post(
        f"/beneficiaries/{woman.pk}/phase/",
        {"phase": "entrepreneurship", "note": "Projet de couture", "version": 1},
    )
    assert response.status_code == 302
    case = case_of(woman)
    change = case.phase_changes.first()
    assert change is not None
    assert (change.cause, change.note, change.changed_by) == (
        "decision",
        "Projet de couture",
        cast.advisor,
    )
    assert case.version == 2
    event = AuditEvent.objects.filter(object_type="cases.case", action="update").latest("id")
    assert event.changed_fields == ["phase"] and event.beneficiary_id == woman.pk


@pytest.mark.parametrize("phase", ["", "closed", "pre_departure", "flying"])
def test_a_phase_decision_needs_a_new_open_phase(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary, phase: str
) -> None:
    response = login(cast.advisor).post(
        f"/beneficiaries/{woman.pk}/phase/", {"phase": phase, "version": 1}
    )
    assert response.status_code == 200 and "phase" in response.context["form"].errors
    assert case_of(woman).phase == Phase.PRE_DEPARTURE


def test_a_stale_phase_form_gets_the_conflict_message(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary
) -> None:
    client = login(cast.advisor)
    client.post(f"/beneficiaries/{woman.pk}/phase/", {"phase": "in_season", "version": 1})
    response = client.post(
        f"/beneficiaries/{woman.pk}/phase/", {"phase": "post_return", "version": 1}
    )
    assert response.status_code == 200
    assert conflict_shown(response)
    assert response.context["version"] == 2  # her next save is made knowingly over it
    assert case_of(woman).phase == Phase.IN_SEASON


def test_a_season_event_makes_an_open_phase_form_stale(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary, campaign: Campaign
) -> None:
    client = login(cast.advisor)
    client.post(f"/beneficiaries/{woman.pk}/seasons/new/", season_data(campaign))
    response = client.post(
        f"/beneficiaries/{woman.pk}/phase/", {"phase": "entrepreneurship", "version": 1}
    )
    assert conflict_shown(response)


def test_another_region_gets_404(
    cast: Cast, login: Callable[..., Client], woman: Beneficiary
) -> None:
    response = login(cast.coordinator_cs).post(
        f"/beneficiaries/{woman.pk}/phase/", {"phase": "in_season", "version": 1}
    )
    assert response.status_code == 404
    assert Case.objects.get(beneficiary=woman).phase == Phase.PRE_DEPARTURE


@pytest.mark.parametrize(
    ("current", "departed", "returned", "latest", "decided_on", "expected"),
    [
        ("pre_departure", datetime.date(2026, 2, 1), None, True, None, "in_season"),
        (
            "in_season",
            datetime.date(2026, 2, 1),
            datetime.date(2026, 6, 1),
            True,
            None,
            "post_return",
        ),
        (
            "pre_departure",
            datetime.date(2026, 2, 1),
            datetime.date(2026, 6, 1),
            True,
            None,
            "post_return",
        ),
        ("post_return", datetime.date(2027, 2, 1), None, True, None, "in_season"),  # next season
        ("in_season", datetime.date(2026, 2, 1), None, True, None, None),  # already there
        ("closed", datetime.date(2026, 2, 1), None, True, None, None),
        (
            "entrepreneurship",
            datetime.date(2026, 2, 1),
            datetime.date(2026, 6, 1),
            True,
            None,
            None,
        ),
        ("post_creation", datetime.date(2026, 2, 1), None, True, None, None),
        ("in_season", datetime.date(2025, 2, 1), datetime.date(2025, 6, 1), False, None, None),
        ("pre_departure", datetime.date(2026, 2, 1), None, True, datetime.date(2026, 3, 1), None),
        (
            "pre_departure",
            datetime.date(2026, 4, 1),
            None,
            True,
            datetime.date(2026, 3, 1),
            "in_season",
        ),
        ("pre_departure", None, None, True, None, None),
    ],
)
def test_phase_after_season_event(
    current: str,
    departed: datetime.date | None,
    returned: datetime.date | None,
    latest: bool,
    decided_on: datetime.date | None,
    expected: str | None,
) -> None:
    assert (
        phases.phase_after_season_event(
            current=current,
            departed=departed,
            returned=returned,
            cancelled=False,
            latest_season=latest,
            current_set_on=decided_on,
        )
        == expected
    )


def test_a_cancelled_season_moves_nothing() -> None:
    assert (
        phases.phase_after_season_event(
            current="pre_departure",
            departed=datetime.date(2026, 2, 1),
            returned=None,
            cancelled=True,
            latest_season=True,
            current_set_on=None,
        )
        is None
    )
