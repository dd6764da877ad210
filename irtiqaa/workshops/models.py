"""Group workshops held by an agency, the women invited to them and their attendance."""

import datetime

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Workshop(models.Model):
    class Kind(models.TextChoices):
        PRE_DEPARTURE = "pre_departure", _("pre-departure information")
        FINANCIAL_LITERACY = "financial_literacy", _("financial literacy")
        ENTREPRENEURSHIP = "entrepreneurship", _("entrepreneurship training")
        SPANISH = "spanish", _("basic Spanish")
        RETURN = "return", _("return and reintegration")
        OTHER = "other", _("other")

    agency = models.ForeignKey(
        "organisations.OrganisationUnit",
        on_delete=models.PROTECT,
        related_name="workshops",
        verbose_name=_("agency"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=160)
    starts_at = models.DateTimeField(_("starts at"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), default=120, validators=[MinValueValidator(1)]
    )
    place = models.CharField(_("place"), max_length=200)
    facilitator = models.CharField(_("facilitator"), max_length=160)
    capacity = models.PositiveSmallIntegerField(_("capacity"), validators=[MinValueValidator(1)])
    notes = models.TextField(_("notes"), blank=True, max_length=2000)
    cancelled = models.BooleanField(_("cancelled"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-starts_at", "-id"]
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        indexes = [models.Index(fields=["agency", "starts_at"], name="workshop_agency_start_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(capacity__gte=1), name="workshop_capacity_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(duration_minutes__gte=1), name="workshop_duration_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def ends_at(self) -> "datetime.datetime":
        return self.starts_at + datetime.timedelta(minutes=self.duration_minutes)


class Invitation(models.Model):
    """A woman invited to a workshop, and whether she came."""

    class Attendance(models.TextChoices):
        UNKNOWN = "", _("not recorded")
        PRESENT = "present", _("present")
        ABSENT = "absent", _("absent")
        EXCUSED = "excused", _("excused")

    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("workshop")
    )
    beneficiary = models.ForeignKey(
        "beneficiaries.Beneficiary",
        on_delete=models.CASCADE,
        related_name="workshop_invitations",
        verbose_name=_("beneficiary"),
    )
    invited_at = models.DateTimeField(_("invited on"), default=timezone.now)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("invited by"),
    )
    attendance = models.CharField(
        _("attendance"), max_length=8, choices=Attendance.choices, blank=True
    )
    attendance_recorded_at = models.DateTimeField(null=True, blank=True)
    attendance_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("attendance recorded by"),
    )

    class Meta:
        ordering = ["workshop", "id"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "beneficiary"], name="one_invitation_per_workshop"
            )
        ]

    def __str__(self) -> str:
        return f"{self.workshop_id} · {self.beneficiary_id}"
