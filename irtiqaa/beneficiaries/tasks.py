"""Background work of the registry, run by the task workers (`manage.py db_worker`)."""

from django_tasks import task

from irtiqaa.beneficiaries.duplicates import duplicate_pairs_detect


@task()
def detect_duplicates_task(beneficiary_ids: list[int] | None = None) -> int:
    """Look for duplicates of these women (after an import or a registration), or across the
    whole registry with None; returns how many new suspected pairs were recorded."""
    return duplicate_pairs_detect(beneficiary_ids=beneficiary_ids)
