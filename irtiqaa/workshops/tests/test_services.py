"""Sessions, invitations and attendance through the services: capacity, scope, consent, the
whole group saved at once and the interactions it leaves in each woman's file."""

import datetime
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from irtiqaa.audit.models import AuditEvent
from irtiqaa.beneficiaries.models import Beneficiary, Consent
from irtiqaa.beneficiaries.services import ConsentInput, consent_record
from irtiqaa.cases.models import Interaction
from irtiqaa.conftest import Cast
from irtiqaa.lib.errors import EditConflict
from irtiqaa.seasons.models import Campaign, Participation
from irtiqaa.workshops import selectors, services
from irtiqaa.workshops.models import Invitation, Workshop
from irtiqaa.workshops.tests.conftest import invite_all, make_workshop

Women = Callable[..., list[Beneficiary]]


def fields(cast: Cast, **overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "agency": cast.kenitra,
        "kind": Workshop.Kind.SPANISH,
        "title": "Espagnol de base",
        "starts_at": timezone.now() + datetime.timedelta(days=5),
        "duration_minutes": 90,
        "place": "Maison des jeunes",
        "facilitator": "Mme Alami",
        "capacity": 12,
        "notes": "",
    }
    values.update(overrides)
    return values


def seats_and_choice(message: str) -> tuple[int, ...]:
    """The numbers a capacity message gives (its wording is the catalogue's)."""
    return tuple(int(n) for n in re.findall(r"\d+", message))


def withdraw(cast: Cast, woman: Beneficiary) -> None:
    consent_record(
        actor=cast.advisor,
        beneficiary=woman,
        purpose=Consent.Purpose.ACCOMPANIMENT,
        given=False,
        consent=ConsentInput(method=Consent.Method.SIGNED_FORM, text_version="2026-01"),
    )


# ---- sessions ----


def test_advisor_creates_a_session_in_her_agency_audited(cast: Cast) -> None:
    workshop = services.workshop_create(actor=cast.advisor, fields=fields(cast))
    assert workshop.version == 1 and workshop.created_by == cast.advisor
    event = AuditEvent.objects.get(object_type="workshops.workshop", action="create")
    assert event.object_id == str(workshop.pk) and "capacity" in event.changed_fields


def test_a_session_outside_her_scope_is_refused_naming_the_agency(cast: Cast) -> None:
    with pytest.raises(ValidationError) as error:
        services.workshop_create(actor=cast.advisor, fields=fields(cast, agency=cast.settat))
    assert "agency" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.workshop_create(actor=cast.coordinator, fields=fields(cast, agency=cast.rsk))
    assert "agency" in error.value.message_dict
    assert not Workshop.objects.exists()


def test_national_staff_read_sessions_but_do_not_organise_them(cast: Cast) -> None:
    with pytest.raises(PermissionDenied):
        services.workshop_create(actor=cast.national, fields=fields(cast))


def test_capacity_and_duration_must_be_positive(cast: Cast) -> None:
    for name in ("capacity", "duration_minutes"):
        with pytest.raises(ValidationError) as error:
            services.workshop_create(actor=cast.advisor, fields=fields(cast, **{name: 0}))
        assert name in error.value.message_dict


def test_a_stale_version_is_a_conflict_and_changes_nothing(cast: Cast, workshop: Workshop) -> None:
    services.workshop_update(
        actor=cast.advisor, workshop=workshop, fields={"place": "Salle 2"}, expected_version=1
    )
    stale = Workshop.objects.get(pk=workshop.pk)
    stale.version = 1
    with pytest.raises(EditConflict):
        services.workshop_update(
            actor=cast.coordinator, workshop=stale, fields={"place": "Salle 3"}, expected_version=1
        )
    workshop.refresh_from_db()
    assert (workshop.place, workshop.version) == ("Salle 2", 2)


def test_capacity_cannot_drop_below_the_women_invited(
    cast: Cast, workshop: Workshop, women: Women
) -> None:
    invite_all(workshop, women(3))
    with pytest.raises(ValidationError) as error:
        services.workshop_update(
            actor=cast.advisor, workshop=workshop, fields={"capacity": 2}, expected_version=1
        )
    (message,) = error.value.message_dict["capacity"]
    assert "3" in message


def test_a_session_with_invitees_stays_in_its_agency(
    cast: Cast, workshop: Workshop, woman: Beneficiary
) -> None:
    from irtiqaa.organisations.services import unit_create

    other = unit_create(
        kind="agency", code="sidi-kacem", name_fr="Agence Sidi Kacem", parent=cast.rsk
    )
    invite_all(workshop, [woman])
    with pytest.raises(ValidationError) as error:
        services.workshop_update(
            actor=cast.coordinator, workshop=workshop, fields={"agency": other}, expected_version=1
        )
    assert "agency" in error.value.message_dict


def test_cancelling_a_session(cast: Cast, workshop: Workshop, woman: Beneficiary) -> None:
    services.workshop_cancel(actor=cast.advisor, workshop=workshop, expected_version=1)
    workshop.refresh_from_db()
    assert workshop.cancelled
    with pytest.raises(ValidationError):
        services.invite(actor=cast.advisor, workshop=workshop, beneficiary_ids=[woman.pk])


# ---- invitations ----


def test_inviting_within_capacity_and_the_seats_left_in_the_error(cast: Cast, women: Women) -> None:
    workshop = make_workshop(cast.kenitra, capacity=5)
    group = women(7)
    invitations = services.invite(
        actor=cast.advisor, workshop=workshop, beneficiary_ids=[b.pk for b in group[:3]]
    )
    assert len(invitations) == 3
    with pytest.raises(ValidationError) as error:
        services.invite(
            actor=cast.advisor, workshop=workshop, beneficiary_ids=[b.pk for b in group[3:]]
        )
    (message,) = error.value.message_dict["beneficiaries"]
    assert seats_and_choice(message) == (2, 4)  # how many seats remain, how many were chosen
    assert Invitation.objects.filter(workshop=workshop).count() == 3
    # Inviting again a woman already invited takes no seat.
    services.invite(
        actor=cast.advisor,
        workshop=workshop,
        beneficiary_ids=[group[0].pk, group[3].pk, group[4].pk],
    )
    with pytest.raises(ValidationError) as error:
        services.invite(actor=cast.advisor, workshop=workshop, beneficiary_ids=[group[5].pk])
    (message,) = error.value.message_dict["beneficiaries"]
    assert seats_and_choice(message) == ()  # full: no number to give
    events = AuditEvent.objects.filter(object_type="workshops.invitation", action="create")
    assert sorted(events.values_list("beneficiary_id", flat=True)) == sorted(
        b.pk for b in group[:5]
    )


def test_only_women_of_the_sessions_agency_are_invited(
    cast: Cast, workshop: Workshop, outsider_woman: Beneficiary, settat_workshop: Workshop
) -> None:
    with pytest.raises(ValidationError) as error:
        services.invite(actor=cast.advisor, workshop=workshop, beneficiary_ids=[outsider_woman.pk])
    assert "beneficiaries" in error.value.message_dict
    # National sees both agencies, and still cannot mix them (nor organise at all).
    with pytest.raises(PermissionDenied):
        services.invite(actor=cast.national, workshop=workshop, beneficiary_ids=[outsider_woman.pk])
    with pytest.raises(PermissionDenied):
        services.invite(
            actor=cast.advisor, workshop=settat_workshop, beneficiary_ids=[outsider_woman.pk]
        )


def test_a_woman_who_withdrew_her_consent_is_not_invited(
    cast: Cast, workshop: Workshop, woman: Beneficiary
) -> None:
    withdraw(cast, woman)
    with pytest.raises(ValidationError) as error:
        services.invite(actor=cast.advisor, workshop=workshop, beneficiary_ids=[woman.pk])
    assert "Fatima Zahra El Alaoui" in error.value.message_dict["beneficiaries"][0]
    assert not Invitation.objects.exists()


def test_inviting_a_whole_season(
    cast: Cast, workshop: Workshop, women: Women, campaign: Campaign, outsider_woman: Beneficiary
) -> None:
    group = women(4)
    for b, status in zip(group, ["selected", "selected", "selected", "departed"], strict=True):
        Participation.objects.create(beneficiary=b, campaign=campaign, status=status)
    Participation.objects.create(beneficiary=outsider_woman, campaign=campaign, status="selected")
    withdraw(cast, group[2])
    invitations, left_out = services.invite_campaign(
        actor=cast.coordinator,
        workshop=workshop,
        campaign_id=campaign.pk,
        participation_status="selected",
    )
    assert {i.beneficiary_id for i in invitations} == {group[0].pk, group[1].pk}
    assert left_out == 1
    with pytest.raises(ValidationError) as error:
        services.invite_campaign(
            actor=cast.advisor,
            workshop=workshop,
            campaign_id=campaign.pk,
            participation_status="selected",
        )
    assert "campaign" in error.value.message_dict


def test_a_whole_season_beyond_capacity_invites_nobody(
    cast: Cast, women: Women, campaign: Campaign
) -> None:
    workshop = make_workshop(cast.kenitra, capacity=2)
    for b in women(3):
        Participation.objects.create(beneficiary=b, campaign=campaign, status="selected")
    with pytest.raises(ValidationError) as error:
        services.invite_campaign(actor=cast.advisor, workshop=workshop, campaign_id=campaign.pk)
    (message,) = error.value.message_dict["campaign"]
    assert seats_and_choice(message) == (2, 3)
    assert not Invitation.objects.exists()


def test_withdrawing_an_invitation(cast: Cast, workshop: Workshop, woman: Beneficiary) -> None:
    (invitation,) = services.invite(
        actor=cast.advisor, workshop=workshop, beneficiary_ids=[woman.pk]
    )
    services.invitation_remove(actor=cast.advisor, invitation=invitation)
    assert not Invitation.objects.exists()
    assert AuditEvent.objects.filter(
        object_type="workshops.invitation", action="delete", beneficiary_id=woman.pk
    ).exists()


# ---- attendance ----


def test_attendance_of_the_whole_group_at_once_and_her_interactions(
    cast: Cast, past_workshop: Workshop, women: Women
) -> None:
    group = women(4)
    invite_all(past_workshop, group)
    marks = {
        group[0].pk: "present",
        group[1].pk: "present",
        group[2].pk: "absent",
        group[3].pk: "excused",
    }
    result = services.attendance_record(actor=cast.advisor, workshop=past_workshop, marks=marks)
    assert result == {"changed": 4, "added": 2, "removed": 0, "kept": [], "case_closed": []}
    interactions = Interaction.objects.filter(workshop=past_workshop)
    assert sorted(interactions.values_list("beneficiary_id", flat=True)) == [
        group[0].pk,
        group[1].pk,
    ]
    first = interactions.first()
    assert first is not None
    assert first.kind == "workshop"
    assert first.occurred_on == timezone.localtime(past_workshop.starts_at).date()
    assert (first.duration_minutes, first.recorded_by) == (120, cast.advisor)
    counts = selectors.workshop_get(actor=cast.advisor, pk=past_workshop.pk)
    assert (counts.invited, counts.present, counts.absent, counts.excused) == (4, 2, 1, 1)  # type: ignore[attr-defined]
    assert (
        AuditEvent.objects.filter(object_type="workshops.invitation", action="update").count() == 4
    )

    # Saving the same marks again changes nothing; a correction moves her interaction.
    again = services.attendance_record(actor=cast.advisor, workshop=past_workshop, marks=marks)
    assert again == {"changed": 0, "added": 0, "removed": 0, "kept": [], "case_closed": []}
    corrected = {**marks, group[1].pk: "excused", group[2].pk: "present"}
    result = services.attendance_record(
        actor=cast.coordinator, workshop=past_workshop, marks=corrected
    )
    assert result == {"changed": 2, "added": 1, "removed": 1, "kept": [], "case_closed": []}
    assert sorted(
        Interaction.objects.filter(workshop=past_workshop).values_list("beneficiary_id", flat=True)
    ) == [group[0].pk, group[2].pk]


def test_attendance_is_all_or_nothing(cast: Cast, past_workshop: Workshop, women: Women) -> None:
    group = women(3)
    invite_all(past_workshop, group[:2])
    with pytest.raises(ValidationError) as error:
        services.attendance_record(
            actor=cast.advisor,
            workshop=past_workshop,
            marks={group[0].pk: "present", group[2].pk: "present"},  # she was not invited
        )
    assert "attendance" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.attendance_record(
            actor=cast.advisor, workshop=past_workshop, marks={group[0].pk: "late"}
        )
    assert not Invitation.objects.exclude(attendance="").exists()
    assert not Interaction.objects.exists()


def test_attendance_waits_for_the_sessions_day(
    cast: Cast, workshop: Workshop, woman: Beneficiary
) -> None:
    invite_all(workshop, [woman])
    with pytest.raises(ValidationError) as error:
        services.attendance_record(
            actor=cast.advisor, workshop=workshop, marks={woman.pk: "present"}
        )
    assert len(error.value.message_dict["attendance"]) == 1
    assert not Interaction.objects.exists()


def test_her_attendance_is_frozen_once_she_withdrew_her_consent(
    cast: Cast, past_workshop: Workshop, women: Women
) -> None:
    group = women(2)
    invite_all(past_workshop, group)
    withdraw(cast, group[1])
    with pytest.raises(ValidationError):
        services.attendance_record(
            actor=cast.advisor,
            workshop=past_workshop,
            marks={group[0].pk: "present", group[1].pk: "present"},
        )
    assert not Interaction.objects.exists()
    services.attendance_record(
        actor=cast.advisor, workshop=past_workshop, marks={group[0].pk: "present"}
    )
    assert Interaction.objects.filter(beneficiary=group[0]).count() == 1


def test_a_session_with_attendance_recorded_keeps_its_date_and_duration(
    cast: Cast, past_workshop: Workshop, women: Women
) -> None:
    group = women(2)
    invite_all(past_workshop, group)
    # Invited, nothing recorded yet: the session can still move.
    later = past_workshop.starts_at + datetime.timedelta(hours=1)
    services.workshop_update(
        actor=cast.advisor,
        workshop=past_workshop,
        fields={"starts_at": later},
        expected_version=1,
    )
    services.attendance_record(
        actor=cast.advisor,
        workshop=past_workshop,
        marks={group[0].pk: "present", group[1].pk: "absent"},
    )
    past_workshop.refresh_from_db()
    version = past_workshop.version
    interaction = Interaction.objects.get(workshop=past_workshop)
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    for change in ({"starts_at": tomorrow}, {"duration_minutes": 150}):
        with pytest.raises(ValidationError) as error:
            services.workshop_update(
                actor=cast.advisor,
                workshop=Workshop.objects.get(pk=past_workshop.pk),
                fields=change,
                expected_version=version,
            )
        assert set(error.value.message_dict) == set(change)
    past_workshop.refresh_from_db()
    assert (past_workshop.starts_at, past_workshop.duration_minutes) == (later, 120)
    assert past_workshop.version == version
    unchanged = Interaction.objects.get(pk=interaction.pk)
    assert (unchanged.occurred_on, unchanged.duration_minutes, unchanged.version) == (
        interaction.occurred_on,
        120,
        1,
    )
    # Everything else about the session can still be corrected.
    services.workshop_update(
        actor=cast.advisor,
        workshop=past_workshop,
        fields={"place": "Salle B", "starts_at": later, "duration_minutes": 120},
        expected_version=version,
    )
    past_workshop.refresh_from_db()
    assert past_workshop.place == "Salle B"


def _link_to_a_plan_action(cast: Cast, interaction: Interaction) -> None:
    from irtiqaa.plans.models import Action, ActionPlan, Goal

    plan = ActionPlan.objects.create(beneficiary_id=interaction.beneficiary_id)
    goal = Goal.objects.create(plan=plan, title="Ouvrir un compte d'épargne")
    action = Action.objects.create(
        goal=goal, title="Rendez-vous à la banque", owner=Action.Owner.WOMAN
    )
    action.interactions.add(interaction)


def test_no_longer_present_keeps_the_interaction_an_advisor_worked_on(
    cast: Cast, past_workshop: Workshop, women: Women
) -> None:
    from irtiqaa.cases.services import interaction_update

    group = women(3)
    invite_all(past_workshop, group)
    services.attendance_record(
        actor=cast.advisor,
        workshop=past_workshop,
        marks={b.pk: "present" for b in group},
    )
    mine = {i.beneficiary_id: i for i in Interaction.objects.filter(workshop=past_workshop)}
    interaction_update(
        actor=cast.advisor,
        interaction=mine[group[0].pk],
        fields={"notes": "Elle veut ouvrir un compte d'épargne au retour."},
        expected_version=1,
    )
    _link_to_a_plan_action(cast, mine[group[1].pk])

    result = services.attendance_record(
        actor=cast.coordinator,
        workshop=past_workshop,
        marks={b.pk: "absent" for b in group},
    )
    assert (result["changed"], result["added"], result["removed"]) == (3, 0, 1)
    assert [b.pk for b in result["kept"]] == [group[0].pk, group[1].pk]
    assert set(
        Interaction.objects.filter(workshop=past_workshop).values_list("beneficiary_id", flat=True)
    ) == {group[0].pk, group[1].pk}
    assert Interaction.objects.get(pk=mine[group[0].pk].pk).notes.startswith("Elle veut")
    assert set(Invitation.objects.values_list("attendance", flat=True)) == {"absent"}
    # Present again: her kept interaction is hers again, not a second one.
    services.attendance_record(
        actor=cast.advisor, workshop=past_workshop, marks={group[0].pk: "present"}
    )
    assert Interaction.objects.filter(beneficiary=group[0]).count() == 1


def test_her_workshop_interactions_are_audited_and_take_her_cases_phase(
    cast: Cast, past_workshop: Workshop, women: Women
) -> None:
    from irtiqaa.cases.models import Case

    group = women(2)
    invite_all(past_workshop, group)
    Case.objects.filter(beneficiary=group[1]).update(phase="in_season")
    services.attendance_record(
        actor=cast.advisor,
        workshop=past_workshop,
        marks={b.pk: "present" for b in group},
        via="api",
    )
    phases = dict(
        Interaction.objects.filter(workshop=past_workshop).values_list("beneficiary_id", "phase")
    )
    assert phases == {group[0].pk: "pre_departure", group[1].pk: "in_season"}
    created = AuditEvent.objects.filter(object_type="cases.interaction", action="create")
    assert {(e.beneficiary_id, e.object_id, e.via) for e in created} == {
        (i.beneficiary_id, str(i.pk), "api") for i in Interaction.objects.all()
    }
    for event in created:
        assert {"workshop", "occurred_on", "phase"} <= set(event.changed_fields)
        assert all(isinstance(name, str) and name.isidentifier() for name in event.changed_fields)

    gone = Interaction.objects.get(beneficiary=group[1])
    services.attendance_record(
        actor=cast.advisor, workshop=past_workshop, marks={group[1].pk: "excused"}
    )
    deleted = AuditEvent.objects.get(object_type="cases.interaction", action="delete")
    assert (deleted.beneficiary_id, deleted.object_id) == (group[1].pk, str(gone.pk))


def test_no_interaction_is_added_or_removed_while_her_case_is_closed(
    cast: Cast, past_workshop: Workshop, women: Women
) -> None:
    from irtiqaa.cases.models import Case

    group = women(2)
    invite_all(past_workshop, group)
    services.attendance_record(
        actor=cast.advisor, workshop=past_workshop, marks={group[1].pk: "present"}
    )
    Case.objects.filter(beneficiary__in=group).update(phase="closed")
    result = services.attendance_record(
        actor=cast.advisor,
        workshop=past_workshop,
        marks={group[0].pk: "present", group[1].pk: "absent"},
    )
    assert (result["changed"], result["added"], result["removed"]) == (2, 0, 0)
    assert [b.pk for b in result["case_closed"]] == [group[0].pk, group[1].pk]
    assert dict(Invitation.objects.values_list("beneficiary_id", "attendance")) == {
        group[0].pk: "present",
        group[1].pk: "absent",
    }
    assert list(Interaction.objects.values_list("beneficiary_id", flat=True)) == [group[1].pk]


def test_attendance_from_a_stale_version_is_a_conflict(
    cast: Cast, past_workshop: Workshop, women: Women
) -> None:
    group = women(2)
    invite_all(past_workshop, group)
    marks = {group[0].pk: "present", group[1].pk: "absent"}
    first = Workshop.objects.get(pk=past_workshop.pk)
    services.attendance_record(actor=cast.advisor, workshop=first, marks=marks, expected_version=1)
    assert first.version == 2 == Workshop.objects.get(pk=past_workshop.pk).version
    # The coordinator's page still shows the empty roll: her save would revert the advisor's.
    with pytest.raises(EditConflict):
        services.attendance_record(
            actor=cast.coordinator,
            workshop=past_workshop,
            marks={group[0].pk: "absent", group[1].pk: "present"},
            expected_version=1,
        )
    assert dict(Invitation.objects.values_list("beneficiary_id", "attendance")) == marks
    assert Interaction.objects.get().beneficiary_id == group[0].pk
    # Saving the same roll again changes nothing and keeps the version.
    services.attendance_record(actor=cast.advisor, workshop=first, marks=marks, expected_version=2)
    assert Workshop.objects.get(pk=past_workshop.pk).version == 2
    # Knowingly, from the newest version, her correction goes through.
    services.attendance_record(
        actor=cast.coordinator,
        workshop=past_workshop,
        marks={group[1].pk: "present"},
        expected_version=2,
    )
    assert Workshop.objects.get(pk=past_workshop.pk).version == 3
    # A stale edit of the session itself is a conflict too.
    with pytest.raises(EditConflict):
        services.workshop_update(
            actor=cast.advisor, workshop=first, fields={"place": "Salle C"}, expected_version=2
        )


def test_printing_the_sheet_is_an_export_of_each_woman_listed(
    cast: Cast, workshop: Workshop, women: Women
) -> None:
    group = women(3)
    services.attendance_sheet_printed(
        actor=cast.advisor, workshop=workshop, beneficiary_ids=[b.pk for b in group]
    )
    events = AuditEvent.objects.filter(action="export", object_type="workshops.workshop")
    assert sorted(e.beneficiary_id for e in events) == sorted(b.pk for b in group)
    assert {(e.object_id, tuple(e.changed_fields)) for e in events} == {
        (str(workshop.pk), ("attendance_sheet",))
    }


def test_an_attended_session_cannot_be_cancelled(
    cast: Cast, past_workshop: Workshop, woman: Beneficiary
) -> None:
    invite_all(past_workshop, [woman])
    services.attendance_record(
        actor=cast.advisor, workshop=past_workshop, marks={woman.pk: "present"}
    )
    with pytest.raises(ValidationError) as error:
        services.workshop_cancel(actor=cast.advisor, workshop=past_workshop, expected_version=1)
    assert "cancelled" in error.value.message_dict
    (invitation,) = Invitation.objects.all()
    with pytest.raises(ValidationError):
        services.invitation_remove(actor=cast.advisor, invitation=invitation)


# ---- reads ----


def test_scope_of_the_reads(cast: Cast, workshop: Workshop, settat_workshop: Workshop) -> None:
    assert list(selectors.workshops_in_scope(cast.advisor)) == [workshop]
    assert list(selectors.workshops_in_scope(cast.coordinator)) == [workshop]
    assert list(selectors.workshops_in_scope(cast.coordinator_cs)) == [settat_workshop]
    assert set(selectors.workshops_in_scope(cast.national)) == {workshop, settat_workshop}
    for user in (cast.partner, cast.analyst, cast.admin):
        assert not selectors.workshops_in_scope(user).exists()
    with pytest.raises(Http404):
        selectors.workshop_get(actor=cast.advisor, pk=settat_workshop.pk)
    with pytest.raises(Http404):
        selectors.workshop_get(actor=cast.coordinator_cs, pk=workshop.pk)


def test_periods_and_this_weeks_sessions(cast: Cast) -> None:
    today = datetime.date(2026, 11, 25)  # a Wednesday

    def at(day: datetime.date) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))

    monday = make_workshop(cast.kenitra, starts_at=at(datetime.date(2026, 11, 23)))
    sunday = make_workshop(cast.kenitra, starts_at=at(datetime.date(2026, 11, 29)))
    next_week = make_workshop(cast.kenitra, starts_at=at(datetime.date(2026, 12, 1)))
    last_week = make_workshop(cast.kenitra, starts_at=at(datetime.date(2026, 11, 20)))
    make_workshop(cast.kenitra, starts_at=at(datetime.date(2026, 11, 26)), cancelled=True)
    make_workshop(cast.settat, starts_at=at(datetime.date(2026, 11, 24)))

    def listed(period: str) -> list[Workshop]:
        return list(selectors.workshop_list(actor=cast.advisor, period=period, today=today))

    assert listed("week")[0] == monday and listed("week")[-1] == sunday
    assert len(listed("week")) == 3
    assert listed("upcoming") == [next_week]
    assert listed("past") == [monday, last_week]
    assert selectors.workshops_this_week(actor=cast.advisor, today=today) == [monday, sunday]


def test_file_section_and_timeline(
    cast: Cast, past_workshop: Workshop, workshop: Workshop, woman: Beneficiary
) -> None:
    from irtiqaa.workshops.timeline import timeline_entries

    invite_all(past_workshop, [woman])
    invite_all(workshop, [woman])
    services.attendance_record(
        actor=cast.advisor, workshop=past_workshop, marks={woman.pk: "present"}
    )
    section = selectors.file_section(actor=cast.advisor, beneficiary=woman)
    assert [i.workshop for i in section["invitations"]] == [workshop, past_workshop]
    assert section["attended"] == 1
    entries = timeline_entries(actor=cast.advisor, beneficiary=woman)
    assert {e.kind for e in entries} == {"workshop"}
    titles = sorted(e.title for e in entries)
    assert len(titles) == 2
    assert titles[0].endswith("Éducation financière : épargner la saison")
    assert titles[1].endswith("Information pré-départ : droits et contrat")
