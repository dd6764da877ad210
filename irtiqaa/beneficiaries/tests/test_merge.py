"""Merging two files of the same woman: what the survivor keeps, and what stays as it was."""

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone, translation

from irtiqaa.assessments.models import Assessment, Instrument
from irtiqaa.assessments.services import assessment_record
from irtiqaa.assessments.tests.permissions import REINTEGRATION_ANSWERS
from irtiqaa.audit.models import AuditEvent
from irtiqaa.beneficiaries import merging, selectors
from irtiqaa.beneficiaries.merging import MERGED, SURVIVOR, beneficiaries_merge
from irtiqaa.beneficiaries.models import Beneficiary, BeneficiaryPhone, Consent, DuplicatePair
from irtiqaa.beneficiaries.services import ConsentInput, consent_record
from irtiqaa.cases.models import Case, Interaction, Phase, PhaseChange, Transfer
from irtiqaa.conftest import Cast, huelva_campaign
from irtiqaa.lib.crypto import search_hash
from irtiqaa.lib.errors import EditConflict
from irtiqaa.plans.models import Action, ActionPlan, Goal
from irtiqaa.seasons.models import Incident, Participation
from irtiqaa.workshops.models import Invitation
from irtiqaa.workshops.tests.conftest import make_workshop

SMS = Consent.Purpose.SMS_CONTACT


@pytest.fixture(autouse=True)
def _in_english(client: Client, settings: Any) -> None:
    """The pages in English, whatever the French catalogue says (French is the default)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def older(cast: Cast, register: Callable[..., Beneficiary]) -> Beneficiary:
    """Her first file, registered by her advisor."""
    return register(
        assigned_advisor=cast.advisor,
        first_name_ar="",
        last_name_ar="",
        phones=("+212612345678",),
    )


@pytest.fixture
def newer(cast: Cast, register: Callable[..., Beneficiary]) -> Beneficiary:
    """Her second file, from a recruitment list: Arabic names, another CIN, two phones (one the
    same as on her first file), another commune."""
    return register(
        first_name_latin="Fatimazahra",
        last_name_latin="Alaoui",
        first_name_ar="فاطمة الزهراء",
        last_name_ar="العلوي",
        cin="AB654321",
        commune="Sidi Slimane",
        skills="",
        children_count=3,
        children_birth_years=[2010, 2012, 2016],
        phones=("0612345678", "0661111111"),
    )


def merge(cast: Cast, survivor: Beneficiary, merged: Beneficiary, **kwargs: Any) -> Beneficiary:
    survivor.refresh_from_db()
    merged.refresh_from_db()
    kwargs.setdefault("actor", cast.advisor)
    kwargs.setdefault("choices", {})
    kwargs.setdefault("expected_versions", (survivor.version, merged.version))
    return beneficiaries_merge(survivor=survivor, merged=merged, **kwargs)


def test_the_chosen_values_the_phones_and_the_identifiers(
    cast: Cast, older: Beneficiary, newer: Beneficiary
) -> None:
    survivor = merge(
        cast,
        older,
        newer,
        choices={"first_name_latin": MERGED, "cin": MERGED, "commune": SURVIVOR},
    )

    survivor.refresh_from_db()
    assert survivor.first_name_latin == "Fatimazahra"  # chosen
    assert survivor.last_name_latin == "El Alaoui"  # not asked: hers
    assert survivor.first_name_ar == "فاطمة الزهراء"  # hers was empty
    assert survivor.cin == "AB654321"
    assert survivor.cin_hash == search_hash("cin", "AB654321")
    assert survivor.commune == "Lalla Mimouna"
    assert survivor.children_count == 2 and survivor.children_birth_years == [2012, 2016]
    assert survivor.assigned_advisor == cast.advisor
    assert "العلوي" in survivor.search_text
    assert [p.number for p in survivor.phones.all()] == ["+212612345678", "+212661111111"]

    newer.refresh_from_db()
    assert newer.merged_into == survivor
    assert newer.merged_at is not None
    assert newer.cin_hash == ""
    assert not BeneficiaryPhone.objects.filter(beneficiary=newer).exists()
    # She is found once, under the survivor, by either CIN, phone or name.
    for query in ("AB654321", "0661111111", "Fatimazahra", "فاطمة"):
        found = selectors.beneficiary_list(actor=cast.advisor, query=query)
        assert list(found) == [survivor], query
    assert newer not in selectors.beneficiaries_in_scope(cast.advisor)


def test_everything_she_had_moves_to_the_survivor(
    cast: Cast, older: Beneficiary, newer: Beneficiary
) -> None:
    campaign_2025, campaign_2026 = huelva_campaign(2025), huelva_campaign(2026)
    Participation.objects.create(beneficiary=older, campaign=campaign_2026)
    season = Participation.objects.create(
        beneficiary=newer, campaign=campaign_2025, status="returned", employer="Fresas S.L."
    )
    Incident.objects.create(
        participation=season, kind="wages", occurred_on=datetime.date(2025, 3, 1), description="x"
    )
    meeting = Interaction.objects.create(
        beneficiary=newer, kind="meeting", occurred_on=datetime.date(2026, 1, 5)
    )
    Transfer.objects.create(
        beneficiary=newer, from_agency=cast.settat, to_agency=cast.kenitra, reason="Moved"
    )
    workshop = make_workshop(cast.kenitra)
    Invitation.objects.create(workshop=workshop, beneficiary=newer)
    plan = ActionPlan.objects.create(beneficiary=newer)
    goal = Goal.objects.create(plan=plan, title="Couture", position=0)
    action = Action.objects.create(goal=goal, title="Formation", owner="woman")
    action.interactions.add(meeting)
    assessment = assessment_record(
        actor=cast.advisor,
        beneficiary=newer,
        instrument=Instrument.objects.get(code="reintegration-index"),
        taken_on=datetime.date(2026, 7, 1),
        answers=REINTEGRATION_ANSWERS,
    )
    moving = merging.what_moves(newer)
    assert (moving.seasons, moving.interactions, moving.workshops, moving.plan_actions) == (
        1,
        1,
        1,
        1,
    )

    survivor = merge(cast, older, newer)

    assert set(Participation.objects.filter(beneficiary=survivor)) >= {season}
    assert Participation.objects.filter(beneficiary=survivor).count() == 2
    assert Incident.objects.get().participation == season
    meeting.refresh_from_db()
    assert meeting.beneficiary == survivor
    assert Transfer.objects.get().beneficiary == survivor
    assert Invitation.objects.get().beneficiary == survivor
    assert ActionPlan.objects.get().beneficiary == survivor  # she had none: she takes this one
    assert list(Action.objects.get().interactions.all()) == [meeting]
    assert Assessment.objects.get(pk=assessment.pk).beneficiary == survivor
    assert Consent.objects.filter(beneficiary=survivor).count() == 4  # both files' decisions
    # One case, holding both phase histories.
    assert Case.objects.filter(beneficiary__in=[older, newer]).count() == 1
    assert PhaseChange.objects.filter(case__beneficiary=survivor).count() == 2
    for model in (Participation, Interaction, Transfer, Invitation, Assessment, Consent):
        assert not model.objects.filter(beneficiary=newer).exists(), model


def test_a_campaign_on_both_files_keeps_one_season(
    cast: Cast, older: Beneficiary, newer: Beneficiary
) -> None:
    campaign = huelva_campaign(2026)
    kept = Participation.objects.create(
        beneficiary=older, campaign=campaign, departure_date=datetime.date(2026, 2, 1)
    )
    other = Participation.objects.create(
        beneficiary=newer,
        campaign=campaign,
        status="returned",
        employer="Fresas S.L.",
        departure_date=datetime.date(2026, 2, 3),
        return_date=datetime.date(2026, 6, 20),
        savings_mad=Decimal("18000"),
    )
    Incident.objects.create(
        participation=other, kind="housing", occurred_on=datetime.date(2026, 3, 1), description="x"
    )

    survivor = merge(cast, older, newer)

    season = Participation.objects.get(beneficiary=survivor)
    assert season.pk == kept.pk
    assert season.departure_date == datetime.date(2026, 2, 1)  # hers is kept
    assert season.employer == "Fresas S.L."  # filled from the other
    assert season.return_date == datetime.date(2026, 6, 20)
    assert season.savings_mad == Decimal("18000")
    assert season.status == "returned"
    assert season.incidents.count() == 1
    assert not Participation.objects.filter(pk=other.pk).exists()


def test_the_same_workshop_keeps_the_invitation_with_attendance(
    cast: Cast, older: Beneficiary, newer: Beneficiary
) -> None:
    first, second = make_workshop(cast.kenitra), make_workshop(cast.kenitra, title="Épargne")
    Invitation.objects.create(workshop=first, beneficiary=older)
    attended = Invitation.objects.create(
        workshop=first, beneficiary=newer, attendance="present", attendance_recorded_by=cast.advisor
    )
    mine = Invitation.objects.create(workshop=second, beneficiary=older, attendance="absent")
    Invitation.objects.create(workshop=second, beneficiary=newer)

    survivor = merge(cast, older, newer)

    invitations = {i.workshop_id: i for i in Invitation.objects.filter(beneficiary=survivor)}
    assert invitations[first.pk].pk == attended.pk
    assert invitations[first.pk].attendance == "present"
    assert invitations[second.pk].pk == mine.pk
    assert Invitation.objects.count() == 2


def test_goals_join_the_survivors_plan(cast: Cast, older: Beneficiary, newer: Beneficiary) -> None:
    mine = ActionPlan.objects.create(beneficiary=older)
    Goal.objects.create(plan=mine, title="Épargner", position=0)
    theirs = ActionPlan.objects.create(beneficiary=newer)
    moved = Goal.objects.create(plan=theirs, title="Couture", position=0)
    Action.objects.create(goal=moved, title="Formation", owner="woman")

    survivor = merge(cast, older, newer)

    plan = ActionPlan.objects.get(beneficiary=survivor)
    assert plan.pk == mine.pk
    assert plan.version == 2
    assert [g.title for g in plan.goals.all()] == ["Épargner", "Couture"]
    assert Action.objects.get().goal.plan == plan
    assert not ActionPlan.objects.filter(pk=theirs.pk).exists()


def test_her_phase_is_the_current_of_the_two_cases(
    cast: Cast, older: Beneficiary, newer: Beneficiary
) -> None:
    later = timezone.now() + datetime.timedelta(minutes=5)
    Case.objects.filter(beneficiary=newer).update(phase=Phase.POST_RETURN, phase_since=later)
    Case.objects.filter(beneficiary=older).update(
        phase=Phase.CLOSED, closure_reason="unreachable", closed_at=timezone.now()
    )

    survivor = merge(cast, older, newer)

    case = Case.objects.get(beneficiary=survivor)
    assert case.phase == Phase.POST_RETURN  # open beats closed
    assert case.closure_reason == ""
    assert case.phase_since == later


def test_a_withdrawal_on_either_file_stays_in_force(
    cast: Cast, older: Beneficiary, newer: Beneficiary
) -> None:
    """Her first file withdrew SMS contact; the second file, registered later, recorded it as
    given. After the merge SMS stays withdrawn, and every decision is in her history."""
    decision = ConsentInput(method="signed_form", text_version="2026-01")
    consent_record(
        actor=cast.advisor, beneficiary=older, purpose=SMS, given=False, consent=decision
    )
    Consent.objects.filter(beneficiary=older, purpose=SMS).update(
        recorded_at=timezone.now() - datetime.timedelta(days=30)
    )
    consent_record(actor=cast.advisor, beneficiary=newer, purpose=SMS, given=True, consent=decision)

    survivor = merge(cast, older, newer)

    in_force = selectors.consents_in_force(survivor)
    assert in_force[SMS].given is False
    assert in_force[Consent.Purpose.ACCOMPANIMENT].given is True
    history = Consent.objects.filter(beneficiary=survivor, purpose=SMS)
    assert sorted(c.given for c in history) == [False, False, True]


def test_a_later_decision_given_on_both_sides_stays_given(
    cast: Cast, older: Beneficiary, newer: Beneficiary
) -> None:
    survivor = merge(cast, older, newer)

    in_force = selectors.consents_in_force(survivor)
    assert in_force[Consent.Purpose.STATISTICS].given is True
    assert not Consent.objects.filter(given=False).exists()


def test_an_edit_meanwhile_is_a_conflict_and_nothing_is_written(
    cast: Cast, older: Beneficiary, newer: Beneficiary
) -> None:
    Beneficiary.objects.filter(pk=newer.pk).update(version=2)  # someone saved her file

    with pytest.raises(EditConflict):
        merge(cast, older, newer, expected_versions=(1, 1))

    newer.refresh_from_db()
    assert newer.merged_into is None
    assert newer.phones.count() == 2


def test_a_failure_midway_leaves_both_files_as_they_were(
    cast: Cast, older: Beneficiary, newer: Beneficiary, monkeypatch: pytest.MonkeyPatch
) -> None:
    Participation.objects.create(beneficiary=newer, campaign=huelva_campaign(2026))
    Interaction.objects.create(
        beneficiary=newer, kind="call", occurred_on=datetime.date(2026, 1, 1)
    )

    def fail(*args: object) -> None:
        raise RuntimeError("the server went down")

    monkeypatch.setattr(merging, "_merge_plans", fail)
    events = AuditEvent.objects.count()

    with pytest.raises(RuntimeError):
        merge(cast, older, newer, choices={"cin": MERGED})

    older.refresh_from_db()
    newer.refresh_from_db()
    assert (older.cin, older.version, newer.version) == ("AB123456", 1, 1)
    assert newer.merged_into is None and newer.cin_hash
    assert newer.phones.count() == 2
    assert Consent.objects.filter(beneficiary=newer).count() == 2
    assert Participation.objects.filter(beneficiary=newer).count() == 1
    assert Interaction.objects.filter(beneficiary=newer).count() == 1
    assert Case.objects.filter(beneficiary=newer).count() == 1
    assert AuditEvent.objects.count() == events


def test_refusals(
    cast: Cast, older: Beneficiary, newer: Beneficiary, outsider_woman: Beneficiary
) -> None:
    with translation.override("en"), pytest.raises(ValidationError, match="into itself"):
        merge(cast, older, older)
    with pytest.raises(PermissionDenied):
        merge(cast, older, outsider_woman)
    with pytest.raises(PermissionDenied):
        beneficiaries_merge(
            actor=cast.analyst, survivor=older, merged=newer, choices={}, expected_versions=(1, 1)
        )
    with pytest.raises(ValidationError) as error:
        merge(cast, older, newer, choices={"version": MERGED})
    assert "version" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        merge(cast, older, newer, choices={"cin": "both"})
    assert "cin" in error.value.message_dict

    merge(cast, older, newer)
    with translation.override("en"), pytest.raises(ValidationError, match="already merged"):
        merge(cast, older, newer)


def test_an_advisor_from_another_agency_is_refused(
    cast: Cast, register: Callable[..., Beneficiary], older: Beneficiary
) -> None:
    """The assigned advisor must work in her home agency, whichever file each comes from."""
    from irtiqaa.organisations.services import unit_create

    other_agency = unit_create(
        kind="agency",
        code="sale",
        name_fr="Agence Salé",
        parent=cast.rsk,
        province=older.province,
    )
    elsewhere = register(actor=cast.coordinator, home_agency=other_agency, cin="XY111111")

    with pytest.raises(ValidationError) as error:
        merge(cast, older, elsewhere, actor=cast.coordinator, choices={"home_agency": MERGED})
    assert "assigned_advisor" in error.value.message_dict


def test_the_audit_events_and_the_pairs(
    cast: Cast, older: Beneficiary, newer: Beneficiary, register: Callable[..., Beneficiary]
) -> None:
    third = register(  # shares the newer's CIN, nothing else
        first_name_latin="Khadija",
        last_name_latin="Bennani",
        cin="AB654321",
        phones=("0670000000",),
        birth_date=datetime.date(1975, 1, 1),
    )
    DuplicatePair.objects.all().delete()
    from irtiqaa.beneficiaries.duplicates import duplicate_pairs_detect

    duplicate_pairs_detect()
    assert DuplicatePair.objects.filter(first=older, second=newer).exists()

    survivor = merge(cast, older, newer, choices={"cin": MERGED})

    event = AuditEvent.objects.get(action=AuditEvent.Action.MERGE, beneficiary_id=survivor.pk)
    assert event.actor == cast.advisor
    assert f"merged_from:{newer.pk}" in event.changed_fields
    assert {"cin", "first_name_ar", "phones"} <= set(event.changed_fields)
    away = AuditEvent.objects.get(action=AuditEvent.Action.MERGE, beneficiary_id=newer.pk)
    assert f"merged_into:{survivor.pk}" in away.changed_fields

    assert DuplicatePair.objects.get(first=older, second=newer).status == "merged"
    # Her pair with the third woman is now the survivor's.
    assert DuplicatePair.objects.get(first=newer, second=third).status == "merged"
    carried = DuplicatePair.objects.get(first=survivor, second=third)
    assert carried.status == "suspected"
    assert carried.evidence == ["cin"]


def test_her_history_shows_the_merged_files_events(
    cast: Cast, older: Beneficiary, newer: Beneficiary, login: Callable[..., Client]
) -> None:
    merge(cast, older, newer)

    client = login(cast.advisor)
    page = client.get(f"/beneficiaries/{older.pk}/").content.decode()
    assert f"File {newer.pk} merged into this one" in page
    assert f"Registered a second time (file {newer.pk})" in page

    response = login(cast.admin).get(f"/audit/?beneficiary={older.pk}")
    events = list(response.context["page"].object_list)
    # The newer file's own events, recorded under its id, are in the survivor's log.
    assert {e.beneficiary_id for e in events} == {older.pk, newer.pk}
    assert any(
        e.action == AuditEvent.Action.CREATE and e.beneficiary_id == newer.pk for e in events
    )


def test_the_merged_file_points_at_the_survivor(
    cast: Cast,
    older: Beneficiary,
    newer: Beneficiary,
    login: Callable[..., Client],
    api_client: Callable[..., Client],
) -> None:
    merge(cast, older, newer)

    client = login(cast.advisor)
    response = client.get(f"/beneficiaries/{newer.pk}/")
    assert response.status_code == 302
    assert response["Location"] == f"/beneficiaries/{older.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "This file was merged into Fatima Zahra El Alaoui&#x27;s file on" in page

    response = client.get(f"/beneficiaries/{newer.pk}/plan/")
    assert response.status_code == 302
    assert response["Location"] == f"/beneficiaries/{older.pk}/plan/"

    response = api_client(cast.advisor).get(f"/api/v1/beneficiaries/{newer.pk}")
    assert response.status_code == 301
    assert response["Location"] == f"/api/v1/beneficiaries/{older.pk}"
    assert response.json()["merged_into"] == older.pk

    # Outside her scope: as if neither existed.
    assert login(cast.advisor_settat).get(f"/beneficiaries/{newer.pk}/").status_code == 404
    response = api_client(cast.advisor_settat).get(f"/api/v1/beneficiaries/{newer.pk}")
    assert response.status_code == 404
