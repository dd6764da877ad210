"""The name-matching rules changed (particles, e/a, Arabic ه inside a word, ...): the stored
search and sort keys of women already registered are recomputed, so that search finds them as
it finds women registered from now on."""

from typing import Any

from django.db import migrations


def refresh(apps: Any, schema_editor: Any) -> None:
    from irtiqaa.beneficiaries.derived import refresh_name_keys

    refresh_name_keys(apps.get_model("beneficiaries", "Beneficiary"))


class Migration(migrations.Migration):
    dependencies = [("beneficiaries", "0001_initial")]

    operations = [migrations.RunPython(refresh, migrations.RunPython.noop, elidable=True)]
