"""Loaded by pytest before Django (``-p irtiqaa.testing.environment``): test configuration.

Fixed test keys, never used outside tests. DATABASE_URL comes from IRTIQAA_TEST_DATABASE_URL when
set, so the same suite runs on PostgreSQL.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production")
os.environ.setdefault(
    "IRTIQAA_FIELD_KEYS",
    "Wm1R9f8r2e3h0d5C1jQ0v2a3Xk4n6p7s8t9u0w1y2z4=,ZGV2ZWxvcG1lbnQtb25seS1vbGQta2V5LTMyYnl0ZXM=",
)
os.environ.setdefault("IRTIQAA_SEARCH_KEY", "test-search-key")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("IRTIQAA_STATIC_MANIFEST", "false")  # no collectstatic before tests
# Nothing cached between requests: a test counting one request's queries gets the same count
# whatever ran before it.
os.environ.setdefault("IRTIQAA_CACHE_BACKEND", "django.core.cache.backends.dummy.DummyCache")
os.environ.setdefault("IRTIQAA_TASK_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
os.environ["DATABASE_URL"] = os.environ.get("IRTIQAA_TEST_DATABASE_URL") or "sqlite:///:memory:"
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API in tests
