"""Logging in and out, passwords, API tokens, and the configuration that must fail loudly."""

import os
import subprocess
import sys
from collections.abc import Callable
from io import StringIO

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import Client

from irtiqaa.accounts.models import ApiToken, User
from irtiqaa.accounts.services import user_create
from irtiqaa.audit.models import AuditEvent
from irtiqaa.conftest import PASSWORD, Cast


def test_login_and_logout_are_audited(cast: Cast, client: Client) -> None:
    response = client.post("/accounts/login/", {"username": "advisor", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/").status_code == 302  # straight to her caseload
    client.post("/accounts/logout/")
    assert list(AuditEvent.objects.filter(actor=cast.advisor).values_list("action", flat=True)) == [
        "logout",
        "login",
    ]


def test_a_failed_login_is_audited_without_the_password(cast: Cast, client: Client) -> None:
    response = client.post(
        "/accounts/login/", {"username": "advisor", "password": "wrong-password"}
    )
    assert (
        response.status_code == 200 and b"did not match" in response.content
    ) or response.status_code == 200
    event = AuditEvent.objects.get(action="login_failed")
    assert event.object_id == str(cast.advisor.pk) and "wrong" not in str(event.changed_fields)
    client.post("/accounts/login/", {"username": "my-password-by-mistake", "password": "x"})
    assert AuditEvent.objects.filter(action="login_failed", object_id="").count() == 1
    assert not AuditEvent.objects.filter(object_id__contains="my-password").exists()


def test_password_change(cast: Cast, login: Callable[..., Client]) -> None:
    client = login(cast.advisor)
    response = client.post(
        "/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "another-long-passphrase-77",
            "new_password2": "another-long-passphrase-77",
        },
    )
    assert response.status_code == 302
    cast.advisor.refresh_from_db()
    assert cast.advisor.check_password("another-long-passphrase-77")
    weak = client.post(
        "/accounts/password/",
        {
            "old_password": "another-long-passphrase-77",
            "new_password1": "123",
            "new_password2": "123",
        },
    )
    assert "new_password2" in weak.context["form"].errors


def test_passwords_are_hashed_with_argon2_in_production() -> None:
    from irtiqaa import settings as project_settings

    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_sessions_expire_after_inactivity() -> None:
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


def test_a_role_is_held_in_a_unit_of_its_kind(cast: Cast) -> None:
    with pytest.raises(ValidationError) as error:
        user_create(actor=None, username="x", password=PASSWORD, role="advisor", unit=cast.rsk)
    assert "unit" in error.value.message_dict
    assert not User.objects.filter(username="x").exists()


def test_create_api_token_prints_the_token_alone_on_its_last_line(cast: Cast) -> None:
    out, err = StringIO(), StringIO()
    call_command("create_api_token", "advisor", stdout=out, stderr=err)
    token = out.getvalue().strip().splitlines()[-1]
    assert len(token) >= 40 and " " not in token
    stored = ApiToken.objects.get(user=cast.advisor)
    assert stored.digest == ApiToken.digest_of(token) and token not in stored.digest
    response = Client(HTTP_AUTHORIZATION=f"Bearer {token}").get("/api/v1/beneficiaries")
    assert response.status_code == 200
    with pytest.raises(CommandError, match="No active user"):
        call_command("create_api_token", "nobody", stdout=out, stderr=err)


@pytest.mark.parametrize(
    "missing",
    ["SECRET_KEY", "IRTIQAA_FIELD_KEYS", "IRTIQAA_SEARCH_KEY", "DATABASE_URL", "ALLOWED_HOSTS"],
)
def test_production_settings_fail_loudly_when_missing(missing: str) -> None:
    environment = {
        "PATH": os.environ["PATH"],
        "DEBUG": "0",
        "SECRET_KEY": "x",
        "IRTIQAA_FIELD_KEYS": "k",
        "IRTIQAA_SEARCH_KEY": "s",
        "DATABASE_URL": "sqlite:///:memory:",
        "ALLOWED_HOSTS": "example.org",
        "DJANGO_SETTINGS_MODULE": "irtiqaa.settings",
    }
    del environment[missing]
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=environment,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=False,
    )
    assert result.returncode != 0
    assert f"The environment variable {missing} is required" in result.stderr


def test_create_admin_makes_an_administrator_who_reaches_the_admin_site(
    db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IRTIQAA_ADMIN_PASSWORD", "a-very-long-admin-passphrase")
    call_command("create_admin", "root", stdout=StringIO())
    user = User.objects.get(username="root")
    assert user.role == "admin" and user.unit is not None and user.unit.kind == "national"
    client = Client()
    assert client.login(username="root", password="a-very-long-admin-passphrase")
    assert client.get("/admin/").status_code == 200


def test_repeated_failures_lock_the_account_for_a_while(cast: Cast, client: Client) -> None:
    for spelling in ("advisor", " advisor", "advisor ", "  advisor", "advisor"):  # one account
        client.post("/accounts/login/", {"username": spelling, "password": "guess"})
    for spelling in ("advisor", " advisor"):
        response = client.post("/accounts/login/", {"username": spelling, "password": PASSWORD})
        assert response.status_code == 200  # even the right password waits
    assert "_auth_user_id" not in client.session
    assert (
        "15 minutes" in " ".join(response.context["form"].non_field_errors())
        or "15" in response.content.decode()
    )
    other = Client().post("/accounts/login/", {"username": "coordinator", "password": PASSWORD})
    assert other.status_code == 302  # other accounts are not affected


def test_logging_out_says_so(cast: Cast, login: Callable[..., Client]) -> None:
    client = login(cast.advisor)
    response = client.post("/accounts/logout/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/login/")
    assert "Vous êtes déconnecté·e." in response.content.decode()
