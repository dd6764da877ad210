from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from irtiqaa.assessments import selectors, services
from irtiqaa.assessments.forms import AssessmentForm
from irtiqaa.assessments.presentation import ORIENTATION_LABELS, result_of
from irtiqaa.beneficiaries.selectors import (
    accompaniment_allowed,
    beneficiary_get,
    consents_in_force,
)
from irtiqaa.beneficiaries.services import beneficiary_file_opened
from irtiqaa.cases.models import Phase
from irtiqaa.cases.selectors import may_read_notes
from irtiqaa.lib.decorators import AuthedRequest, casework_required
from irtiqaa.lib.forms import add_service_errors, int_or_none
from irtiqaa.lib.i18n import interface_language


@casework_required
def assessment_new(request: AuthedRequest, pk: int) -> HttpResponse:
    """Without `?instrument=`, the instruments to choose from; with it, the form."""
    beneficiary = beneficiary_get(actor=request.user, pk=pk)
    may_accompany = accompaniment_allowed(consents_in_force(beneficiary))
    code = request.GET.get("instrument", "")
    if not code:
        return render(
            request,
            "assessments/choose.html",
            {
                "b": beneficiary,
                "instruments": selectors.instrument_list(actor=request.user),
                "may_accompany": may_accompany,
                "nav": "caseload",
            },
        )
    instrument = selectors.instrument_get(actor=request.user, code=code)
    version = selectors.instrument_current_version(instrument)
    parsed = version.parsed()
    language = interface_language()
    form = AssessmentForm(request.POST or None, parsed=parsed, language=language)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.assessment_record(
                actor=request.user,
                beneficiary=beneficiary,
                instrument=instrument,
                taken_on=form.cleaned_data["taken_on"],
                answers=form.answers(),
                language=language,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The assessment is recorded."))
            return redirect("assessments:detail", pk=assessment.pk)
    return render(
        request,
        "assessments/form.html",
        {
            "b": beneficiary,
            "form": form,
            "instrument": instrument,
            "version": version,
            "title": parsed.labels.get(language) if parsed.labels else instrument.name,
            "may_accompany": may_accompany,
            "nav": "caseload",
        },
    )


@casework_required
def assessment_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    assessment = selectors.assessment_get(actor=request.user, pk=pk)
    beneficiary = assessment.beneficiary
    beneficiary_file_opened(actor=request.user, beneficiary=beneficiary)
    previous = selectors.previous_of(assessment)
    result = result_of(
        assessment,
        assessment.instrument_version.parsed(),
        interface_language(),
        previous=previous,
        with_notes=may_read_notes(request.user, beneficiary),
    )
    return render(
        request,
        "assessments/detail.html",
        {
            "b": beneficiary,
            "result": result,
            "phase_label": Phase(assessment.phase).label
            if assessment.phase in Phase.values
            else "",
            "nav": "caseload",
        },
    )


def _chosen(value: str | None) -> int | None:
    return int_or_none(value)


@casework_required
def assessment_history(request: AuthedRequest, pk: int) -> HttpResponse:
    """All her assessments, and the comparison of any two taken with the same instrument."""
    beneficiary = beneficiary_get(actor=request.user, pk=pk)
    beneficiary_file_opened(actor=request.user, beneficiary=beneficiary)
    history = selectors.history_of(beneficiary)
    by_id = {a.pk: a for a in history}
    first, second = _chosen(request.GET.get("a")), _chosen(request.GET.get("b"))
    comparison, problem = None, ""
    if first or second:
        if first not in by_id or second not in by_id or first == second:
            problem = _("Choose two different assessments of hers.")
        else:
            earlier, later = sorted(
                (by_id[first], by_id[second]),
                key=lambda a: (a.taken_on, a.pk),
            )
            if earlier.instrument_version.instrument_id != later.instrument_version.instrument_id:
                problem = _("Choose two assessments taken with the same instrument.")
            else:
                comparison = result_of(
                    later,
                    later.instrument_version.parsed(),
                    interface_language(),
                    previous=earlier,
                    with_answers=False,
                )
    return render(
        request,
        "assessments/history.html",
        {
            "b": beneficiary,
            "history": history,
            "comparison": comparison,
            "problem": problem,
            "rows": [(a, ORIENTATION_LABELS.get(a.orientation, "")) for a in history],
            "compare_fields": [("a", _("Earlier"), first), ("b", _("Later"), second)],
            "nav": "caseload",
        },
    )
