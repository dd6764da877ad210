"""A file merged into another answers with a pointer to the survivor (web pages and API)."""

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from irtiqaa.beneficiaries.selectors import MergedFile
from irtiqaa.lib import problems


def merged_message(error: MergedFile) -> str:
    merged_at = error.merged.merged_at or timezone.now()
    return _("This file was merged into %(name)s's file on %(date)s.") % {
        "name": error.survivor.display_name,
        "date": formats.date_format(timezone.localtime(merged_at).date(), "d/m/Y"),
    }


def survivor_url(request: HttpRequest, error: MergedFile) -> str:
    """The same page of the survivor's file (her file itself when the page has no equivalent)."""
    try:
        match = resolve(request.path_info)
        kwargs = {
            key: error.survivor.pk if value == error.merged.pk else value
            for key, value in match.kwargs.items()
        }
        if kwargs == match.kwargs:
            raise NoReverseMatch
        url = reverse(match.view_name, kwargs=kwargs)
    except (Resolver404, NoReverseMatch):
        url = reverse("beneficiaries:file", kwargs={"pk": error.survivor.pk})
    query = request.GET.urlencode() if request.method == "GET" else ""
    return f"{url}?{query}" if query else url


class MergedFileRedirectMiddleware:
    """Any page of a merged file (/beneficiaries/<id>/..., her plan, her assessments...) sends
    the reader to the same page of the survivor's file, saying why (302)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, MergedFile) or request.path.startswith("/api/"):
            return None
        messages.info(request, merged_message(exception))
        return HttpResponseRedirect(survivor_url(request, exception))


def api_merged_file(request: HttpRequest, error: MergedFile) -> HttpResponse:
    """A read answers 301 with the survivor's address; a write is refused (409), since it was
    meant for a file that no longer stands on its own."""
    merged, survivor = error.merged.pk, error.survivor.pk
    parts = request.path.split("/")
    location = "/".join(str(survivor) if part == str(merged) else part for part in parts)
    if request.method in ("GET", "HEAD"):
        response = JsonResponse(
            {"merged_into": survivor, "location": location, "detail": merged_message(error)},
            status=301,
            json_dumps_params={"ensure_ascii": False},
        )
        response["Location"] = location
        return response
    return problems.problem_response(
        409,
        _("Merged file"),
        merged_message(error),
        merged_into=survivor,
        location=location,
    )
