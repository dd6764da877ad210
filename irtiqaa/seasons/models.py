from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Campaign(models.Model):
    """A season of recruitment abroad, with its planned windows and eligibility criteria."""

    class Sector(models.TextChoices):
        RED_FRUITS = "red_fruits", _("red fruits")
        CITRUS = "citrus", _("citrus")
        VEGETABLES = "vegetables", _("vegetables")
        OTHER_AGRICULTURE = "other_agriculture", _("other agriculture")

    year = models.PositiveSmallIntegerField(_("year"))
    destination_country = models.CharField(_("destination country"), max_length=2, default="ES")
    destination_province = models.CharField(_("destination province"), max_length=80)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    planned_departure_start = models.DateField(_("planned departures from"))
    planned_departure_end = models.DateField(_("planned departures until"))
    planned_return_start = models.DateField(_("planned returns from"))
    planned_return_end = models.DateField(_("planned returns until"))
    # Eligibility criteria are data: they changed from one campaign to the next.
    min_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    children_required = models.BooleanField(_("must have at least one child"), default=False)
    max_youngest_child_age = models.PositiveSmallIntegerField(
        _("youngest child at most this age"), null=True, blank=True
    )
    allowed_marital_statuses = models.JSONField(
        _("allowed marital statuses"),
        default=list,
        blank=True,
        help_text=_("Empty means any marital status."),
    )
    notes = models.TextField(_("notes"), blank=True, max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-year", "destination_province"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "destination_country", "destination_province", "sector"],
                name="one_campaign_per_year_destination_sector",
                violation_error_message=_(
                    "A campaign for this year, destination and sector already exists."
                ),
            )
        ]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def __str__(self) -> str:
        return f"{self.year} · {self.destination_province} · {self.get_sector_display()}"

    @property
    def marital_status_labels(self) -> str:
        from irtiqaa.beneficiaries.models import MaritalStatus
        from irtiqaa.lib.i18n import join_list

        return join_list(
            [
                str(MaritalStatus(s).label)
                for s in self.allowed_marital_statuses
                if s in MaritalStatus.values
            ]
        )


class Participation(models.Model):
    """One woman in one campaign."""

    class Status(models.TextChoices):
        SELECTED = "selected", _("selected")
        DEPARTED = "departed", _("departed")
        RETURNED = "returned", _("returned")
        DID_NOT_RETURN = "did_not_return", _("did not return")
        CANCELLED = "cancelled", _("cancelled")

    beneficiary = models.ForeignKey(
        "beneficiaries.Beneficiary",
        on_delete=models.CASCADE,
        related_name="participations",
        verbose_name=_("beneficiary"),
    )
    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.PROTECT,
        related_name="participations",
        verbose_name=_("campaign"),
    )
    employer = models.CharField(_("employer"), max_length=160, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SELECTED
    )
    departure_date = models.DateField(_("departure date"), null=True, blank=True)
    return_date = models.DateField(_("return date"), null=True, blank=True)
    # The end of her contract: when she is expected back, so that her advisor can plan to see her.
    planned_return_date = models.DateField(_("planned return date"), null=True, blank=True)
    savings_mad = models.DecimalField(
        _("savings brought back (MAD)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    earnings_mad = models.DecimalField(
        _("earnings during the season (MAD)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-campaign__year", "-id"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(
                fields=["beneficiary", "campaign"], name="one_participation_per_campaign"
            ),
        ]
        indexes = [
            models.Index(fields=["campaign", "status"], name="particip_campaign_status_idx"),
            models.Index(
                fields=["status", "planned_return_date"], name="particip_planned_return_idx"
            ),
            models.Index(fields=["status", "return_date"], name="particip_return_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign} — {self.get_status_display()}"


class Incident(models.Model):
    class Kind(models.TextChoices):
        WAGES = "wages", _("wages")
        HOUSING = "housing", _("housing")
        HEALTH = "health", _("health")
        HARASSMENT = "harassment", _("harassment")
        DOCUMENTS = "documents", _("documents")
        OTHER = "other", _("other")

    participation = models.ForeignKey(
        Participation,
        on_delete=models.CASCADE,
        related_name="incidents",
        verbose_name=_("participation"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    occurred_on = models.DateField(_("date"))
    description = models.TextField(_("description"), max_length=4000)
    follow_up = models.TextField(_("follow-up"), blank=True, max_length=4000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-occurred_on", "-id"]
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_on}"
