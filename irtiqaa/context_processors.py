from django.http import HttpRequest


def navigation(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    return {"acting_role": getattr(user, "role", "") if user and user.is_authenticated else ""}
