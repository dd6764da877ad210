"""Her accompaniment: one case per woman, its phases, the interactions with her, her transfers."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from irtiqaa.lib.fields import EncryptedTextField
from irtiqaa.lib.i18n import in_interface_language


class Phase(models.TextChoices):
    PRE_DEPARTURE = "pre_departure", _("pre-departure")
    IN_SEASON = "in_season", _("in season")
    POST_RETURN = "post_return", _("post-return")
    ENTREPRENEURSHIP = "entrepreneurship", _("entrepreneurship")
    POST_CREATION = "post_creation", _("post-creation follow-up")
    CLOSED = "closed", _("closed")


class ClosureReason(models.TextChoices):
    ACTIVITY_STABLE = "activity_stable", _("activity launched and stable")
    WAGE_EMPLOYMENT = "wage_employment", _("wage employment")
    WITHDREW = "withdrew", _("she withdrew")
    MOVED_AWAY = "moved_away", _("moved away")
    UNREACHABLE = "unreachable", _("unreachable")
    OTHER = "other", _("other")


class Case(models.Model):
    """Her accompaniment. A woman has one case, season after season; a closed case can reopen."""

    beneficiary = models.OneToOneField(
        "beneficiaries.Beneficiary",
        on_delete=models.CASCADE,
        related_name="case",
        verbose_name=_("beneficiary"),
    )
    phase = models.CharField(
        _("phase"), max_length=20, choices=Phase.choices, default=Phase.PRE_DEPARTURE
    )
    phase_since = models.DateTimeField(_("in this phase since"), default=timezone.now)
    opened_at = models.DateTimeField(_("opened on"), default=timezone.now)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("opened by"),
    )
    # A closure waiting for a coordinator's approval, where the programme asks for one.
    closure_requested_reason = models.CharField(
        _("closure requested for"), max_length=20, choices=ClosureReason.choices, blank=True
    )
    closure_requested_note = models.TextField(_("closure note"), blank=True, max_length=2000)
    closure_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("closure requested by"),
    )
    closure_requested_at = models.DateTimeField(_("closure requested on"), null=True, blank=True)
    # The last refusal of a requested closure, so that the advisor who asked reads why.
    closure_refusal_note = models.TextField(
        _("closure refused because"), blank=True, max_length=2000
    )
    closure_refused_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("closure refused by"),
    )
    closure_refused_at = models.DateTimeField(_("closure refused on"), null=True, blank=True)
    closure_reason = models.CharField(
        _("closure reason"), max_length=20, choices=ClosureReason.choices, blank=True
    )
    closed_at = models.DateTimeField(_("closed on"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [models.Index(fields=["phase", "phase_since"], name="case_phase_idx")]

    def __str__(self) -> str:
        return f"{self.beneficiary_id} · {self.get_phase_display()}"

    @property
    def is_closed(self) -> bool:
        return self.phase == Phase.CLOSED

    @property
    def closure_pending(self) -> bool:
        return bool(self.closure_requested_reason)


class PhaseChange(models.Model):
    """One step of her phase history: what moved it (an event or someone's decision), when."""

    class Cause(models.TextChoices):
        OPENED = "opened", _("case opened")
        DEPARTURE = "departure", _("departure recorded")
        RETURN = "return", _("return recorded")
        DECISION = "decision", _("advisor's decision")
        CLOSURE = "closure", _("closure")
        REOPENING = "reopening", _("reopening")

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="phase_changes", verbose_name=_("case")
    )
    from_phase = models.CharField(_("from"), max_length=20, choices=Phase.choices, blank=True)
    to_phase = models.CharField(_("to"), max_length=20, choices=Phase.choices)
    cause = models.CharField(_("cause"), max_length=12, choices=Cause.choices)
    note = models.TextField(_("note"), blank=True, max_length=2000)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed on"), default=timezone.now)

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("phase change")
        verbose_name_plural = _("phase changes")

    def __str__(self) -> str:
        return f"{self.from_phase} → {self.to_phase}"


class AccompanimentRules(models.Model):
    """How the programme runs accompaniment under one unit (national, a region or an agency).

    The rules that apply to a woman are those of the nearest unit above her home agency that has
    some; without any, the defaults below."""

    unit = models.OneToOneField(
        "organisations.OrganisationUnit",
        on_delete=models.CASCADE,
        related_name="accompaniment_rules",
        verbose_name=_("unit"),
    )
    closure_needs_approval = models.BooleanField(
        _("closing a case needs a coordinator's approval"), default=False
    )
    post_return_contact_days = models.PositiveSmallIntegerField(
        _("days after her return within which she is contacted"), default=30
    )

    class Meta:
        verbose_name = _("accompaniment rules")
        verbose_name_plural = _("accompaniment rules")

    def __str__(self) -> str:
        return str(self.unit)


class Topic(models.Model):
    """A subject discussed with her; the list is configurable (admin)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    label_fr = models.CharField(_("label (French)"), max_length=80)
    label_ar = models.CharField(_("label (Arabic)"), max_length=80)
    label_en = models.CharField(_("label (English)"), max_length=80)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return in_interface_language(fr=self.label_fr, ar=self.label_ar, en=self.label_en)


class Interaction(models.Model):
    """A contact with her: meeting, call, visit, workshop, message."""

    class Kind(models.TextChoices):
        MEETING = "meeting", _("individual meeting")
        CALL = "call", _("phone call")
        HOME_VISIT = "home_visit", _("home visit")
        WORKSHOP = "workshop", _("group workshop")
        MESSAGE = "message", _("message")

    beneficiary = models.ForeignKey(
        "beneficiaries.Beneficiary",
        on_delete=models.CASCADE,
        related_name="interactions",
        verbose_name=_("beneficiary"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    occurred_on = models.DateField(_("date"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), null=True, blank=True
    )
    present = models.CharField(_("who was there"), max_length=300, blank=True)
    topics = models.ManyToManyField(Topic, blank=True, related_name="+", verbose_name=_("topics"))
    # Sensitive: read only by her advisors and her coordinator; encrypted at rest.
    notes = EncryptedTextField(_("notes"), blank=True, max_length=8000)
    next_step = models.CharField(_("next step"), max_length=300, blank=True)
    next_step_on = models.DateField(_("next step on"), null=True, blank=True)
    workshop = models.ForeignKey(
        "workshops.Workshop",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interactions",
        verbose_name=_("workshop"),
    )
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded on"), default=timezone.now)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-occurred_on", "-id"]
        verbose_name = _("interaction")
        verbose_name_plural = _("interactions")
        indexes = [
            models.Index(fields=["beneficiary", "-occurred_on"], name="interaction_benef_idx"),
            models.Index(fields=["next_step_on"], name="interaction_next_step_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_on}"


class Transfer(models.Model):
    """She moved: her file went from one agency to another. Her history stays attached to her."""

    beneficiary = models.ForeignKey(
        "beneficiaries.Beneficiary",
        on_delete=models.CASCADE,
        related_name="transfers",
        verbose_name=_("beneficiary"),
    )
    from_agency = models.ForeignKey(
        "organisations.OrganisationUnit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("from agency"),
    )
    to_agency = models.ForeignKey(
        "organisations.OrganisationUnit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("to agency"),
    )
    reason = models.TextField(_("reason"), max_length=2000)
    transferred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("transferred by"),
    )
    transferred_at = models.DateTimeField(_("transferred on"), default=timezone.now)

    class Meta:
        ordering = ["-transferred_at", "-id"]
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")

    def __str__(self) -> str:
        return f"{self.from_agency} → {self.to_agency}"
