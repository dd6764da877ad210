"""Demo action plans: about half of the demo women get one, mostly those back from a season or on
the entrepreneurship track, with due dates around `today` (some overdue, some done) and links to
her interactions when she has any. Everything is drawn from `rng`, and written with bulk inserts
(a few seconds for 600 women on SQLite)."""

import datetime
import random
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from irtiqaa.beneficiaries.models import Beneficiary, Consent
from irtiqaa.cases.models import Case, Interaction, Phase
from irtiqaa.organisations.models import OrganisationUnit
from irtiqaa.plans.models import Action, ActionPlan, Goal
from irtiqaa.seasons.models import Participation

WOMAN, ADVISOR, PARTNER = Action.Owner.WOMAN, Action.Owner.ADVISOR, Action.Owner.PARTNER
PT = OrganisationUnit.PartnerType


@dataclass(frozen=True)
class Step:
    title: str
    owner: str
    partner_type: str = ""  # the kind of partner preferred when a partner does it


# Goals and their usual actions, in the order an advisor would set them with her.
GOALS: dict[str, tuple[Step, ...]] = {
    "Créer une activité génératrice de revenus": (
        Step("Suivre la formation en gestion", PARTNER, PT.TRAINING),
        Step("Rédiger le plan d'affaires avec la conseillère", ADVISOR),
        Step("Déposer le dossier de financement", WOMAN),
        Step("Obtenir le statut d'auto-entrepreneur", WOMAN),
    ),
    "Épargner une partie des revenus de la saison": (
        Step("Ouvrir un compte d'épargne", WOMAN),
        Step("Fixer un montant à épargner chaque mois", ADVISOR),
        Step("Participer à l'atelier d'éducation financière", PARTNER, PT.ASSOCIATION),
    ),
    "Rejoindre ou créer une coopérative": (
        Step(
            "Rencontrer l'Office du développement de la coopération", PARTNER, PT.COOPERATIVE_OFFICE
        ),
        Step("Réunir les membres fondatrices", WOMAN),
        Step("Préparer les statuts de la coopérative", ADVISOR),
    ),
    "Apprendre à lire et à écrire": (
        Step("S'inscrire au cours d'alphabétisation", PARTNER, PT.ASSOCIATION),
        Step("Assister aux séances chaque semaine", WOMAN),
    ),
    "Préparer la prochaine campagne": (
        Step("Renouveler le passeport", WOMAN),
        Step("Faire la visite médicale", PARTNER, PT.HEALTH),
        Step("Participer à l'atelier pré-départ", ADVISOR),
    ),
    "Trouver un emploi salarié près de chez elle": (
        Step("Mettre à jour le CV avec la conseillère", ADVISOR),
        Step("Postuler aux offres de l'agence", WOMAN),
        Step("Se préparer aux entretiens d'embauche", ADVISOR),
    ),
    "Régulariser sa situation administrative": (
        Step("Renouveler la carte d'identité nationale", WOMAN),
        Step("S'inscrire à la couverture médicale", WOMAN),
        Step("Consulter la permanence juridique", PARTNER, PT.LEGAL_AID),
    ),
}
# Entrepreneurship goals come first for the women on that track.
TRACK_GOALS = tuple(list(GOALS)[:3])
OTHER_GOALS = tuple(list(GOALS)[3:])
TRACK_PHASES = (Phase.POST_RETURN, Phase.ENTREPRENEURSHIP, Phase.POST_CREATION)


def _chosen_women(rng: random.Random) -> tuple[list[Beneficiary], set[int]]:
    """About half of the women without a plan: first those back from a season or on the
    entrepreneurship track (90 % of the picks when there are enough of them), then others."""
    withdrew = Consent.objects.filter(purpose=Consent.Purpose.ACCOMPANIMENT, given=False)
    women = list(
        Beneficiary.objects.filter(action_plan__isnull=True)
        .exclude(pk__in=withdrew.values("beneficiary_id"))
        .only("pk", "assigned_advisor_id", "created_at")
        .order_by("pk")
    )
    returned = set(
        Participation.objects.filter(status=Participation.Status.RETURNED).values_list(
            "beneficiary_id", flat=True
        )
    )
    on_track = set(
        Case.objects.filter(phase__in=TRACK_PHASES).values_list("beneficiary_id", flat=True)
    )
    preferred = [w for w in women if w.pk in returned or w.pk in on_track]
    others = [w for w in women if w.pk not in returned and w.pk not in on_track]
    wanted = len(women) // 2
    from_preferred = min(len(preferred), round(wanted * 0.9))
    chosen = rng.sample(preferred, from_preferred)
    chosen += rng.sample(others, min(len(others), wanted - from_preferred))
    chosen.sort(key=lambda w: w.pk)
    return chosen, on_track


def _status(
    rng: random.Random, due: datetime.date, today: datetime.date
) -> tuple[str, datetime.date | None]:
    """Past due dates are mostly done, some still open (overdue), a few cancelled."""
    if due < today:
        draw = rng.random()
        if draw < 0.65:
            done = min(today, due + datetime.timedelta(days=rng.randint(-10, 12)))
            return Action.Status.DONE, done
        if draw < 0.9:
            return rng.choice((Action.Status.TODO, Action.Status.IN_PROGRESS)), None
        return Action.Status.CANCELLED, None
    if rng.random() < 0.35:
        return Action.Status.IN_PROGRESS, None
    return Action.Status.TODO, None


@transaction.atomic
def seed(*, rng: random.Random, today: datetime.date) -> None:
    women, on_track = _chosen_women(rng)
    if not women:
        return
    partners: dict[str, list[int]] = defaultdict(list)
    all_partners: list[int] = []
    for pk, kind in OrganisationUnit.objects.filter(
        kind=OrganisationUnit.Kind.PARTNER, is_active=True
    ).values_list("pk", "partner_type"):
        partners[kind].append(pk)
        all_partners.append(pk)
    interactions: dict[int, list[int]] = defaultdict(list)
    for pk, beneficiary_id in Interaction.objects.filter(
        beneficiary_id__in=[w.pk for w in women]
    ).values_list("pk", "beneficiary_id"):
        interactions[beneficiary_id].append(pk)

    def moment(day: datetime.date) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))

    plans = ActionPlan.objects.bulk_create(
        ActionPlan(
            beneficiary_id=w.pk,
            updated_by_id=w.assigned_advisor_id,
            updated_at=moment(today - datetime.timedelta(days=rng.randint(0, 30))),
        )
        for w in women
    )
    goal_rows: list[tuple[Goal, tuple[Step, ...], Beneficiary, datetime.date]] = []
    for woman, plan in zip(women, plans, strict=True):
        first = TRACK_GOALS if woman.pk in on_track or rng.random() < 0.5 else OTHER_GOALS
        titles = [rng.choice(first)]
        if rng.random() < 0.6:
            titles.append(rng.choice([t for t in GOALS if t not in titles]))
        set_on = today - datetime.timedelta(days=rng.randint(20, 200))
        for position, title in enumerate(titles, start=1):
            goal = Goal(plan=plan, title=title, position=position, created_at=moment(set_on))
            goal_rows.append((goal, GOALS[title], woman, set_on))
    Goal.objects.bulk_create([row[0] for row in goal_rows])

    actions: list[Action] = []
    links: list[tuple[int, list[int]]] = []  # (index in actions, interaction ids)
    for goal, steps, woman, set_on in goal_rows:
        due = set_on + datetime.timedelta(days=rng.randint(10, 40))
        first_of_goal = len(actions)
        for position, step in enumerate(steps[: rng.randint(2, len(steps))], start=1):
            status, done_on = _status(rng, due, today)
            owner, advisor, partner = step.owner, None, None
            if owner == ADVISOR:
                advisor = woman.assigned_advisor_id
                owner = ADVISOR if advisor else WOMAN
            elif owner == PARTNER:
                choices = partners.get(step.partner_type) or all_partners
                partner = rng.choice(choices) if choices else None
                owner = PARTNER if partner else WOMAN
            actions.append(
                Action(
                    goal=goal,
                    title=step.title,
                    owner=owner,
                    owner_advisor_id=advisor,
                    owner_partner_id=partner,
                    due_on=due,
                    status=status,
                    done_on=done_on,
                    position=position,
                    created_at=moment(set_on),
                )
            )
            hers = interactions.get(woman.pk)
            if hers and rng.random() < 0.5:
                links.append((len(actions) - 1, rng.sample(hers, min(len(hers), 2))))
            due += datetime.timedelta(days=rng.randint(15, 60))
        if all(a.status == Action.Status.DONE for a in actions[first_of_goal:]):
            goal.status = Goal.Status.ACHIEVED
    Action.objects.bulk_create(actions)
    Goal.objects.bulk_update(
        [row[0] for row in goal_rows if row[0].status != Goal.Status.OPEN], ["status"]
    )
    through = Action.interactions.through
    through.objects.bulk_create(
        through(action_id=actions[index].pk, interaction_id=interaction_id)
        for index, interaction_ids in links
        for interaction_id in interaction_ids
    )
