"""Demo workshops: for each demo agency, past sessions with their attendance recorded (and the
workshop interactions it leaves in the women's files), and sessions this week and next with
their invitations. Dates are relative to `today`; the same rng gives the same sessions.

Skipped when workshops already exist, so that loading the demo twice adds nothing.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from irtiqaa.accounts.models import Role, User
from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.cases.models import Interaction
from irtiqaa.demo.organisation import DEMO_AGENCIES
from irtiqaa.organisations.models import OrganisationUnit
from irtiqaa.workshops.models import Invitation, Workshop
from irtiqaa.workshops.selectors import accompaniment_allowed_ids

Kind = Workshop.Kind
Attendance = Invitation.Attendance

TITLES = {
    Kind.PRE_DEPARTURE: (
        "Information pré-départ : droits et contrat",
        "Information pré-départ : santé et sécurité au travail",
    ),
    Kind.FINANCIAL_LITERACY: (
        "Éducation financière : épargner la saison",
        "Éducation financière : envoyer son argent sans frais",
    ),
    Kind.SPANISH: ("Espagnol de base", "Espagnol de base — au travail et au quotidien"),
    Kind.ENTREPRENEURSHIP: (
        "Créer son activité — module 1",
        "Créer son activité — module 2 : le plan d'affaires",
    ),
    Kind.RETURN: ("Retour de saison : faire le point et préparer la suite",),
}
PLACES = (
    "Salle de réunion de l'agence",
    "Maison des jeunes",
    "Centre de formation agricole",
    "Foyer féminin de la commune",
)
FACILITATORS = (
    "Mme Samira Bennis",
    "M. Abdelilah Naji",
    "Mme Khadija Ait Lahcen",
    "M. Youssef El Idrissi",
    "Mme Nora Saidi",
)
# Days from today of the sessions of each agency: held already, this week, next week.
PAST_DAYS = (-75, -46, -19, -5)
# (present, absent, excused) weights of a recorded attendance.
ATTENDANCE_WEIGHTS = (78, 14, 8)


def _demo_agencies() -> list[OrganisationUnit]:
    codes = [code for codes in DEMO_AGENCIES.values() for code in codes]
    return list(
        OrganisationUnit.objects.filter(kind=OrganisationUnit.Kind.AGENCY, code__in=codes).order_by(
            "path"
        )
    )


def _upcoming_days(today: datetime.date, rng: random.Random) -> list[int]:
    """One or two sessions left this week (today included) and one or two next week."""
    left_this_week = 6 - today.weekday()
    this_week = sorted(rng.sample(range(left_this_week + 1), k=min(2, left_this_week + 1)))
    next_week = sorted(
        rng.sample(range(left_this_week + 1, left_this_week + 6), k=rng.randint(1, 2))
    )
    return this_week[: rng.randint(1, 2)] + next_week


def _at(day: datetime.date, rng: random.Random) -> datetime.datetime:
    hour, minute = rng.choice(((9, 0), (9, 30), (10, 0), (14, 0), (14, 30)))
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def seed(*, rng: random.Random, today: datetime.date) -> None:
    if Workshop.objects.exists():
        return
    agencies = _demo_agencies()
    advisors: dict[int, list[User]] = {}
    for advisor in User.objects.filter(role=Role.ADVISOR, unit__in=agencies).order_by("username"):
        advisors.setdefault(advisor.unit_id, []).append(advisor)  # type: ignore[arg-type]
    women_by_agency: dict[int, list[int]] = {}
    for pk, agency_id in Beneficiary.objects.filter(home_agency__in=agencies).values_list(
        "pk", "home_agency_id"
    ):
        women_by_agency.setdefault(agency_id, []).append(pk)
    allowed = accompaniment_allowed_ids([pk for ids in women_by_agency.values() for pk in ids])

    planned: list[tuple[Workshop, list[int], bool]] = []  # session, invitees, attendance taken
    for agency in agencies:
        staff = advisors.get(agency.pk, [])
        women = sorted(pk for pk in women_by_agency.get(agency.pk, []) if pk in allowed)
        kinds = [Kind.PRE_DEPARTURE, Kind.FINANCIAL_LITERACY, Kind.SPANISH, Kind.ENTREPRENEURSHIP]
        days = [(d, True) for d in PAST_DAYS] + [(d, False) for d in _upcoming_days(today, rng)]
        for offset, held in days:
            kind = rng.choice([*kinds, Kind.RETURN] if held else kinds)
            capacity = rng.choice((12, 15, 20, 25))
            starts_at = _at(today + datetime.timedelta(days=offset), rng)
            workshop = Workshop(
                agency=agency,
                kind=kind,
                title=rng.choice(TITLES[kind]),
                starts_at=starts_at,
                duration_minutes=rng.choice((90, 120, 150, 180)),
                place=rng.choice(PLACES),
                facilitator=rng.choice(FACILITATORS),
                capacity=capacity,
                created_by=rng.choice(staff) if staff else None,
                created_at=starts_at - datetime.timedelta(days=rng.randint(7, 21)),
            )
            seats = rng.randint(capacity * 2 // 3, capacity) if held else rng.randint(3, capacity)
            planned.append((workshop, rng.sample(women, k=min(seats, len(women))), held))

    with transaction.atomic():
        workshops = Workshop.objects.bulk_create([w for w, _, _ in planned])
        invitations: list[Invitation] = []
        interactions: list[Interaction] = []
        for workshop, (_, invitees, held) in zip(workshops, planned, strict=True):
            by = workshop.created_by
            day = timezone.localtime(workshop.starts_at).date()
            for pk in invitees:
                attendance = ""
                if held:
                    attendance = rng.choices(
                        (Attendance.PRESENT, Attendance.ABSENT, Attendance.EXCUSED),
                        ATTENDANCE_WEIGHTS,
                    )[0]
                invitations.append(
                    Invitation(
                        workshop=workshop,
                        beneficiary_id=pk,
                        invited_at=workshop.created_at,
                        invited_by=by,
                        attendance=attendance,
                        attendance_recorded_at=workshop.ends_at if held else None,
                        attendance_recorded_by=by if held else None,
                    )
                )
                if attendance == Attendance.PRESENT:
                    interactions.append(
                        Interaction(
                            beneficiary_id=pk,
                            kind=Interaction.Kind.WORKSHOP,
                            workshop=workshop,
                            occurred_on=day,
                            duration_minutes=workshop.duration_minutes,
                            recorded_by=by,
                            created_at=workshop.ends_at,
                        )
                    )
        Invitation.objects.bulk_create(invitations, batch_size=2000)
        Interaction.objects.bulk_create(interactions, batch_size=2000)
