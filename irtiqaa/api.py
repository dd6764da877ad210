"""The JSON API, /api/v1: one NinjaAPI that mounts each app's router."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from irtiqaa.accounts.api_auth import BearerToken
from irtiqaa.beneficiaries.redirects import api_merged_file
from irtiqaa.beneficiaries.selectors import MergedFile
from irtiqaa.lib import problems
from irtiqaa.lib.errors import EditConflict

api = NinjaAPI(
    title="Irtiqaa API",
    version="1",
    description=(
        "Accompaniment of seasonal women workers. Authenticate with a personal token: "
        "`Authorization: Bearer TOKEN` (`python manage.py create_api_token USERNAME`). "
        "Every list and object is limited to the caller's scope; an object outside it answers 404."
    ),
    auth=BearerToken(),
    urls_namespace="api",
)


@api.exception_handler(ValidationError)
def request_invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return problems.invalid_input(problems.pydantic_errors(exc.errors))


@api.exception_handler(DjangoValidationError)
def service_invalid(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    return problems.invalid_input(problems.django_validation_errors(exc))


@api.exception_handler(problems.ProblemError)
def problem(request: HttpRequest, exc: problems.ProblemError) -> HttpResponse:
    return problems.problem_response(exc.status, exc.title, exc.detail, **exc.extra)


@api.exception_handler(MergedFile)
def merged_file(request: HttpRequest, exc: MergedFile) -> HttpResponse:
    return api_merged_file(request, exc)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return problems.problem_response(404, _("Not found"))


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
    return problems.problem_response(403, _("Forbidden"), _("Your role does not allow this."))


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
    response = problems.problem_response(
        401, _("Unauthorized"), _("Send a valid API token: Authorization: Bearer TOKEN.")
    )
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(EditConflict)
def conflict(request: HttpRequest, exc: Exception) -> HttpResponse:
    return problems.problem_response(
        409,
        _("Edit conflict"),
        _(
            "Someone else saved this record since the version you sent. Fetch it again and re-apply your change."
        ),
    )


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    titles = {400: _("Bad request"), 405: _("Method not allowed"), 429: _("Too many requests")}
    return problems.problem_response(
        exc.status_code, titles.get(exc.status_code, _("Error")), str(exc)
    )


def _mount(api: NinjaAPI) -> Any:
    from irtiqaa.assessments.api import router as assessments
    from irtiqaa.beneficiaries.api import router as beneficiaries
    from irtiqaa.beneficiaries.api_duplicates import router as duplicates
    from irtiqaa.cases.api import router as cases
    from irtiqaa.plans.api import router as plans
    from irtiqaa.seasons.api import router as seasons
    from irtiqaa.workshops.api import router as workshops

    api.add_router("/beneficiaries", beneficiaries)
    api.add_router("/duplicates", duplicates)
    api.add_router("/", seasons)
    api.add_router("/", cases)
    api.add_router("/", plans)
    api.add_router("/", workshops)
    api.add_router("/", assessments)


_mount(api)
