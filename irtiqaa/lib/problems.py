"""Errors of the JSON API as problem details (RFC 9457), each naming the field at fault."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _

PROBLEM_CONTENT_TYPE = "application/problem+json"


class ProblemError(Exception):
    def __init__(self, status: int, title: str, detail: str = "", **extra: Any) -> None:
        super().__init__(title)
        self.status, self.title, self.detail, self.extra = status, title, detail, extra


def problem_response(
    status: int,
    title: str,
    detail: str = "",
    errors: list[dict[str, str]] | None = None,
    **extra: Any,
) -> HttpResponse:
    body: dict[str, Any] = {"type": "about:blank", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    if errors is not None:
        body["errors"] = errors
    body.update(extra)
    return JsonResponse(
        body,
        status=status,
        content_type=PROBLEM_CONTENT_TYPE,
        json_dumps_params={"ensure_ascii": False},
    )


def invalid_input(errors: list[dict[str, str]]) -> HttpResponse:
    return problem_response(
        422, _("Invalid input"), _("Some fields are missing or wrong; see errors."), errors=errors
    )


def form_errors(
    form: forms.BaseForm, field_names: dict[str, str] | None = None
) -> list[dict[str, str]]:
    """The form's errors as [{field, message}], with form field names mapped to API names."""
    field_names = field_names or {}
    errors: list[dict[str, str]] = []
    for field, messages in form.errors.items():
        name = "" if field == "__all__" else field_names.get(field, field)
        errors.extend({"field": name, "message": str(m)} for m in messages)
    return errors


def django_validation_errors(error: DjangoValidationError) -> list[dict[str, str]]:
    if hasattr(error, "error_dict"):
        return [
            {"field": "" if field == "__all__" else field, "message": str(m)}
            for field, messages in error.message_dict.items()
            for m in messages
        ]
    return [{"field": "", "message": str(m)} for m in error.messages]


def _pydantic_message(error: dict[str, Any]) -> str:
    """The request validator's message in the user's language (its own are English only)."""
    kind = str(error.get("type", ""))
    if kind == "missing":
        return _("This field is required.")
    if kind.startswith(("date", "datetime")):
        return _("Enter a valid date (YYYY-MM-DD).")
    if kind.startswith("int"):
        return _("Enter a whole number.")
    if kind.startswith(("decimal", "float")):
        return _("Enter a number.")
    if kind.startswith("bool"):
        return _("Enter true or false.")
    if kind.startswith(("string", "list", "dict", "model")):
        return _("This value has the wrong type.")
    if kind in ("json_invalid", "value_error.jsondecode"):
        return _("The request body is not valid JSON.")
    return _("Enter a valid value.")


def pydantic_errors(raw_errors: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Ninja's request-validation errors: the location without its 'body'/'query' prefix."""
    errors: list[dict[str, str]] = []
    for error in raw_errors:
        message = _pydantic_message(error)
        location = [
            str(part)
            for part in error.get("loc", ())
            if part not in ("body", "query", "path", "payload")
        ]
        errors.append({"field": ".".join(location), "message": message})
    return errors
