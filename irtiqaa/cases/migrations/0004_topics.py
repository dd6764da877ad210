"""Reference data: the subjects advisors discuss with the women (configurable in the admin).

Written inline on purpose: a migration must not import app code.
"""

from typing import Any

from django.db import migrations

# (code, French, Arabic, English)
TOPICS = (
    ("rights", "Droits", "الحقوق", "Rights"),
    ("contract", "Contrat", "العقد", "Contract"),
    ("health", "Santé", "الصحة", "Health"),
    ("savings", "Épargne", "الادخار", "Savings"),
    ("family", "Famille", "الأسرة", "Family"),
    ("business-idea", "Idée de projet", "فكرة المشروع", "Business idea"),
    ("training", "Formation", "التكوين", "Training"),
    ("financing", "Financement", "التمويل", "Financing"),
    ("papers", "Papiers et démarches", "الوثائق والإجراءات", "Papers"),
    ("return", "Retour", "العودة", "Return"),
    ("wellbeing", "Bien-être", "الرفاه النفسي", "Wellbeing"),
)


def add_topics(apps: Any, schema_editor: Any) -> None:
    Topic = apps.get_model("cases", "Topic")
    for position, (code, fr, ar, en) in enumerate(TOPICS, start=1):
        Topic.objects.update_or_create(
            code=code,
            defaults={"label_fr": fr, "label_ar": ar, "label_en": en, "position": position * 10},
        )


def remove_topics(apps: Any, schema_editor: Any) -> None:
    apps.get_model("cases", "Topic").objects.filter(code__in=[t[0] for t in TOPICS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0003_case_closure_refusal"),
    ]

    operations = [migrations.RunPython(add_topics, remove_topics)]
