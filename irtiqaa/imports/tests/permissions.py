"""This app's rows of the permission matrix (see irtiqaa/testing/permissions.py)."""

import io

from irtiqaa.imports.services import import_start
from irtiqaa.seasons.models import Campaign
from irtiqaa.testing.permissions import CASEWORK, Rule, World

LIST = (
    "Nom,Prénom,Date de naissance,CIN,Téléphone\r\n"
    "Ouali,Samira,12/04/1991,GH112233,0612003004\r\n"
    "Haddou,Rachida,03/11/1987,,0677889900\r\n"
).encode()

WEB_RULES: dict[str, Rule] = {
    "imports:list": Rule(CASEWORK),
    "imports:detail": Rule(CASEWORK, obj="import_job"),
    "imports:mapping": Rule(CASEWORK, obj="import_job"),
    "imports:progress": Rule(CASEWORK, obj="import_job"),
    # Posted without a decision, or on a job not yet checked: nothing changes, she is sent back
    # to the import with a message.
    "imports:decide": Rule(CASEWORK, obj="import_job", method="post", allowed_status=302),
    "imports:skip_undecided": Rule(CASEWORK, obj="import_job", method="post", allowed_status=302),
    "imports:commit": Rule(CASEWORK, obj="import_job", method="post", allowed_status=302),
    "imports:cancel": Rule(CASEWORK, obj="import_job", method="post", allowed_status=302),
    "imports:retry": Rule(CASEWORK, obj="import_job", method="post", allowed_status=302),
    "imports:report": Rule(CASEWORK, obj="import_job"),
}

API_RULES: dict[str, Rule] = {}


def add_objects(world: World) -> None:
    """A list uploaded in Kénitra by its advisor (in scope) and one in Settat (out), both waiting
    for their columns to be matched."""
    cast = world.cast
    campaign = Campaign.objects.get(pk=world.objects[("campaign", True)])
    for in_scope, actor in ((True, cast.advisor), (False, cast.advisor_settat)):
        assert actor.unit is not None
        job = import_start(
            actor=actor,
            stream=io.BytesIO(LIST),
            file_name="liste.csv",
            file_size=len(LIST),
            campaign=campaign,
            agency=actor.unit,
            advisor=actor,
        )
        world.objects[("import_job", in_scope)] = job.pk
