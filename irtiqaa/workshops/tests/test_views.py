"""The pages: list, session form (bad input named, stale version), detail with counts,
invitations and the attendance roll posted for the whole group."""

import datetime
import re
from collections.abc import Callable

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from irtiqaa.accounts.models import User
from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.cases.models import Interaction
from irtiqaa.conftest import Cast
from irtiqaa.workshops.models import Invitation, Workshop
from irtiqaa.workshops.tests.conftest import invite_all, make_workshop

Login = Callable[[User], Client]
Women = Callable[..., list[Beneficiary]]


def form_data(cast: Cast, **overrides: str) -> dict[str, str]:
    starts = timezone.localtime() + datetime.timedelta(days=4)
    data = {
        "agency": str(cast.kenitra.pk),
        "kind": "entrepreneurship",
        "title": "Créer son activité — module 1",
        "starts_at": starts.strftime("%Y-%m-%dT09:30"),
        "duration_minutes": "180",
        "place": "Centre de formation",
        "facilitator": "M. Ouali",
        "capacity": "15",
        "notes": "",
    }
    data.update(overrides)
    return data


def test_list_this_week_upcoming_and_past(cast: Cast, login: Login) -> None:
    today = timezone.localdate()
    this_week = make_workshop(
        cast.kenitra,
        title="Espagnol de base",
        starts_at=timezone.make_aware(datetime.datetime.combine(today, datetime.time(23, 0))),
    )
    later = make_workshop(
        cast.kenitra,
        title="Créer son activité",
        starts_at=timezone.now() + datetime.timedelta(days=15),
    )
    make_workshop(cast.settat, title="Séance de Settat", starts_at=this_week.starts_at)
    client = login(cast.advisor)
    page = client.get(reverse("workshops:list")).content.decode()
    assert "Espagnol de base" in page and "Séance de Settat" not in page
    assert "Créer son activité" not in page
    assert (
        "Créer son activité"
        in client.get(reverse("workshops:list") + "?period=upcoming").content.decode()
    )
    assert (
        "Espagnol de base"
        not in client.get(
            reverse("workshops:list") + "?period=upcoming&kind=spanish"
        ).content.decode()
    )
    assert later.pk
    # The navigation links to the page.
    assert f'href="{reverse("workshops:list")}"' in page


def test_creating_a_session(cast: Cast, login: Login) -> None:
    response = login(cast.advisor).post(reverse("workshops:create"), form_data(cast))
    workshop = Workshop.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "workshops:detail", args=[workshop.pk]
    )
    assert (workshop.agency, workshop.capacity, workshop.created_by) == (
        cast.kenitra,
        15,
        cast.advisor,
    )
    assert timezone.localtime(workshop.starts_at).strftime("%H:%M") == "09:30"


def test_bad_input_is_named_and_changes_nothing(cast: Cast, login: Login) -> None:
    client = login(cast.advisor)
    cases = {
        "capacity": "0",
        "duration_minutes": "0",
        "starts_at": "demain",
        "agency": str(cast.settat.pk),
        "title": "   ",
    }
    for field, value in cases.items():
        response = client.post(reverse("workshops:create"), form_data(cast, **{field: value}))
        assert response.status_code == 200, field
        assert field in response.context["form"].errors, field
        assert f'id="id_{field}-error"' in response.content.decode(), field
    long_ago = (timezone.localdate() - datetime.timedelta(days=400)).strftime("%Y-%m-%dT10:00")
    response = client.post(reverse("workshops:create"), form_data(cast, starts_at=long_ago))
    assert "starts_at" in response.context["form"].errors
    assert not Workshop.objects.exists()


def test_editing_with_a_stale_version_shows_the_conflict(
    cast: Cast, login: Login, workshop: Workshop
) -> None:
    client = login(cast.coordinator)
    url = reverse("workshops:edit", args=[workshop.pk])
    start = timezone.localtime(workshop.starts_at).strftime("%Y-%m-%dT%H:%M")
    data = {**form_data(cast, starts_at=start), "version": "1", "place": "Salle A"}
    assert client.post(url, data).status_code == 302
    response = client.post(url, {**data, "place": "Salle B"})  # still version 1
    assert response.status_code == 200 and response.context["conflict"]
    assert 'name="version" value="2"' in response.content.decode()
    workshop.refresh_from_db()
    assert (workshop.place, workshop.version) == ("Salle A", 2)


def test_scope_404_for_another_agency_or_region(
    cast: Cast, login: Login, settat_workshop: Workshop, workshop: Workshop
) -> None:
    for user, other in ((cast.advisor, settat_workshop), (cast.coordinator_cs, workshop)):
        client = login(user)
        for name in ("detail", "edit", "invite", "attendance", "sheet"):
            assert client.get(reverse(f"workshops:{name}", args=[other.pk])).status_code == 404
    assert (
        login(cast.national).get(reverse("workshops:detail", args=[settat_workshop.pk])).status_code
        == 200
    )


def test_inviting_from_the_search_and_the_seats_left(
    cast: Cast, login: Login, women: Women, woman: Beneficiary, outsider_woman: Beneficiary
) -> None:
    workshop = make_workshop(cast.kenitra, capacity=3)
    group = women(5)
    client = login(cast.advisor)
    url = reverse("workshops:invite", args=[workshop.pk])
    page = client.get(url, {"q": "الزهراء"}).content.decode()
    assert "Fatima Zahra El Alaoui" in page and "Amina2 Ouhammou" not in page
    assert "Amina2 Ouhammou" in client.get(url, {"q": "ouhammou"}).content.decode()
    assert "Khadija" not in client.get(url, {"q": "khadija"}).content.decode()
    response = client.post(url, {"action": "select", "beneficiaries": [b.pk for b in group[:4]]})
    assert response.status_code == 200
    error = re.search(r'id="beneficiaries-error">([^<]+)<', response.content.decode())
    assert error is not None and [int(n) for n in re.findall(r"\d+", error.group(1))] == [3, 4]
    assert not Invitation.objects.exists()
    response = client.post(url, {"action": "select", "beneficiaries": [b.pk for b in group[:3]]})
    assert response.status_code == 302
    assert Invitation.objects.filter(workshop=workshop).count() == 3
    detail = client.get(reverse("workshops:detail", args=[workshop.pk])).content.decode()
    assert "3 / 3" in detail


def test_inviting_a_season_from_the_page(
    cast: Cast, login: Login, workshop: Workshop, women: Women, campaign: object
) -> None:
    from irtiqaa.seasons.models import Participation

    for b in women(2):
        Participation.objects.create(beneficiary=b, campaign=campaign, status="selected")
    client = login(cast.coordinator)
    url = reverse("workshops:invite", args=[workshop.pk])
    response = client.post(url, {"action": "campaign", "campaign": "999999"})
    assert response.status_code == 200 and "campaign" in response.context["campaign_form"].errors
    response = client.post(
        url,
        {"action": "campaign", "campaign": campaign.pk, "participation_status": "selected"},  # type: ignore[attr-defined]
    )
    assert response.status_code == 302
    assert Invitation.objects.filter(workshop=workshop).count() == 2


def test_withdrawing_an_invitation_from_the_page(
    cast: Cast, login: Login, workshop: Workshop, woman: Beneficiary
) -> None:
    (invitation,) = invite_all(workshop, [woman])
    response = login(cast.advisor).post(
        reverse("workshops:invitation_remove", args=[invitation.pk])
    )
    assert response.status_code == 302 and not Invitation.objects.exists()


def test_attendance_for_the_whole_group_in_one_post(
    cast: Cast, login: Login, past_workshop: Workshop, women: Women
) -> None:
    group = women(3)
    invite_all(past_workshop, group)
    client = login(cast.advisor)
    url = reverse("workshops:attendance", args=[past_workshop.pk])
    page = client.get(url).content.decode()
    assert page.count('type="radio"') == 9
    assert "أمينة" in page and "Amina0 Ouhammou" in page
    assert 'name="version" value="1"' in page
    response = client.post(
        url,
        {
            "version": "1",
            f"attendance_{group[0].pk}": "present",
            f"attendance_{group[1].pk}": "absent",
            f"attendance_{group[2].pk}": "excused",
        },
    )
    assert response.status_code == 302
    assert dict(Invitation.objects.values_list("beneficiary_id", "attendance")) == {
        group[0].pk: "present",
        group[1].pk: "absent",
        group[2].pk: "excused",
    }
    assert list(Interaction.objects.values_list("beneficiary_id", flat=True)) == [group[0].pk]
    detail = client.get(reverse("workshops:detail", args=[past_workshop.pk]))
    w = detail.context["w"]
    assert (w.invited, w.present, w.absent, w.excused) == (3, 1, 1, 1)
    # A value that is not one of the three choices is refused; nothing changes.
    response = client.post(url, {"version": "2", f"attendance_{group[0].pk}": "late"})
    assert response.status_code == 200
    assert Invitation.objects.get(beneficiary=group[0]).attendance == "present"


def test_no_attendance_before_the_day(
    cast: Cast, login: Login, workshop: Workshop, woman: Beneficiary
) -> None:
    invite_all(workshop, [woman])
    response = login(cast.advisor).post(
        reverse("workshops:attendance", args=[workshop.pk]), {f"attendance_{woman.pk}": "present"}
    )
    assert response.status_code == 200 and 'id="attendance-error"' in response.content.decode()
    assert not Interaction.objects.exists()


def test_her_file_shows_her_workshops(
    cast: Cast, login: Login, past_workshop: Workshop, woman: Beneficiary
) -> None:
    invite_all(past_workshop, [woman])
    page = login(cast.advisor).get(reverse("beneficiaries:file", args=[woman.pk])).content.decode()
    assert 'id="workshops"' in page and past_workshop.title in page


def test_cancelling_from_the_page(cast: Cast, login: Login, workshop: Workshop) -> None:
    client = login(cast.advisor)
    url = reverse("workshops:cancel", args=[workshop.pk])
    assert client.get(url).status_code == 405
    client.post(url, {"version": "1"})
    workshop.refresh_from_db()
    assert workshop.cancelled


def test_attendance_over_a_newer_roll_shows_the_conflict_with_her_marks(
    cast: Cast, login: Login, past_workshop: Workshop, women: Women
) -> None:
    group = women(2)
    invite_all(past_workshop, group)
    url = reverse("workshops:attendance", args=[past_workshop.pk])
    advisor, coordinator = login(cast.advisor), login(cast.coordinator)
    # Both opened the roll at version 1; the advisor saves first.
    first = {"version": "1", f"attendance_{group[0].pk}": "present"}
    assert advisor.post(url, first).status_code == 302
    second = {
        "version": "1",
        f"attendance_{group[0].pk}": "absent",
        f"attendance_{group[1].pk}": "present",
    }
    response = coordinator.post(url, second)
    assert response.status_code == 200 and response.context["conflict"]
    page = response.content.decode()
    assert 'id="attendance-error"' in page and 'name="version" value="2"' in page
    assert re.search(rf'name="attendance_{group[0].pk}" value="absent"\s+checked', page)
    assert re.search(rf'name="attendance_{group[1].pk}" value="present"\s+checked', page)
    assert dict(Invitation.objects.values_list("beneficiary_id", "attendance")) == {
        group[0].pk: "present",
        group[1].pk: "",
    }
    # Saved again from the newest version, knowingly: it goes through.
    assert coordinator.post(url, {**second, "version": "2"}).status_code == 302
    assert dict(Invitation.objects.values_list("beneficiary_id", "attendance")) == {
        group[0].pk: "absent",
        group[1].pk: "present",
    }


def test_the_roll_names_the_women_whose_file_it_left_as_it_was(
    cast: Cast, login: Login, past_workshop: Workshop, women: Women
) -> None:
    from irtiqaa.cases.models import Case

    group = women(2)
    invite_all(past_workshop, group)
    Case.objects.filter(beneficiary=group[1]).update(phase="closed")
    client = login(cast.advisor)
    response = client.post(
        reverse("workshops:attendance", args=[past_workshop.pk]),
        {
            "version": "1",
            f"attendance_{group[0].pk}": "present",
            f"attendance_{group[1].pk}": "present",
        },
        follow=True,
    )
    warnings = [str(m) for m in response.context["messages"] if m.level_tag == "warning"]
    assert len(warnings) == 1 and group[1].display_name in warnings[0]
    assert list(Interaction.objects.values_list("beneficiary_id", flat=True)) == [group[0].pk]


def test_editing_an_attended_session_keeps_its_date(
    cast: Cast, login: Login, past_workshop: Workshop, woman: Beneficiary
) -> None:
    invite_all(past_workshop, [woman])
    client = login(cast.advisor)
    client.post(
        reverse("workshops:attendance", args=[past_workshop.pk]),
        {"version": "1", f"attendance_{woman.pk}": "present"},
    )
    url = reverse("workshops:edit", args=[past_workshop.pk])
    shown = timezone.localtime(past_workshop.starts_at)
    data = {
        **form_data(cast, starts_at=shown.strftime("%Y-%m-%dT%H:%M"), duration_minutes="120"),
        "version": "2",
    }
    # The page shows the start to the minute: saving another correction is not a move.
    assert client.post(url, data).status_code == 302
    past_workshop.refresh_from_db()
    assert past_workshop.title == data["title"]
    moved = (shown + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(url, {**data, "version": "3", "starts_at": moved})
    assert response.status_code == 200 and "starts_at" in response.context["form"].errors
    response = client.post(url, {**data, "version": "3", "duration_minutes": "60"})
    assert response.status_code == 200 and "duration_minutes" in response.context["form"].errors


def test_printing_the_sheet_is_audited_for_each_woman_listed(
    cast: Cast, login: Login, workshop: Workshop, women: Women
) -> None:
    from irtiqaa.audit.models import AuditEvent

    group = women(2)
    invite_all(workshop, group)
    response = login(cast.advisor).get(reverse("workshops:sheet", args=[workshop.pk]))
    assert response.status_code == 200
    events = AuditEvent.objects.filter(action="export", object_type="workshops.workshop")
    assert sorted(e.beneficiary_id for e in events) == sorted(b.pk for b in group)


def test_digits_of_other_scripts_are_not_a_server_error(
    cast: Cast, login: Login, workshop: Workshop, woman: Beneficiary
) -> None:
    client = login(cast.advisor)
    for agency in ("²", "٣", "１"):
        assert client.get(reverse("workshops:list"), {"agency": agency}).status_code == 200
    url = reverse("workshops:invite", args=[workshop.pk])
    response = client.post(url, {"action": "select", "beneficiaries": ["²"]})
    assert response.status_code == 200 and 'id="beneficiaries-error"' in response.content.decode()
    assert not Invitation.objects.exists()
    response = client.post(url, {"action": "select", "beneficiaries": ["²", str(woman.pk)]})
    assert response.status_code == 302
    assert Invitation.objects.get().beneficiary_id == woman.pk
