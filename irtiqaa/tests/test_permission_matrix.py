"""Every URL and every API operation × every role × an object inside and outside her scope.

The routes are read from the URL configuration and the OpenAPI document, so a new route fails
`test_every_*_route_has_a_rule` until someone states who may reach it. The rules below are the
specification: who may open what, and what answers otherwise (403 for a role that never may,
404 for an object outside her scope, so its existence is not revealed).
"""

import datetime
import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from irtiqaa.api import api
from irtiqaa.assessments.tests import permissions as assessments_rules
from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.beneficiaries.tests import permissions as beneficiaries_rules
from irtiqaa.cases.tests import permissions as cases_rules
from irtiqaa.conftest import Cast, huelva_campaign
from irtiqaa.imports.tests import permissions as imports_rules
from irtiqaa.plans.tests import permissions as plans_rules
from irtiqaa.seasons.models import Campaign, Incident, Participation
from irtiqaa.testing.permissions import (
    CASEWORK,
    EVERYONE,
    READ_CAMPAIGNS,
    ROLES,
    Rule,
    World,
)
from irtiqaa.today.tests import permissions as today_rules
from irtiqaa.workshops.tests import permissions as workshops_rules

# Each later app states its own routes' rules and the objects they need, beside its tests.
APP_RULES = (
    cases_rules,
    plans_rules,
    workshops_rules,
    assessments_rules,
    today_rules,
    beneficiaries_rules,
    imports_rules,
)

WEB_RULES: dict[str, Rule] = {
    "home": Rule(EVERYONE),
    "healthz": Rule(EVERYONE, public=True),
    "set_language": Rule(EVERYONE, public=True, method="post", allowed_status=302),
    "login": Rule(EVERYONE, public=True),
    "logout": Rule(EVERYONE, public=True, method="post", allowed_status=302),
    "password_change": Rule(EVERYONE),
    "password_change_done": Rule(EVERYONE),
    "beneficiaries:list": Rule(CASEWORK),
    "beneficiaries:register": Rule(CASEWORK),
    "beneficiaries:duplicate_check": Rule(CASEWORK, method="post"),
    "beneficiaries:file": Rule(CASEWORK, obj="beneficiary"),
    "beneficiaries:edit": Rule(CASEWORK, obj="beneficiary"),
    "beneficiaries:consent": Rule(CASEWORK, obj="beneficiary"),
    "seasons:campaigns": Rule(READ_CAMPAIGNS),
    "seasons:campaign_create": Rule(frozenset({"national"})),
    "seasons:campaign_edit": Rule(frozenset({"national"}), obj="campaign"),
    "seasons:participation_create": Rule(CASEWORK, obj="beneficiary"),
    "seasons:participation_edit": Rule(CASEWORK, obj="participation"),
    "seasons:incident_create": Rule(CASEWORK, obj="participation"),
    "seasons:incident_edit": Rule(CASEWORK, obj="incident"),
    "audit:events": Rule(frozenset({"admin"})),
}


def _participation_body(world: World) -> dict[str, Any]:
    return {
        "beneficiary": world.objects[("beneficiary", True)],
        "campaign": world.objects[("spare_campaign", True)],
    }


def _campaign_body(world: World) -> dict[str, Any]:
    return {
        "year": 2027,
        "destination_province": "Huelva",
        "sector": "red_fruits",
        "planned_departure_start": "2027-01-15",
        "planned_departure_end": "2027-04-01",
        "planned_return_start": "2027-05-20",
        "planned_return_end": "2027-07-31",
    }


def _registration_body(world: World) -> dict[str, Any]:
    return {
        "first_name_latin": "Naima",
        "last_name_latin": "Zaari",
        "birth_date": "1990-05-05",
        "province": "kenitra",
        "marital_status": "married",
        "education_level": "none",
        "home_agency": world.cast.kenitra.pk,
        "consent": {
            "method": "signed_form",
            "text_version": "2026-01",
            "purposes": ["accompaniment"],
        },
    }


# Keyed by "METHOD path" as the OpenAPI document writes it.
API_RULES: dict[str, Rule] = {
    "GET /api/v1/beneficiaries": Rule(CASEWORK),
    "POST /api/v1/beneficiaries": Rule(
        CASEWORK, method="post", allowed_status=201, body=_registration_body
    ),
    "GET /api/v1/beneficiaries/{beneficiary_id}": Rule(CASEWORK, obj="beneficiary"),
    "PATCH /api/v1/beneficiaries/{beneficiary_id}": Rule(
        CASEWORK, obj="beneficiary", method="patch", body=lambda w: {"version": 1}
    ),
    "GET /api/v1/campaigns": Rule(READ_CAMPAIGNS),
    "POST /api/v1/campaigns": Rule(
        frozenset({"national"}), method="post", allowed_status=201, body=_campaign_body
    ),
    "GET /api/v1/campaigns/{campaign_id}": Rule(READ_CAMPAIGNS, obj="campaign"),
    "PATCH /api/v1/campaigns/{campaign_id}": Rule(
        frozenset({"national"}), obj="campaign", method="patch", body=lambda w: {"version": 1}
    ),
    "GET /api/v1/participations": Rule(CASEWORK),
    "POST /api/v1/participations": Rule(
        CASEWORK, method="post", allowed_status=201, body=_participation_body
    ),
    "GET /api/v1/participations/{participation_id}": Rule(CASEWORK, obj="participation"),
    "PATCH /api/v1/participations/{participation_id}": Rule(
        CASEWORK, obj="participation", method="patch", body=lambda w: {"version": 1}
    ),
}


for _module in APP_RULES:
    WEB_RULES.update(_module.WEB_RULES)
    API_RULES.update(_module.API_RULES)


def web_routes() -> Iterator[tuple[str, URLPattern]]:
    """Every named route of the site outside the Django admin and the API (tested below)."""

    def walk(patterns: list[Any], namespace: str, prefix: str) -> Iterator[tuple[str, URLPattern]]:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                if route.startswith(("admin/", "api/")):
                    continue
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, inner, route)
            elif pattern.name:
                yield f"{namespace}{pattern.name}", pattern
            else:
                raise AssertionError(f"The route {route!r} has no name: name it to give it a rule.")

    yield from walk(get_resolver().url_patterns, "", "")


def api_operations() -> Iterator[tuple[str, str, str]]:
    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    for path, operations in schema["paths"].items():
        for method in operations:
            yield f"{method.upper()} {path.rstrip('/')}", method, path


def test_every_web_route_has_a_rule() -> None:
    missing = sorted({name for name, _ in web_routes()} - set(WEB_RULES))
    assert not missing, f"Routes without a permission rule: {missing}"


def test_every_api_operation_has_a_rule() -> None:
    missing = sorted({key for key, _, _ in api_operations()} - set(API_RULES))
    assert not missing, f"API operations without a permission rule: {missing}"


@pytest.fixture
def world(cast: Cast, woman: Beneficiary, outsider_woman: Beneficiary, campaign: Campaign) -> World:
    objects: dict[tuple[str, bool], int] = {}
    spare = huelva_campaign(2025)
    for in_scope, beneficiary in ((True, woman), (False, outsider_woman)):
        participation = Participation.objects.create(beneficiary=beneficiary, campaign=campaign)
        incident = Incident.objects.create(
            participation=participation,
            kind="wages",
            occurred_on=datetime.date(2026, 3, 1),
            description="Unpaid hours",
        )
        objects[("beneficiary", in_scope)] = beneficiary.pk
        objects[("participation", in_scope)] = participation.pk
        objects[("incident", in_scope)] = incident.pk
    # Campaigns are not scoped: "outside" is an id that does not exist.
    objects[("campaign", True)] = campaign.pk
    objects[("campaign", False)] = 999999
    objects[("spare_campaign", True)] = spare.pk
    world = World(cast=cast, objects=objects)
    for module in APP_RULES:
        module.add_objects(world)
    return world


UNSCOPED_KINDS = frozenset({"campaign", "instrument"})


def expected_status(
    rule: Rule, role: str | None, in_scope: bool | None, *, api_request: bool
) -> int:
    if role is None and not rule.public:
        return 401 if api_request else 302  # to the login page
    if role is not None and role not in rule.roles:
        return 403
    if rule.obj and in_scope is False:
        # National sees every woman; nothing else is visible outside the unit's subtree.
        # Unscoped objects (campaigns, instruments): "outside" is one that does not exist.
        if rule.obj not in UNSCOPED_KINDS and role == "national":
            return rule.allowed_status
        return 404
    return rule.allowed_status


def _cases(rules: dict[str, Rule]) -> list[tuple[str, str | None, bool | None]]:
    cases = []
    for name, rule in rules.items():
        for role in (None, *ROLES):
            for in_scope in (True, False) if rule.obj else (None,):
                cases.append((name, role, in_scope))
    return cases


def _url(pattern: URLPattern, name: str, rule: Rule, world: World, in_scope: bool | None) -> str:
    from django.urls import reverse

    kwargs = {}
    if rule.obj:
        for key in pattern.pattern.converters:  # type: ignore[union-attr]
            kwargs[key] = world.objects[(rule.obj, bool(in_scope))]
    return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize(("name", "role", "in_scope"), _cases(WEB_RULES))
def test_web_route(
    world: World, client: Client, name: str, role: str | None, in_scope: bool | None
) -> None:
    rule = WEB_RULES[name]
    pattern = dict(web_routes())[name]
    if role is not None:
        client.force_login(world.cast.by_role()[role])
    url = _url(pattern, name, rule, world, in_scope)
    data = {"language": "ar", "next": "/"} if name == "set_language" else {}
    response = getattr(client, rule.method)(url, data)
    expected = expected_status(rule, role, in_scope, api_request=False)
    if name == "home" and role in CASEWORK:
        expected = 302  # straight to her caseload
    if name == "login" and role is not None:
        expected = 302  # already logged in: on to the home page
    assert response.status_code == expected, f"{rule.method.upper()} {url} as {role}"
    if expected == 302 and role is None and not rule.public:
        assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(("key", "role", "in_scope"), _cases(API_RULES))
def test_api_operation(
    world: World,
    api_client: Callable[..., Client],
    client: Client,
    key: str,
    role: str | None,
    in_scope: bool | None,
) -> None:
    rule = API_RULES[key]
    path = key.split(" ", 1)[1]
    if rule.obj:
        path = path.replace(
            path[path.index("{") : path.index("}") + 1],
            str(world.objects[(rule.obj, bool(in_scope))]),
        )
    http = client if role is None else api_client(world.cast.by_role()[role])
    body = rule.body(world) if rule.body else None
    if body is None:
        response = getattr(http, rule.method)(path)
    else:
        response = getattr(http, rule.method)(
            path, json.dumps(body), content_type="application/json"
        )
    expected = expected_status(rule, role, in_scope, api_request=True)
    assert response.status_code == expected, f"{key} as {role}: {response.content[:300]!r}"
    if expected >= 400:
        assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("role", ROLES)
def test_admin_site_is_for_administrators_only(world: World, client: Client, role: str) -> None:
    """Every page of the Django admin: administrators get in, every other role is sent to log in."""
    from django.contrib import admin

    client.force_login(world.cast.by_role()[role])
    urls = ["/admin/"] + [
        f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        for model in admin.site._registry
    ]
    for url in urls:
        response = client.get(url)
        if role == "admin":
            assert response.status_code == 200, url
        else:
            assert response.status_code == 302 and "/admin/login/" in response["Location"], url


def test_women_records_are_never_registered_in_the_admin() -> None:
    from django.contrib import admin

    registered = {model._meta.label for model in admin.site._registry}
    assert not registered & {
        "beneficiaries.Beneficiary",
        "beneficiaries.BeneficiaryPhone",
        "beneficiaries.Consent",
        "seasons.Participation",
        "seasons.Incident",
    }
