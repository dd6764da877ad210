"""Pages of the duplicate review: the suspected pairs, "not the same woman", and the merge."""

from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from irtiqaa.beneficiaries import duplicates, merging, services
from irtiqaa.beneficiaries.identifiers import mask_cin, mask_phone
from irtiqaa.beneficiaries.models import Beneficiary, BeneficiaryPhone, DuplicatePair, Language
from irtiqaa.lib.decorators import AuthedRequest, casework_required
from irtiqaa.lib.errors import EditConflict
from irtiqaa.lib.forms import conflict_message, int_or_none
from irtiqaa.lib.i18n import join_list
from irtiqaa.seasons.models import Participation

PAGE_SIZE = 20


@dataclass
class Side:
    """One of the two files as the review shows it: identifiers masked."""

    b: Beneficiary
    seasons: int = 0
    cin: str = ""
    phones: list[str] = field(default_factory=list)


@dataclass
class PairRow:
    pair: DuplicatePair
    sides: tuple[Side, Side]
    evidence: list[str]

    @property
    def percent(self) -> int:
        return round(self.pair.score * 100)


def _rows(pairs: list[DuplicatePair]) -> list[PairRow]:
    ids = {pk for p in pairs for pk in (p.first_id, p.second_id)}
    seasons = dict(
        Participation.objects.filter(beneficiary_id__in=ids)
        .values("beneficiary_id")
        .annotate(n=Count("pk"))
        .values_list("beneficiary_id", "n")
    )
    phones: dict[int, list[str]] = {}
    for phone in BeneficiaryPhone.objects.filter(beneficiary_id__in=ids):
        phones.setdefault(phone.beneficiary_id, []).append(mask_phone(phone.number))

    def side(b: Beneficiary) -> Side:
        return Side(
            b=b,
            seasons=seasons.get(b.pk, 0),
            cin=mask_cin(b.cin) if b.cin else "",
            phones=phones.get(b.pk, []),
        )

    return [
        PairRow(
            pair=p,
            sides=(side(p.first), side(p.second)),
            evidence=duplicates.evidence_words(p.evidence),
        )
        for p in pairs
    ]


@casework_required
def duplicate_review(request: AuthedRequest) -> HttpResponse:
    pairs = duplicates.duplicate_pairs_for_review(actor=request.user)
    page = Paginator(pairs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "beneficiaries/duplicates.html",
        {
            "page": page,
            "rows": _rows(list(page.object_list)),
            "querystring": "",
            "nav": "caseload",
        },
    )


@require_POST
@casework_required
def duplicate_dismiss(request: AuthedRequest, pk: int) -> HttpResponse:
    pair = duplicates.duplicate_pair_get(actor=request.user, pk=pk)
    reason = request.POST.get("reason", "")
    error = ""
    try:
        pair = duplicates.duplicate_pair_dismiss(actor=request.user, pair=pair, reason=reason)
    except ValidationError as problem:
        error = " ".join(problem.messages)
    if not request.htmx:
        if error:
            messages.error(request, error)
        else:
            messages.success(request, _("Recorded: they are two different women."))
        return redirect("beneficiaries:duplicates")
    row = _rows([duplicates.duplicate_pair_get(actor=request.user, pk=pk)])[0]
    return render(
        request,
        "beneficiaries/_duplicate_pair.html",
        {"row": row, "error": error, "reason": reason},
    )


def _display(b: Beneficiary, name: str) -> str:
    """A value of her file as the merge page shows it."""
    if name == "birth_date":
        return b.birth_date.strftime("%d/%m/%Y")
    if name == "children":
        years = ", ".join(str(y) for y in sorted(b.children_birth_years))
        return f"{b.children_count} ({years})" if years else str(b.children_count)
    if name == "languages":
        return join_list([str(Language(c).label) for c in b.languages if c in Language.values])
    if name in ("marital_status", "education_level", "literacy_arabic", "literacy_french"):
        return str(getattr(b, f"get_{name}_display")())
    value = getattr(b, name)
    return "" if value is None else str(value)


@casework_required
def duplicate_merge(request: AuthedRequest, pk: int) -> HttpResponse:
    pair = duplicates.duplicate_pair_get(actor=request.user, pk=pk)
    if pair.status != DuplicatePair.Status.SUSPECTED:
        if pair.status == DuplicatePair.Status.MERGED:
            messages.info(request, _("These two files are already merged."))
        else:
            messages.info(request, _("These two files were found to be two different women."))
        return redirect("beneficiaries:duplicates")
    a, b = pair.first, pair.second
    wanted = int_or_none(request.POST.get("survivor") or request.GET.get("survivor"))
    if wanted in (a.pk, b.pk):
        survivor, merged = (a, b) if wanted == a.pk else (b, a)
    else:
        survivor, merged = merging.default_survivor(a, b)
    fields = merging.differing_fields(survivor, merged)
    chosen = merging.default_choices(survivor, merged)
    conflict = False
    errors: list[str] = []
    if request.method == "POST":
        chosen.update(
            {
                name: request.POST[f"choice_{name}"]
                for name in fields
                if request.POST.get(f"choice_{name}") in (merging.SURVIVOR, merging.MERGED)
            }
        )
        versions = (
            int_or_none(request.POST.get(f"version_{survivor.pk}")) or 0,
            int_or_none(request.POST.get(f"version_{merged.pk}")) or 0,
        )
        try:
            merging.beneficiaries_merge(
                actor=request.user,
                survivor=survivor,
                merged=merged,
                choices=chosen,
                expected_versions=versions,
            )
        except EditConflict:
            conflict = True
            errors.append(conflict_message())
        except ValidationError as problem:
            errors.extend(problem.messages)
        else:
            messages.success(request, _("The two files are merged into one."))
            return redirect("beneficiaries:file", pk=survivor.pk)
    else:
        for woman in (survivor, merged):
            services.beneficiary_file_opened(actor=request.user, beneficiary=woman)
    choices = [
        {
            "name": name,
            "label": merging.MERGE_FIELD_LABELS[name],
            "survivor_value": _display(survivor, name),
            "merged_value": _display(merged, name),
            "chosen": chosen.get(name, merging.SURVIVOR),
        }
        for name in fields
    ]
    phones = {w.pk: [p.readable for p in w.phones.all()] for w in (survivor, merged)}
    sides = {side.b.pk: side for side in _rows([pair])[0].sides}
    return render(
        request,
        "beneficiaries/merge.html",
        {
            "pair": pair,
            "survivor_side": sides[survivor.pk],
            "merged_side": sides[merged.pk],
            "survivor": survivor,
            "merged": merged,
            "choices": choices,
            "survivor_phones": phones[survivor.pk],
            "merged_phones": phones[merged.pk],
            "moving": merging.what_moves(merged),
            "errors": errors,
            "conflict": conflict,
            "switch_url": f"{reverse('beneficiaries:merge', kwargs={'pk': pair.pk})}?survivor={merged.pk}",
            "nav": "caseload",
        },
    )
