"""Administrators publish a new version in the admin; a published one is read, never changed."""

import copy
import json
from collections.abc import Callable

from django.test import Client

from irtiqaa.accounts.models import User
from irtiqaa.assessments.models import Instrument, InstrumentVersion
from irtiqaa.assessments.tests.conftest import REINTEGRATION_V1
from irtiqaa.audit.models import AuditEvent
from irtiqaa.conftest import Cast

ADD = "/admin/assessments/instrumentversion/add/"


def test_a_new_version_is_checked_then_published_as_the_next_number(
    login: Callable[[User], Client], cast: Cast, reintegration: Instrument
) -> None:
    client = login(cast.admin)
    broken = copy.deepcopy(REINTEGRATION_V1)
    broken["questions"][0]["kind"] = "slider"
    response = client.post(ADD, {"instrument": reintegration.pk, "definition": json.dumps(broken)})
    assert response.status_code == 200
    assert "the kind is one of" in response.content.decode()
    assert reintegration.versions.count() == 1

    data = copy.deepcopy(REINTEGRATION_V1)
    data["dimensions"][0]["weight"] = 2
    response = client.post(ADD, {"instrument": reintegration.pk, "definition": json.dumps(data)})
    assert response.status_code == 302
    version = reintegration.versions.get(number=2)
    assert version.definition["dimensions"][0]["weight"] == 2
    assert AuditEvent.objects.filter(
        object_type="assessments.instrumentversion", via="admin"
    ).exists()


def test_a_published_version_is_read_only_in_the_admin(
    login: Callable[[User], Client], cast: Cast, reintegration: Instrument
) -> None:
    version = InstrumentVersion.objects.get(instrument=reintegration, number=1)
    client = login(cast.admin)
    url = f"/admin/assessments/instrumentversion/{version.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="definition"' not in page.content.decode()  # shown, not editable
    response = client.post(url, {"instrument": reintegration.pk, "definition": "{}"})
    assert response.status_code == 403
    version.refresh_from_db()
    assert version.definition == REINTEGRATION_V1
