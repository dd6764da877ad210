"""/api/v1/duplicates: suspected pairs in the caller's scope, "not the same woman", merge."""

import datetime
from typing import Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.pagination import CursorPagination, paginate

from irtiqaa.accounts.models import User
from irtiqaa.audit.services import audit_list_read
from irtiqaa.beneficiaries import duplicates, merging
from irtiqaa.beneficiaries.api import BeneficiaryOut, beneficiary_out
from irtiqaa.beneficiaries.models import DuplicatePair
from irtiqaa.beneficiaries.selectors import beneficiary_get
from irtiqaa.lib import problems
from irtiqaa.lib.decorators import casework_api

router = Router(tags=["duplicates"])


class PairOut(Schema):
    id: int
    first: int = Field(alias="first_id", description="The file with the lower id")
    second: int = Field(alias="second_id")
    score: float = Field(description="0 to 1: how likely the two files are the same woman")
    evidence: list[str] = Field(
        description="What matched: cin, phone, birth_date, and how the names compare "
        "(first:same_key, last:one_typo, swapped, arabic_latin...)"
    )
    status: str = Field(description="suspected, not_duplicate or merged")
    detected_at: datetime.datetime
    decided_at: datetime.datetime | None
    note: str


class DismissIn(Schema):
    reason: str = Field(description="How you know they are two different women")


class MergeIn(Schema):
    survivor: Literal["first", "second"] = Field(
        description="Which file of the pair is kept: first or second"
    )
    choices: dict[str, str] = Field(
        default_factory=dict,
        description="For each field where the files differ, whose value to keep: 'survivor' "
        "or 'merged'. Fields: " + ", ".join(merging.MERGE_FIELDS) + ". A field left out "
        "keeps the survivor's value (the other file's when the survivor has none).",
    )
    first_version: int = Field(description="The first file's version as you read it")
    second_version: int = Field(
        description="The second file's version as you read it; a file changed since answers 409"
    )


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@router.get("", response=list[PairOut], summary="Suspected duplicates in your scope")
@paginate(CursorPagination, ordering=("-score", "id"))
@casework_api
def list_pairs(request: HttpRequest) -> Any:
    audit_list_read(actor=request.user, object_type="beneficiaries.duplicatepair", filters={})
    return duplicates.duplicate_pairs_for_review(actor=_user(request))


def _suspected(request: HttpRequest, pair_id: int) -> DuplicatePair:
    pair = duplicates.duplicate_pair_get(actor=_user(request), pk=pair_id)
    if pair.status != DuplicatePair.Status.SUSPECTED:
        raise problems.ProblemError(
            409,
            _("Already decided"),
            _("Someone has already decided about these two files."),
            status_now=pair.status,
        )
    return pair


@router.post(
    "/{int:pair_id}/not-duplicate",
    response=PairOut,
    summary="Record that the two files are two different women",
)
@casework_api
def dismiss_pair(request: HttpRequest, pair_id: int, payload: DismissIn) -> Any:
    pair = _suspected(request, pair_id)
    return duplicates.duplicate_pair_dismiss(
        actor=_user(request), pair=pair, reason=payload.reason, via="api"
    )


@router.post(
    "/{int:pair_id}/merge",
    response=BeneficiaryOut,
    summary="Merge the two files into the survivor's",
    openapi_extra={"responses": {409: {"description": "A file changed since your versions"}}},
)
@casework_api
def merge_pair(request: HttpRequest, pair_id: int, payload: MergeIn) -> Any:
    user = _user(request)
    pair = _suspected(request, pair_id)
    files = {
        "first": (pair.first, payload.first_version),
        "second": (pair.second, payload.second_version),
    }
    kept = files.pop(payload.survivor)
    (other,) = files.values()
    merging.beneficiaries_merge(
        actor=user,
        survivor=kept[0],
        merged=other[0],
        choices=payload.choices,
        expected_versions=(kept[1], other[1]),
        via="api",
    )
    return beneficiary_out(beneficiary_get(actor=user, pk=kept[0].pk))
