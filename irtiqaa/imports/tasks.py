"""The long steps of an import, run by the database-backed task queue (`make worker`)."""

from django_tasks import task

from irtiqaa.imports import services


@task()
def analyse_import(job_id: int) -> None:
    services.run_analysis(job_id)


@task()
def commit_import(job_id: int) -> None:
    services.run_commit(job_id)
