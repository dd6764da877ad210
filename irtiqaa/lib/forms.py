from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from irtiqaa.lib.errors import EditConflict


def add_service_errors(
    form: forms.BaseForm, error: ValidationError, aliases: dict[str, str] | None = None
) -> None:
    """Show a service's ValidationError on the form, on the field it names when the form has it
    (`aliases` maps a service's field name to the form's, e.g. phones → phone_1)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():  # ValidationErrors: their codes are kept
            field = (aliases or {}).get(field, field)
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def conflict_message() -> str:
    return _(
        "Someone else saved this record while you were editing it. Your entries are still in "
        "the form: check them, then save again to keep them."
    )


def int_or_none(value: str | None) -> int | None:
    """A whole number typed or sent in a query string, or None. ASCII digits only: str.isdigit()
    also accepts "²", which int() refuses."""
    return int(value) if value and value.isascii() and value.isdigit() else None


def posted_version(request: HttpRequest) -> int:
    return int_or_none(request.POST.get("version")) or 0


@dataclass
class Submission:
    """What became of a form posted to a service: a redirect, or the form to show again."""

    response: HttpResponse | None = None
    conflict: bool = False


def submit(
    request: HttpRequest,
    form: forms.BaseForm,
    save: Callable[[dict[str, Any]], object],
    *,
    saved_message: str,
    next_url: str,
    field_aliases: dict[str, str] | None = None,
) -> Submission:
    """Validate a posted form and hand its data to a service, turning the service's refusals
    (invalid data, someone else's newer save) into messages on the form."""
    if request.method != "POST" or not form.is_valid():
        return Submission()
    try:
        save(form.cleaned_data)
    except EditConflict:
        form.add_error(None, conflict_message())
        return Submission(conflict=True)
    except ValidationError as error:
        add_service_errors(form, error, field_aliases)
        return Submission()
    messages.success(request, saved_message)
    return Submission(response=redirect(next_url))


def version_to_show(request: HttpRequest, submission: Submission, current: int) -> int:
    """The version the form carries: hers while she edits, the newest after a conflict (her next
    save is then made knowingly over it)."""
    if request.method == "POST" and not submission.conflict:
        return posted_version(request)
    return current
