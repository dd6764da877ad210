from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers

# What a browser may choose by itself; English is offered, but only when asked for.
BROWSER_LANGUAGES = ("fr", "ar")


class InterfaceLanguageMiddleware:
    """French by default, Arabic for an Arabic browser, any language the user picked in the header.

    Django's LocaleMiddleware would follow any browser language, so a French-speaking advisor
    on an English-language tablet would start in English.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if language not in self.supported:
            from_browser = translation.get_language_from_request(request)
            language = from_browser if from_browser in BROWSER_LANGUAGES else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        response.headers.setdefault("Content-Language", language)
        return response


class NoStoreMiddleware:
    """Pages and API answers seen after logging in are never kept by the browser or a proxy:
    on a shared tablet, Back after logging out must not show a woman's file again."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        personal = (user is not None and user.is_authenticated) or request.path.startswith("/api/")
        if personal and not request.path.startswith("/" + settings.STATIC_URL.lstrip("/")):
            response["Cache-Control"] = "no-store, private"
        return response
