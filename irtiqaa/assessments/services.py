"""Writes of this app: recording an assessment, publishing a new instrument version.

An assessment is not edited once recorded: a correction is a new assessment, taken on the same
day. Its answers and scores are what the advisor saw and discussed with her, and the change
between two assessments is only meaningful if neither moves afterwards; the audit log and the
history then show both."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from irtiqaa.accounts.models import Role, User
from irtiqaa.assessments import definition as definitions
from irtiqaa.assessments import orientation, scoring
from irtiqaa.assessments.models import Assessment, Instrument, InstrumentVersion
from irtiqaa.audit.models import AuditEvent
from irtiqaa.audit.services import audit_record
from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.beneficiaries.services import require_accompaniment_consent
from irtiqaa.organisations.scope import unit_in_scope

# Instruments hold no personal data; they are configured at headquarters.
INSTRUMENT_PUBLISHERS = frozenset({Role.NATIONAL, Role.ADMIN})


def _plain(number: float | None) -> str:
    if number is None:
        return ""
    return str(int(number)) if float(number).is_integer() else f"{number:g}"


def problem_message(problem: definitions.AnswerProblem, question_label: str) -> str:
    """An answer's problem in the user's language, naming the question as she reads it."""
    values = {
        "question": question_label,
        "minimum": _plain(problem.minimum),
        "maximum": _plain(problem.maximum),
        "limit": definitions.TEXT_MAX_LENGTH,
    }
    messages = {
        "required": _("“%(question)s”: an answer is required."),
        "not_offered": _("“%(question)s”: this answer is not one of the choices offered."),
        "not_a_choice": _("“%(question)s”: choose among the answers offered."),
        "not_a_number": _("“%(question)s”: enter a number."),
        "out_of_bounds": _(
            "“%(question)s”: the answer must lie between %(minimum)s and %(maximum)s."
        ),
        "too_long": _("“%(question)s”: at most %(limit)s characters."),
        "unknown": _("“%(question)s” is not a question of this instrument."),
    }
    return messages[problem.problem] % values


def current_version(instrument: Instrument) -> InstrumentVersion | None:
    """The version new assessments are taken with: the latest published one."""
    return instrument.versions.order_by("-number").first()


def _require_file_writer(actor: User, beneficiary: Beneficiary) -> None:
    if not actor.does_casework or not unit_in_scope(actor, beneficiary.home_agency):
        raise PermissionDenied
    require_accompaniment_consent(beneficiary)


def _reasons(
    proposal: orientation.Proposal, dimensions: dict[str, float | None]
) -> list[dict[str, Any]]:
    return [
        {
            "dimension": condition.dimension,
            "at_least": condition.at_least,
            "below": condition.below,
            "score": dimensions.get(condition.dimension),
        }
        for condition in proposal.reasons
    ]


def check_response(
    parsed: definitions.Definition, answers: dict[str, Any], language: str
) -> dict[str, Any]:
    """The answers cleaned for storing; ValidationError by question code otherwise."""
    cleaned, problems = definitions.check_answers(parsed, answers)
    if problems:
        errors: dict[str, list[str]] = {}
        for problem in problems:
            try:
                label = parsed.question(problem.question).labels.get(language)
            except KeyError:
                label = problem.question
            errors.setdefault(problem.question, []).append(problem_message(problem, label))
        raise ValidationError(errors)
    return cleaned


@transaction.atomic  # the consent check holds her file until the save
def assessment_record(
    *,
    actor: User,
    beneficiary: Beneficiary,
    instrument: Instrument,
    taken_on: datetime.date,
    answers: dict[str, Any],
    language: str = "fr",
    via: str = "web",
) -> Assessment:
    """Score her answers with the instrument's current version and keep them with that version."""
    _require_file_writer(actor, beneficiary)
    version = current_version(instrument) if instrument.is_active else None
    if version is None:
        raise ValidationError({"instrument": _("This instrument is not in use.")})
    # Every mistake at once, the date's and the answers': she corrects the form in one go.
    errors: dict[str, Any] = {}
    if taken_on > timezone.localdate():
        errors["taken_on"] = [_("The date of the assessment cannot be in the future.")]
    elif taken_on < beneficiary.birth_date:
        errors["taken_on"] = [_("The date of the assessment is before her birth.")]
    parsed = version.parsed()
    try:
        cleaned = check_response(parsed, answers, language)
    except ValidationError as error:
        raise ValidationError(error.update_error_dict(errors)) from None
    if errors:
        raise ValidationError(errors)
    scores = scoring.score(parsed.instrument, cleaned)
    proposal = orientation.propose(parsed.rules, scores.dimensions) if parsed.rules else None
    case = getattr(beneficiary, "case", None)
    assessment = Assessment.objects.create(
        beneficiary=beneficiary,
        instrument_version=version,
        taken_on=taken_on,
        phase=case.phase if case is not None else "",
        answers=cleaned,
        scores={"dimensions": dict(scores.dimensions), "answered": dict(scores.answered)},
        composite=scores.composite,
        orientation=proposal.orientation.value if proposal else "",
        orientation_reasons=_reasons(proposal, dict(scores.dimensions)) if proposal else [],
        recorded_by=actor,
    )
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CREATE,
        obj=assessment,
        beneficiary_id=beneficiary.pk,
        changed_fields=["instrument_version", "taken_on", "answers", "scores"],
        via=via,
    )
    return assessment


@transaction.atomic
def instrument_version_publish(
    *, actor: User, instrument: Instrument, definition: dict[str, Any], via: str = "admin"
) -> InstrumentVersion:
    """Publish the next version of an instrument; its definition is checked first. From now
    on, new assessments use it; those already recorded keep theirs."""
    if actor.role not in INSTRUMENT_PUBLISHERS:
        raise PermissionDenied
    list(Instrument.objects.select_for_update().filter(pk=instrument.pk).values_list("pk"))
    last = instrument.versions.aggregate(last=Max("number"))["last"] or 0
    version = InstrumentVersion(instrument=instrument, number=last + 1, definition=definition)
    version.full_clean()
    version.save()
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CREATE,
        obj=version,
        changed_fields=["definition"],
        via=via,
    )
    return version
