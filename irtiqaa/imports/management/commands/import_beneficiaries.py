"""Import a recruitment list from the command line, with the same checks as the web pages.

Suspected duplicates cannot be asked about here: the obvious ones (same CIN and name, same
names and date of birth…) are taken as the registered woman, the others are skipped unless
--duplicates=new, and all are listed in the report. The import is one transaction.
"""

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from irtiqaa.accounts.models import User
from irtiqaa.audit.models import AuditEvent
from irtiqaa.audit.services import audit_record
from irtiqaa.beneficiaries.bulk_services import check_list_consent
from irtiqaa.beneficiaries.forms import CURRENT_CONSENT_TEXT_VERSION
from irtiqaa.imports import services
from irtiqaa.imports.analysis import analyse
from irtiqaa.imports.committing import commit
from irtiqaa.imports.models import ImportJob, ImportRow
from irtiqaa.imports.progress import Progress
from irtiqaa.imports.report import write_report
from irtiqaa.imports.selectors import mappings_available
from irtiqaa.organisations.models import OrganisationUnit
from irtiqaa.seasons.models import Campaign


class ConsoleProgress(Progress):
    """The job's progress, also drawn as a bar on the terminal."""

    def __init__(self, job: ImportJob, label: str, out: Any) -> None:
        super().__init__(job)
        self.label, self.out = label, out

    def write(self) -> None:
        super().write()
        width = 30
        filled = width * self.done // self.total if self.total else 0
        percent = 100 * self.done // self.total if self.total else 0
        self.out.write(
            f"\r{self.label:<10} [{'#' * filled}{'.' * (width - filled)}] {percent:3d}% "
            f"{self.done}/{self.total}"
        )
        self.out.flush()

    def finish(self) -> None:
        self.write()
        self.out.write("\n")


class Command(BaseCommand):
    help = "Import a list of women (CSV or XLSX) into a campaign."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--campaign", type=int, required=True, help="campaign id")
        parser.add_argument("--mapping", help="name of a saved column mapping")
        parser.add_argument(
            "--user",
            required=True,
            help="username of the advisor or coordinator the import is done as (scope, audit)",
        )
        parser.add_argument("--agency", help="code of the home agency (default: the user's)")
        parser.add_argument(
            "--duplicates",
            choices=["skip", "new"],
            default="skip",
            help="what to do with suspected duplicates that are not certain (default: skip)",
        )
        parser.add_argument(
            "--consent-method",
            default="signed_form",
            help="how the women gave consent to accompaniment (signed_form or oral_with_witness)",
        )
        parser.add_argument("--consent-text-version", default=CURRENT_CONSENT_TEXT_VERSION)
        parser.add_argument("--witness", default="")
        parser.add_argument("--report", type=Path, help="write the XLSX report to this path")
        parser.add_argument(
            "--check-only", action="store_true", help="check the list, import nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        actor = self._user(options["user"])
        campaign = Campaign.objects.filter(pk=options["campaign"]).first()
        if campaign is None:
            raise CommandError(f"No campaign with id {options['campaign']}.")
        agency = self._agency(actor, options["agency"])
        mapping = None
        if options["mapping"]:
            # Among the mappings she would be offered on the upload page (another unit may use
            # the same name for a list of another shape).
            mapping = (
                mappings_available(actor=actor)
                .filter(name=options["mapping"])
                .order_by("-unit__path")
                .first()
            )
            if mapping is None:
                raise CommandError(f"No saved column mapping named {options['mapping']!r}.")
        try:
            check_list_consent(
                options["consent_method"], options["consent_text_version"], options["witness"]
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path} is not a file.")
        with path.open("rb") as stream:
            try:
                job = services.import_start(
                    actor=actor,
                    stream=stream,
                    file_name=path.name,
                    file_size=path.stat().st_size,
                    campaign=campaign,
                    agency=agency,
                    advisor=actor
                    if actor.role == "advisor" and actor.unit_id == agency.pk
                    else None,
                    mapping=mapping,
                    via="command",
                )
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from None
        try:
            services.validate_mapping(job.columns, job.defaults)
        except ValidationError as error:
            self.stderr.write(f"Columns found: {', '.join(job.headers)}")
            raise CommandError(
                "The columns could not all be matched: "
                + "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
                + " Save a mapping in the web pages and pass --mapping."
            ) from None
        self._run(job, actor, options)

    def _run(self, job: ImportJob, actor: User, options: dict[str, Any]) -> None:
        job.status = ImportJob.Status.ANALYSING
        job.save(update_fields=["status"])
        progress = ConsoleProgress(job, "Checking", self.stderr)
        try:
            analyse(job, progress)
        except Exception:
            ImportJob.objects.filter(pk=job.pk).update(
                status=ImportJob.Status.FAILED, failure="check_error"
            )
            raise
        progress.finish()
        job.status = ImportJob.Status.READY
        job.save()
        undecided = ImportRow.objects.filter(
            job=job, status=ImportRow.Status.DUPLICATE, decision=""
        )
        undecided.update(
            decision=ImportRow.Decision.NEW
            if options["duplicates"] == "new"
            else ImportRow.Decision.SKIP
        )
        if not options["check_only"]:
            job.consent_method = options["consent_method"]
            job.consent_text_version = options["consent_text_version"]
            job.consent_witness = options["witness"]
            job.committed_by = actor
            job.status = ImportJob.Status.COMMITTING
            job.save()
            progress = ConsoleProgress(job, "Importing", self.stderr)
            try:
                commit(job, progress)
            except Exception:
                ImportJob.objects.filter(pk=job.pk).update(
                    status=ImportJob.Status.FAILED, failure="import_error"
                )
                raise
            progress.finish()
            services.discard_file(job)
        job.refresh_from_db()
        if options["report"]:
            with options["report"].open("wb") as out:
                write_report(job, out, actor)
            audit_record(
                actor=actor,
                action=AuditEvent.Action.EXPORT,
                obj=job,
                changed_fields=["report"],
                via="command",
            )
        self.stdout.write(
            f"Import {job.pk}: {job.rows_read} rows read, {job.created_count} created, "
            f"{job.updated_count} updated, {job.unchanged_count} already up to date, "
            f"{job.skipped_count} skipped, {job.error_count} with errors."
        )

    def _user(self, username: str) -> User:
        actor = User.objects.select_related("unit").filter(username=username).first()
        if actor is None or not actor.does_casework:
            raise CommandError(f"{username!r} is not an advisor, coordinator or national user.")
        return actor

    def _agency(self, actor: User, code: str | None) -> OrganisationUnit:
        if code:
            agency = OrganisationUnit.objects.filter(code=code).first()
            if agency is None:
                raise CommandError(f"No agency with code {code!r}.")
            return agency
        if actor.unit is None or actor.unit.kind != OrganisationUnit.Kind.AGENCY:
            raise CommandError("Give the home agency with --agency.")
        return actor.unit
