from django.utils.translation import pgettext


def list_separator() -> str:
    """ ", " in French and English, "، " in Arabic."""
    return pgettext("list separator", ", ")


def join_list(items: list[str]) -> str:
    return list_separator().join(items)
