"""French by default; Arabic for an Arabic browser; whatever the user chose in the header."""

import pytest
from django.test import Client


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("", "fr"),
        ("en-US,en;q=0.9", "fr"),
        ("ar-MA,ar;q=0.9", "ar"),
        ("fr-MA", "fr"),
        ("es-ES", "fr"),
    ],
)
def test_the_language_a_browser_gets(db: None, accept_language: str, expected: str) -> None:
    response = Client(HTTP_ACCEPT_LANGUAGE=accept_language).get("/accounts/login/")
    assert f'<html lang="{expected}"' in response.content.decode()


def test_the_choice_made_in_the_header_wins(db: None) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="ar")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/accounts/login/").content.decode()
    assert '<html lang="en" dir="ltr"' in page
    client.post("/i18n/setlang/", {"language": "ar", "next": "/"})
    assert '<html lang="ar" dir="rtl"' in client.get("/accounts/login/").content.decode()
