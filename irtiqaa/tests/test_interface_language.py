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


def test_pages_seen_after_logging_in_are_never_cached(db: None, client: Client) -> None:
    from irtiqaa.accounts.models import Role
    from irtiqaa.accounts.services import user_create
    from irtiqaa.organisations.services import unit_create

    national = unit_create(kind="national", code="ma", name_fr="National")
    user = user_create(
        actor=None, username="n", password="a-long-password-1", role=Role.NATIONAL, unit=national
    )
    client.force_login(user)
    assert client.get("/beneficiaries/")["Cache-Control"] == "no-store, private"
    assert Client().get("/api/v1/beneficiaries")["Cache-Control"] == "no-store, private"
    assert 'historyCacheSize": 0' in client.get("/beneficiaries/").content.decode()
