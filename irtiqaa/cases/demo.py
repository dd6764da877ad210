"""Demo data of this app: cases that agree with the women's seasons, and interactions around
`today` so that the pages have something to show (next steps due today and this week, women
back for more than a month without a post-return contact, closures, one awaiting approval,
a transfer).

Written in bulk: a few seconds for the demo's 600 women on SQLite. Women who already have a
case are left alone, so running it again adds nothing to them.
"""

import datetime
import random
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from irtiqaa.accounts.models import Role, User
from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.cases import phases
from irtiqaa.cases.models import (
    AccompanimentRules,
    Case,
    ClosureReason,
    Interaction,
    Phase,
    PhaseChange,
    Topic,
    Transfer,
)
from irtiqaa.organisations.models import OrganisationUnit
from irtiqaa.seasons.models import Participation

KINDS = (
    [Interaction.Kind.MEETING] * 4
    + [Interaction.Kind.CALL] * 5
    + [Interaction.Kind.HOME_VISIT]
    + [Interaction.Kind.MESSAGE] * 2
)

# Topics an advisor most often discusses in each phase.
TOPICS_BY_PHASE: dict[str, list[str]] = {
    Phase.PRE_DEPARTURE: ["rights", "contract", "health", "papers", "savings", "family"],
    Phase.IN_SEASON: ["health", "contract", "wellbeing", "family", "rights"],
    Phase.POST_RETURN: ["return", "savings", "business-idea", "training", "wellbeing", "family"],
    Phase.ENTREPRENEURSHIP: ["business-idea", "training", "financing", "savings", "papers"],
    Phase.POST_CREATION: ["financing", "business-idea", "wellbeing", "papers"],
}

NOTES: dict[str, list[str]] = {
    Phase.PRE_DEPARTURE: [
        "Dossier de visa complet, visite médicale faite. Inquiète pour la garde des enfants.",
        "Elle connaît mal son contrat : relu ensemble les heures et le logement.",
        "Sa belle-mère gardera les enfants. Veut ouvrir un compte pour son épargne.",
    ],
    Phase.IN_SEASON: [
        "Appel depuis Huelva : fatiguée mais le travail se passe bien.",
        "Se plaint de retards de paie, orientée vers la médiatrice de l'exploitation.",
        "Mal au dos depuis deux semaines, conseillée d'aller au centre de santé.",
    ],
    Phase.POST_RETURN: [
        "Rentrée avec environ 25 000 MAD d'économies. Pense à un élevage de poules.",
        "Souhaite une formation en couture. Son mari soutient le projet.",
        "Fatiguée, veut repartir la saison prochaine avant de lancer quoi que ce soit.",
    ],
    Phase.ENTREPRENEURSHIP: [
        "Idée d'épicerie dans le douar : travaillé les prix et la clientèle.",
        "Diagnostic fait ; elle hésite entre la coopérative et l'auto-entrepreneur.",
        "Dossier de financement à compléter (devis du matériel).",
    ],
    Phase.POST_CREATION: [
        "Visite de l'atelier : trois clientes régulières, besoin d'une seconde machine.",
        "Activité stable, chiffre d'affaires en hausse depuis le ramadan.",
    ],
}

NEXT_STEPS = [
    "Rappeler pour la date de l'atelier",
    "Apporter la copie de la CIN",
    "Rendez-vous à l'agence",
    "Visite à domicile",
    "Envoyer le devis au dispositif de financement",
    "Vérifier la réponse du centre de formation",
]

PRESENT = ["", "", "", "Son mari", "Sa mère", "Sa fille aînée", "L'animatrice de l'association"]


@dataclass
class _Woman:
    pk: int
    created_at: datetime.datetime
    agency_id: int
    advisor_id: int | None
    status: str | None = None
    departed: datetime.date | None = None
    returned: datetime.date | None = None


def _aware(day: datetime.date, rng: random.Random) -> datetime.datetime:
    moment = datetime.time(rng.randint(8, 16), rng.randint(0, 59))
    return timezone.make_aware(datetime.datetime.combine(day, moment))


def _women_without_case() -> list[_Woman]:
    women = {
        pk: _Woman(pk, created_at, agency_id, advisor_id)
        for pk, created_at, agency_id, advisor_id in Beneficiary.objects.filter(case__isnull=True)
        .order_by("pk")
        .values_list("pk", "created_at", "home_agency_id", "assigned_advisor_id")
    }
    seasons = (
        Participation.objects.filter(beneficiary_id__in=list(women))
        .order_by("beneficiary_id", "campaign__year", "id")
        .values_list("beneficiary_id", "status", "departure_date", "return_date")
    )
    for beneficiary_id, status, departed, returned in seasons:  # the latest one wins
        woman = women[beneficiary_id]
        woman.status, woman.departed, woman.returned = status, departed, returned
    return list(women.values())


def _phase_on(woman: _Woman, day: datetime.date) -> str:
    if woman.returned and day >= woman.returned:
        return Phase.POST_RETURN
    if woman.departed and day >= woman.departed and woman.status != "cancelled":
        return Phase.IN_SEASON
    return Phase.PRE_DEPARTURE


def seed(*, rng: random.Random, today: datetime.date) -> None:
    """Open the cases of the women who have none, with interactions around `today`."""
    women = _women_without_case()
    if not women:
        return
    topics = {t.code: t for t in Topic.objects.all()}
    advisors: dict[int, list[int]] = defaultdict(list)
    for pk, unit_id in (
        User.objects.filter(role=Role.ADVISOR, is_active=True)
        .order_by("pk")
        .values_list("pk", "unit_id")
    ):
        advisors[unit_id].append(pk)
    with transaction.atomic():
        cases = _open_cases(women, rng, today)
        _interactions(women, cases, topics, advisors, rng, today)
        _closures(women, cases, rng, today)
        _transfer(women, advisors, rng, today)


def _open_cases(women: list[_Woman], rng: random.Random, today: datetime.date) -> dict[int, Case]:
    cases = []
    changes: list[tuple[int, dict[str, Any]]] = []
    for woman in women:
        phase = phases.phase_from_latest_season(woman.status, woman.departed, woman.returned)
        since = woman.created_at
        history: list[dict[str, Any]] = [
            {
                "from_phase": "",
                "to_phase": Phase.PRE_DEPARTURE,
                "cause": PhaseChange.Cause.OPENED,
                "changed_at": woman.created_at,
                "changed_by_id": woman.advisor_id,
            }
        ]
        if phase in (Phase.IN_SEASON, Phase.POST_RETURN) and woman.departed:
            since = _aware(woman.departed, rng)
            history.append(
                {
                    "from_phase": Phase.PRE_DEPARTURE,
                    "to_phase": Phase.IN_SEASON,
                    "cause": PhaseChange.Cause.DEPARTURE,
                    "changed_at": since,
                    "changed_by_id": woman.advisor_id,
                }
            )
        if phase == Phase.POST_RETURN and woman.returned:
            since = _aware(woman.returned, rng)
            history.append(
                {
                    "from_phase": Phase.IN_SEASON if woman.departed else Phase.PRE_DEPARTURE,
                    "to_phase": Phase.POST_RETURN,
                    "cause": PhaseChange.Cause.RETURN,
                    "changed_at": since,
                    "changed_by_id": woman.advisor_id,
                }
            )
        # Some women back from an earlier season went on to build an activity.
        if phase == Phase.POST_RETURN and woman.returned and woman.returned.year < today.year:
            draw = rng.random()
            if draw < 0.3:
                decided = woman.returned + datetime.timedelta(days=rng.randint(40, 120))
                since = _aware(min(decided, today), rng)
                later = Phase.ENTREPRENEURSHIP if draw < 0.2 else Phase.POST_CREATION
                history.append(
                    {
                        "from_phase": Phase.POST_RETURN,
                        "to_phase": later,
                        "cause": PhaseChange.Cause.DECISION,
                        "changed_at": since,
                        "changed_by_id": woman.advisor_id,
                        "note": "Projet validé après le diagnostic.",
                    }
                )
                phase = later
        cases.append(
            Case(
                beneficiary_id=woman.pk,
                phase=phase,
                phase_since=since,
                opened_at=woman.created_at,
                opened_by_id=woman.advisor_id,
            )
        )
        changes.extend((len(cases) - 1, change) for change in history)
    created = Case.objects.bulk_create(cases)
    PhaseChange.objects.bulk_create(
        PhaseChange(case_id=created[position].pk, **change) for position, change in changes
    )
    return {case.beneficiary_id: case for case in created}


def _interactions(
    women: list[_Woman],
    cases: dict[int, Case],
    topics: dict[str, Topic],
    advisors: dict[int, list[int]],
    rng: random.Random,
    today: datetime.date,
) -> None:
    rows: list[Interaction] = []
    chosen_topics: list[list[Topic]] = []
    for woman in women:
        case = cases[woman.pk]
        start = timezone.localtime(woman.created_at).date()
        if start >= today:
            continue
        recorder = woman.advisor_id or next(iter(advisors[woman.agency_id]), None)
        days: list[datetime.date] = []
        for _ in range(rng.randint(1, 5)):
            days.append(start + datetime.timedelta(days=rng.randint(0, (today - start).days)))
        if woman.returned and case.phase == Phase.POST_RETURN and rng.random() < 0.45:
            # Nobody has called her since she came back.
            days = [d for d in days if d < woman.returned]
        elif woman.returned and case.phase == Phase.POST_RETURN:
            days.append(min(today, woman.returned + datetime.timedelta(days=rng.randint(3, 25))))
        days.sort()
        for position, day in enumerate(days):
            phase = _phase_on(woman, day)
            if (
                case.phase in phases.BEYOND_SEASONS
                and day >= timezone.localtime(case.phase_since).date()
            ):
                phase = case.phase
            kind = rng.choice(KINDS)
            last = position == len(days) - 1
            next_on = None
            if last and rng.random() < 0.5:
                # Due from a few days ago to the coming fortnight: today's list has some.
                next_on = max(day, today + datetime.timedelta(days=rng.randint(-4, 12)))
            rows.append(
                Interaction(
                    beneficiary_id=woman.pk,
                    kind=kind,
                    occurred_on=day,
                    duration_minutes=rng.choice([10, 15, 20, 30, 45, 60])
                    if kind != Interaction.Kind.MESSAGE
                    else None,
                    present=rng.choice(PRESENT),
                    notes=rng.choice(NOTES[phase]) if rng.random() < 0.7 else "",
                    next_step=rng.choice(NEXT_STEPS) if next_on else "",
                    next_step_on=next_on,
                    phase=phase,
                    recorded_by_id=recorder,
                    created_at=_aware(day, rng),
                )
            )
            codes = TOPICS_BY_PHASE.get(phase, [])
            chosen_topics.append(
                [topics[c] for c in rng.sample(codes, k=min(len(codes), rng.randint(1, 3)))]
                if codes
                else []
            )
    created = Interaction.objects.bulk_create(rows)
    through = Interaction.topics.through
    through.objects.bulk_create(
        through(interaction_id=interaction.pk, topic_id=topic.pk)
        for interaction, chosen in zip(created, chosen_topics, strict=True)
        for topic in chosen
        if topic is not None
    )


def _closures(
    women: list[_Woman], cases: dict[int, Case], rng: random.Random, today: datetime.date
) -> None:
    """A few closed cases, mostly women whose last season is long past, and in one region a
    closure that waits for the coordinator's approval (the region's rules ask for it)."""
    now = timezone.now()
    candidates = [w for w in women if cases[w.pk].phase != Phase.IN_SEASON]
    closed = rng.sample(candidates, k=min(len(candidates), max(1, len(women) // 30)))
    reasons = [
        ClosureReason.UNREACHABLE,
        ClosureReason.WAGE_EMPLOYMENT,
        ClosureReason.WITHDREW,
        ClosureReason.MOVED_AWAY,
        ClosureReason.ACTIVITY_STABLE,
    ]
    changes = []
    for woman in closed:
        case = cases[woman.pk]
        reason = (
            ClosureReason.ACTIVITY_STABLE
            if case.phase == Phase.POST_CREATION
            else rng.choice(reasons[:4])
        )
        moment = max(case.phase_since, now - datetime.timedelta(days=rng.randint(5, 200)))
        changes.append(
            PhaseChange(
                case_id=case.pk,
                from_phase=case.phase,
                to_phase=Phase.CLOSED,
                cause=PhaseChange.Cause.CLOSURE,
                note="Plus de nouvelles depuis la saison."
                if reason == ClosureReason.UNREACHABLE
                else "",
                changed_by_id=woman.advisor_id,
                changed_at=moment,
            )
        )
        case.phase, case.phase_since = Phase.CLOSED, moment
        case.closure_reason, case.closed_at = reason, moment
    PhaseChange.objects.bulk_create(changes)
    Case.objects.bulk_update(
        [cases[w.pk] for w in closed], ["phase", "phase_since", "closure_reason", "closed_at"]
    )

    still_open = [w for w in women if cases[w.pk].phase not in (Phase.CLOSED, Phase.IN_SEASON)]
    if not still_open:
        return
    pending = rng.choice([w for w in still_open if w.advisor_id] or still_open)
    case = cases[pending.pk]
    case.closure_requested_reason = ClosureReason.WAGE_EMPLOYMENT
    case.closure_requested_note = "Embauchée à l'année dans une unité de conditionnement."
    case.closure_requested_by_id = pending.advisor_id
    case.closure_requested_at = now - datetime.timedelta(days=2)
    case.save()
    region = OrganisationUnit.objects.get(pk=pending.agency_id).parent
    if region is not None:
        AccompanimentRules.objects.update_or_create(
            unit=region, defaults={"closure_needs_approval": True}
        )


def _transfer(
    women: list[_Woman], advisors: dict[int, list[int]], rng: random.Random, today: datetime.date
) -> None:
    """One woman who moved to another agency of her region, with her history."""
    agencies = {
        unit.pk: unit for unit in OrganisationUnit.objects.filter(kind=OrganisationUnit.Kind.AGENCY)
    }
    for woman in rng.sample(women, k=len(women)):
        home = agencies.get(woman.agency_id)
        if home is None:
            continue
        others = [a for a in agencies.values() if a.parent_id == home.parent_id and a != home]
        if not others:
            continue
        target = rng.choice(others)
        new_advisor = next(iter(advisors.get(target.pk, [])), None)
        Transfer.objects.create(
            beneficiary_id=woman.pk,
            from_agency=home,
            to_agency=target,
            reason="Installée chez sa famille après son mariage.",
            transferred_by_id=woman.advisor_id,
            transferred_at=timezone.now() - datetime.timedelta(days=rng.randint(10, 60)),
        )
        Beneficiary.objects.filter(pk=woman.pk).update(
            home_agency=target, assigned_advisor_id=new_advisor
        )
        return
