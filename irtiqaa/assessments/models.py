"""Instruments as versioned data, and the assessments taken with them.

A published version is never edited: a change to an instrument is a new version, and every
assessment keeps the version it was taken with, so its scores never move afterwards."""

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from irtiqaa.lib.i18n import in_interface_language

if TYPE_CHECKING:
    from irtiqaa.assessments.definition import Definition


class PublishedVersionError(Exception):
    """Someone tried to change an instrument version once published."""


class Instrument(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_fr = models.CharField(_("name (French)"), max_length=160)
    name_ar = models.CharField(_("name (Arabic)"), max_length=160)
    name_en = models.CharField(_("name (English)"), max_length=160)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return in_interface_language(fr=self.name_fr, ar=self.name_ar, en=self.name_en)


class InstrumentVersion(models.Model):
    """One published version: its questions, dimensions, scores, weights and translations as
    JSON (see `definition.py`), read into `scoring.Instrument` to score."""

    instrument = models.ForeignKey(
        Instrument, on_delete=models.PROTECT, related_name="versions", verbose_name=_("instrument")
    )
    number = models.PositiveSmallIntegerField(_("version"))
    definition = models.JSONField(_("definition"))
    published_at = models.DateTimeField(_("published on"), default=timezone.now)

    class Meta:
        ordering = ["instrument", "-number"]
        verbose_name = _("instrument version")
        verbose_name_plural = _("instrument versions")
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "number"], name="one_instrument_version_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.instrument} v{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Assessments are scored with their version forever: a saved version is never changed.
        if not self._state.adding:
            raise PublishedVersionError(
                _("A published version cannot be changed: publish a new one.")
            )
        super().save(*args, **kwargs)

    def clean(self) -> None:
        from irtiqaa.assessments import definition

        try:
            definition.parse(
                self.definition,
                code=self.instrument.code if self.instrument_id else "",
                version=self.number or 1,
            )
        except definition.InstrumentError as error:
            raise ValidationError({"definition": str(error)}) from None

    def parsed(self) -> "Definition":
        """The definition read for scoring and showing (see definition.py)."""
        from irtiqaa.assessments import definition

        cached = InstrumentVersion.instrument.is_cached(self)
        code = self.instrument.code if cached else ""
        return definition.parse(self.definition, code=code, version=self.number)


class Assessment(models.Model):
    beneficiary = models.ForeignKey(
        "beneficiaries.Beneficiary",
        on_delete=models.CASCADE,
        related_name="assessments",
        verbose_name=_("beneficiary"),
    )
    instrument_version = models.ForeignKey(
        InstrumentVersion,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("instrument version"),
    )
    taken_on = models.DateField(_("date"))
    phase = models.CharField(_("phase"), max_length=20, blank=True)
    answers = models.JSONField(_("answers"), default=dict)
    # The scores computed when it was recorded: the same as recomputing with its version.
    scores = models.JSONField(_("scores"), default=dict)
    composite = models.FloatField(_("composite score"), null=True, blank=True)
    orientation = models.CharField(_("proposed orientation"), max_length=20, blank=True)
    orientation_reasons = models.JSONField(default=list, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded on"), default=timezone.now)

    class Meta:
        ordering = ["-taken_on", "-id"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        indexes = [
            models.Index(fields=["beneficiary", "-taken_on"], name="assessment_benef_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.instrument_version} {self.taken_on}"
