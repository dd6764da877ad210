from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from irtiqaa.lib.fields import EncryptedTextField


class ColumnMapping(models.Model):
    """A saved column mapping: which column of a list holds which field, and the values given to
    the whole list for fields it lacks. Shared within the unit of the person who saved it."""

    name = models.CharField(_("name"), max_length=80)
    unit = models.ForeignKey(
        "organisations.OrganisationUnit",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("unit"),
    )
    columns = models.JSONField(_("columns"), default=dict)
    defaults = models.JSONField(_("values for the whole list"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("column mapping")
        verbose_name_plural = _("column mappings")
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="one_mapping_name_per_unit")
        ]

    def __str__(self) -> str:
        return self.name


class ImportJob(models.Model):
    """One list being imported: its file, its mapping, the analysis of its rows, and the outcome."""

    class Status(models.TextChoices):
        MAPPING = "mapping", _("columns to match")
        ANALYSING = "analysing", _("being checked")
        READY = "ready", _("ready to import")
        COMMITTING = "committing", _("being imported")
        DONE = "done", _("imported")
        FAILED = "failed", _("failed")
        CANCELLED = "cancelled", _("cancelled")

    RUNNING = (Status.ANALYSING, Status.COMMITTING)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    agency = models.ForeignKey(
        "organisations.OrganisationUnit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("home agency"),
    )
    assigned_advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("assigned advisor"),
    )
    campaign = models.ForeignKey(
        "seasons.Campaign",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("campaign"),
    )
    file_name = models.CharField(_("file"), max_length=200)
    file_size = models.PositiveBigIntegerField(default=0)
    file_format = models.CharField(max_length=4, blank=True)
    encoding = models.CharField(max_length=12, blank=True)
    delimiter = models.CharField(max_length=2, blank=True)
    headers = models.JSONField(default=list)
    columns = models.JSONField(default=dict)
    defaults = models.JSONField(default=dict)

    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.MAPPING
    )
    cancel_requested = models.BooleanField(default=False)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    # Written with the progress: a running job whose heartbeat stopped was interrupted.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    failure = models.TextField(blank=True)

    rows_read = models.PositiveIntegerField(default=0)
    blank_rows = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    unchanged_count = models.PositiveIntegerField(default=0)
    skipped_count = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)

    # Who confirmed the women's consent and started the import (the actor of its writes).
    committed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("imported by"),
    )
    # The queued task of the running step: while it waits for a worker it is not interrupted.
    task_id = models.CharField(max_length=64, blank=True)
    consent_method = models.CharField(max_length=20, blank=True)
    consent_text_version = models.CharField(max_length=20, blank=True)
    consent_witness = models.CharField(max_length=120, blank=True)

    created_at = models.DateTimeField(_("started on"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished on"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return self.file_name

    @property
    def percent(self) -> int:
        if not self.progress_total:
            return 0
        return min(100, round(100 * self.progress_done / self.progress_total))


class ImportChunk(models.Model):
    """The uploaded file, encrypted, in pieces (a list holds CIN and phone numbers); deleted once
    the list is imported."""

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="chunks")
    position = models.PositiveIntegerField()
    size = models.PositiveIntegerField()
    data = models.BinaryField()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["job", "position"], name="one_chunk_per_position")
        ]

    def __str__(self) -> str:
        return f"{self.job_id}:{self.position}"


class ImportRow(models.Model):
    """One row of the list as checked: its cleaned values (encrypted), its problems, its suspected
    duplicates, the decision taken and, once imported, what became of it."""

    class Status(models.TextChoices):
        VALID = "valid", pgettext_lazy("import row", "new woman")
        INVALID = "invalid", pgettext_lazy("import row", "error")
        DUPLICATE = "duplicate", _("possible duplicate")
        REGISTERED = "registered", _("already registered")

    class Decision(models.TextChoices):
        UNDECIDED = "", _("to decide")
        EXISTING = "existing", _("it is this woman")
        NEW = "new", _("a new woman")
        SKIP = "skip", _("skip this row")

    class Outcome(models.TextChoices):
        PENDING = "", pgettext_lazy("import outcome", "not imported yet")
        CREATED = "created", pgettext_lazy("import outcome", "created")
        UPDATED = "updated", pgettext_lazy("import outcome", "completed")
        UNCHANGED = "unchanged", pgettext_lazy("import outcome", "already up to date")
        SKIPPED = "skipped", pgettext_lazy("import outcome", "skipped")
        ERROR = "error", pgettext_lazy("import outcome", "not imported")

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="rows")
    number = models.PositiveIntegerField(_("row"))
    status = models.CharField(max_length=10, choices=Status.choices)
    # The cleaned values (profile, phones, employer) as JSON, encrypted; cleared after import.
    data = EncryptedTextField(blank=True)
    first_name_latin = models.CharField(max_length=80, blank=True)
    last_name_latin = models.CharField(max_length=80, blank=True)
    first_name_ar = models.CharField(max_length=80, blank=True)
    last_name_ar = models.CharField(max_length=80, blank=True)
    birth_date = models.DateField(null=True, blank=True)
    problems = models.JSONField(default=list)
    warnings = models.JSONField(default=list)
    # [{"beneficiary": id} or {"row": number}, "score": float, "evidence": [codes]}, best first]
    candidates = models.JSONField(default=list)
    decision = models.CharField(max_length=10, choices=Decision.choices, blank=True)
    existing = models.ForeignKey(
        "beneficiaries.Beneficiary",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    same_as_row = models.PositiveIntegerField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    outcome_reason = models.CharField(max_length=200, blank=True)
    beneficiary = models.ForeignKey(
        "beneficiaries.Beneficiary",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["job", "number"]
        constraints = [
            models.UniqueConstraint(fields=["job", "number"], name="one_import_row_per_number")
        ]
        indexes = [models.Index(fields=["job", "status", "number"], name="import_row_status_idx")]

    def __str__(self) -> str:
        return f"{self.job_id}:{self.number}"

    @property
    def latin_name(self) -> str:
        return f"{self.first_name_latin} {self.last_name_latin}".strip()

    @property
    def arabic_name(self) -> str:
        return f"{self.first_name_ar} {self.last_name_ar}".strip()


class ImportRowKey(models.Model):
    """Blocking keys of the rows already checked (identifier hashes, birth date with a sound key
    of a name), so that each row is compared with the few earlier rows sharing a key."""

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=80)
    number = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["job", "key"], name="import_row_key_idx")]

    def __str__(self) -> str:
        return self.key
