"""Her action plan: goals, each broken into actions with an owner, a due date and a status.

The plan carries one version for all its goals and actions: whoever saves a change to any part of
it from an outdated page is told, instead of silently overwriting a colleague's change."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ActionPlan(models.Model):
    beneficiary = models.OneToOneField(
        "beneficiaries.Beneficiary",
        on_delete=models.CASCADE,
        related_name="action_plan",
        verbose_name=_("beneficiary"),
    )
    updated_at = models.DateTimeField(_("last updated"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("last updated by"),
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")

    def __str__(self) -> str:
        return f"{self.beneficiary_id}"


class Goal(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        ACHIEVED = "achieved", _("achieved")
        DROPPED = "dropped", _("dropped")

    plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, related_name="goals", verbose_name=_("action plan")
    )
    title = models.CharField(_("goal"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return self.title


class Action(models.Model):
    class Owner(models.TextChoices):
        WOMAN = "woman", _("she herself")
        ADVISOR = "advisor", _("her advisor")
        PARTNER = "partner", _("a partner")

    class Status(models.TextChoices):
        TODO = "todo", _("to do")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        CANCELLED = "cancelled", _("cancelled")

    OPEN_STATUSES = (Status.TODO, Status.IN_PROGRESS)

    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, related_name="actions", verbose_name=_("goal")
    )
    title = models.CharField(_("action"), max_length=200)
    owner = models.CharField(_("who does it"), max_length=10, choices=Owner.choices)
    owner_advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("advisor"),
    )
    owner_partner = models.ForeignKey(
        "organisations.OrganisationUnit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("partner"),
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.TODO
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    interactions = models.ManyToManyField(
        "cases.Interaction", blank=True, related_name="actions", verbose_name=_("interactions")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        indexes = [models.Index(fields=["status", "due_on"], name="action_status_due_idx")]

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, today: datetime.date) -> bool:
        return self.status in self.OPEN_STATUSES and self.due_on is not None and self.due_on < today
