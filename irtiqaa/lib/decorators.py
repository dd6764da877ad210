from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django_htmx.middleware import HtmxDetails

if TYPE_CHECKING:
    from irtiqaa.accounts.models import User


class AuthedRequest(HttpRequest):
    """The request a logged-in view receives (for type checking)."""

    user: "User"
    htmx: HtmxDetails


View = Callable[..., HttpResponse]


def role_required(*roles: str) -> Callable[[View], View]:
    """Logged in, and holding one of these roles (403 otherwise). Object scope is the selectors'."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if getattr(request.user, "role", None) not in roles:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return login_required(wrapper)

    return decorator


def casework_required(view: View) -> View:
    """Advisors, coordinators and national staff: the roles that follow women individually."""
    from irtiqaa.accounts.models import CASEWORK_ROLES

    return role_required(*CASEWORK_ROLES)(view)


def roles_api(*roles: str) -> Callable[[View], View]:
    def decorator(endpoint: View) -> View:
        @wraps(endpoint)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            if getattr(request.user, "role", None) not in roles:
                raise PermissionDenied
            return endpoint(request, *args, **kwargs)

        return wrapper

    return decorator


def casework_api(endpoint: View) -> View:
    """API counterpart of `casework_required`: other roles get 403 (authentication is the API's)."""
    from irtiqaa.accounts.models import CASEWORK_ROLES

    return roles_api(*CASEWORK_ROLES)(endpoint)
