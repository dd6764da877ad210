from django.utils.translation import get_language, pgettext


def list_separator() -> str:
    """ ", " in French and English, "، " in Arabic."""
    return pgettext("list separator", ", ")


def join_list(items: list[str]) -> str:
    return list_separator().join(items)


def interface_language() -> str:
    """ "fr", "ar" or "en": the language the current request is answered in."""
    return (get_language() or "fr")[:2]


def in_interface_language(*, fr: str, ar: str, en: str) -> str:
    """The text written for the interface's language; the French one where it is missing."""
    return {"ar": ar, "en": en}.get(interface_language()) or fr
