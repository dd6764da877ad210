"""Chromium for the browser tests: Debian's package, driven by Playwright's sync API.

Playwright's own browser download is not used (no network where the tests run): the tests need
`/usr/bin/chromium`, installed by `make browsers`. Without it the tests fail, they never skip, so
that a missing browser cannot pass silently as a green run.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connections
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, sync_playwright
from pytest_django import DjangoDbBlocker

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# The browser asks for English, so that choosing French or Arabic really goes through the language
# switch in the header rather than through Accept-Language.
BROWSER_LOCALE = "en-US"
TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole session (per xdist worker)."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"The browser tests need Debian's Chromium at {CHROMIUM}, which is missing. "
            "Install it with `make browsers` (apt-get install chromium fonts-noto-core).",
            pytrace=False,
        )
    # Django keeps database connections in an asgiref Local that, in a thread where an asyncio
    # loop is running, switches to separate context-local storage. Playwright's sync API leaves
    # its loop marked as running in this thread, so from here on the tests would get fresh
    # connection objects, without the `_test_serialized_contents` that serialized_rollback
    # restores the reference data from (it would silently not be restored). Keep the ones the
    # test database was created with.
    database_connections = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        for alias, connection in database_connections.items():
            connections[alias] = connection
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module", autouse=True)
def _clean_slate_for_serialized_rollback(
    django_db_setup: None, django_db_blocker: DjangoDbBlocker
) -> None:
    """Empty the test database once before the module's tests, post_migrate handlers left out.

    The browser tests are transactional with serialized_rollback: before each of them Django
    reloads the data the migrations created (regions, provinces, content types, permissions)
    from a snapshot, and after each it empties the database. A transactional test *without*
    serialized_rollback that ran earlier in the same worker leaves content types and permissions
    re-created by post_migrate under new ids, and the reload then fails on the unique
    (app_label, model) of django_content_type. Starting from an empty database avoids that.
    Only a test database carries the snapshot: nothing else is ever flushed.
    """
    with django_db_blocker.unblock():
        for alias in connections:
            if hasattr(connections[alias], "_test_serialized_contents"):
                call_command(
                    "flush",
                    database=alias,
                    interactive=False,
                    verbosity=0,
                    inhibit_post_migrate=True,
                )


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh profile for each test: no cookies, no session, no language chosen yet."""
    ctx = browser.new_context(locale=BROWSER_LOCALE, viewport={"width": 1280, "height": 900})
    ctx.set_default_timeout(TIMEOUT_MS)
    try:
        yield ctx
    finally:
        ctx.close()


@pytest.fixture
def page_errors() -> list[str]:
    """JavaScript errors, console errors and failed requests seen by `page`: assert it empty."""
    return []


@pytest.fixture
def page(context: BrowserContext, page_errors: list[str]) -> Iterator[Page]:
    page = context.new_page()
    errors = page_errors
    page.on("pageerror", lambda error: errors.append(f"JavaScript error: {error}"))

    def on_console(message: ConsoleMessage) -> None:
        # The browser asks for /favicon.ico on its own; the site has none (a 404, not a bug here).
        if message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico"):
            errors.append(f"console {message.type}: {message.text} ({message.location})")

    page.on("console", on_console)
    page.on(
        "response",
        lambda response: (
            errors.append(f"HTTP {response.status} {response.url}")
            if response.status >= 400
            else None
        ),
    )
    yield page
    page.close()
