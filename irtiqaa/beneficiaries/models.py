from django.conf import settings
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from irtiqaa.beneficiaries.identifiers import format_phone
from irtiqaa.lib.dates import age_on
from irtiqaa.lib.fields import EncryptedTextField


class MaritalStatus(models.TextChoices):
    SINGLE = "single", _("single")
    MARRIED = "married", _("married")
    DIVORCED = "divorced", _("divorced")
    WIDOWED = "widowed", _("widowed")


class EducationLevel(models.TextChoices):
    NONE = "none", _("never went to school")
    KORANIC = "koranic", _("Koranic school")
    PRIMARY = "primary", _("primary")
    LOWER_SECONDARY = "lower_secondary", _("lower secondary (collège)")
    UPPER_SECONDARY = "upper_secondary", _("upper secondary (lycée)")
    HIGHER = "higher", _("higher education")


class Literacy(models.TextChoices):
    NONE = "none", _("cannot read")
    BASIC = "basic", _("reads a little")
    GOOD = "good", _("reads and writes")


class Language(models.TextChoices):
    DARIJA = "darija", _("Darija")
    TAMAZIGHT = "tamazight", _("Tamazight")
    ARABIC = "arabic", _("Arabic")
    FRENCH = "french", _("French")
    SPANISH = "spanish", _("Spanish")


class Beneficiary(models.Model):
    """A woman followed by the service. One file, however many seasons."""

    first_name_latin = models.CharField(_("first name (Latin script)"), max_length=80, blank=True)
    last_name_latin = models.CharField(_("last name (Latin script)"), max_length=80, blank=True)
    first_name_ar = models.CharField(_("first name (Arabic script)"), max_length=80, blank=True)
    last_name_ar = models.CharField(_("last name (Arabic script)"), max_length=80, blank=True)
    birth_date = models.DateField(_("date of birth"))
    cin = EncryptedTextField(_("CIN"), blank=True)
    cin_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)

    province = models.ForeignKey(
        "geography.Province",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("province or prefecture"),
    )
    commune = models.CharField(_("commune"), max_length=120, blank=True)
    marital_status = models.CharField(
        _("marital status"), max_length=10, choices=MaritalStatus.choices
    )
    children_count = models.PositiveSmallIntegerField(_("number of children"), default=0)
    # Birth years rather than ages, so that ages stay right season after season.
    children_birth_years = models.JSONField(_("children's birth years"), default=list, blank=True)
    education_level = models.CharField(
        _("education level"), max_length=20, choices=EducationLevel.choices
    )
    literacy_arabic = models.CharField(
        _("literacy in Arabic"), max_length=8, choices=Literacy.choices, default=Literacy.NONE
    )
    literacy_french = models.CharField(
        _("literacy in French"), max_length=8, choices=Literacy.choices, default=Literacy.NONE
    )
    languages = models.JSONField(_("spoken languages"), default=list, blank=True)
    agricultural_experience_years = models.PositiveSmallIntegerField(
        _("years of agricultural experience"), default=0
    )
    skills = models.TextField(_("skills"), blank=True, max_length=1000)

    home_agency = models.ForeignKey(
        "organisations.OrganisationUnit",
        on_delete=models.PROTECT,
        related_name="beneficiaries",
        verbose_name=_("home agency"),
    )
    assigned_advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="caseload",
        verbose_name=_("assigned advisor"),
    )

    # Folded names in both scripts, maintained by the services, for search in either script.
    search_text = models.TextField(editable=False, blank=True)
    name_key = models.CharField(max_length=160, editable=False, blank=True, db_index=True)
    # Last name then first name, in Latin letters even when only the Arabic spelling is known.
    sort_name = models.CharField(max_length=170, editable=False, blank=True)
    duplicate_override_reason = models.TextField(
        _("reason for saving despite a possible duplicate"), blank=True, max_length=1000
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("registered on"), default=timezone.now)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)
    # Optimistic locking: an edit carries the version it started from.
    version = models.PositiveIntegerField(default=1, editable=False)
    # A second file of a woman already registered, merged into her file: kept (its audit trail
    # points at it), out of every list and search, answering with a pointer to the survivor.
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_files",
        editable=False,
        verbose_name=_("merged into"),
    )
    merged_at = models.DateTimeField(_("merged on"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["sort_name", "id"]
        verbose_name = _("beneficiary")
        verbose_name_plural = _("beneficiaries")
        indexes = [
            models.Index(fields=["home_agency", "sort_name", "id"], name="benef_agency_sort_idx"),
            models.Index(fields=["birth_date"], name="benef_birth_idx"),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def latin_name(self) -> str:
        return f"{self.first_name_latin} {self.last_name_latin}".strip()

    @property
    def arabic_name(self) -> str:
        return f"{self.first_name_ar} {self.last_name_ar}".strip()

    @property
    def display_name(self) -> str:
        if translation.get_language() == "ar":
            return self.arabic_name or self.latin_name
        return self.latin_name or self.arabic_name

    @property
    def other_script_name(self) -> str:
        """Her name in the script `display_name` does not show, when both are known."""
        if not (self.latin_name and self.arabic_name):
            return ""
        return self.latin_name if translation.get_language() == "ar" else self.arabic_name

    @property
    def age(self) -> int:
        return age_on(self.birth_date, timezone.localdate())

    @property
    def children_ages(self) -> list[int]:
        this_year = timezone.localdate().year
        return sorted((this_year - year for year in self.children_birth_years), reverse=True)


class BeneficiaryPhone(models.Model):
    beneficiary = models.ForeignKey(
        Beneficiary, on_delete=models.CASCADE, related_name="phones", verbose_name=_("beneficiary")
    )
    number = EncryptedTextField(_("phone number"))
    number_hash = models.CharField(max_length=64, db_index=True, editable=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("phone number")
        verbose_name_plural = _("phone numbers")

    def __str__(self) -> str:
        return self.number

    @property
    def readable(self) -> str:
        return format_phone(self.number)


class Consent(models.Model):
    """One consent decision. The latest decision per purpose is the one in force."""

    class Purpose(models.TextChoices):
        ACCOMPANIMENT = "accompaniment", _("accompaniment")
        PARTNER_SHARING = "partner_sharing", _("sharing with partners")
        CROSS_BORDER_SHARING = "cross_border_sharing", _("sharing across the border")
        SMS_CONTACT = "sms_contact", _("SMS contact")
        STATISTICS = "statistics", _("statistics")

    class Method(models.TextChoices):
        SIGNED_FORM = "signed_form", _("signed form")
        ORAL_WITH_WITNESS = "oral_with_witness", _("oral, with a witness")

    beneficiary = models.ForeignKey(
        Beneficiary,
        on_delete=models.CASCADE,
        related_name="consents",
        verbose_name=_("beneficiary"),
    )
    purpose = models.CharField(_("purpose"), max_length=24, choices=Purpose.choices)
    given = models.BooleanField(_("given"))
    method = models.CharField(_("how it was given"), max_length=20, choices=Method.choices)
    witness_name = models.CharField(_("witness"), max_length=120, blank=True)
    text_version = models.CharField(_("consent text version"), max_length=20)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded on"), default=timezone.now)

    class Meta:
        ordering = ["-recorded_at", "-id"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        indexes = [
            models.Index(
                fields=["beneficiary", "purpose", "-recorded_at"], name="consent_current_idx"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()}: {self.given}"


class DuplicatePair(models.Model):
    """Two files that may be the same woman, found by the duplicate detection, and what a person
    decided about them. The lower id is always `first`, so a pair is recorded once."""

    class Status(models.TextChoices):
        SUSPECTED = "suspected", _("suspected")
        NOT_DUPLICATE = "not_duplicate", _("not the same woman")
        MERGED = "merged", _("merged")

    first = models.ForeignKey(
        Beneficiary, on_delete=models.CASCADE, related_name="+", verbose_name=_("first file")
    )
    second = models.ForeignKey(
        Beneficiary, on_delete=models.CASCADE, related_name="+", verbose_name=_("second file")
    )
    score = models.FloatField(_("score"))
    # Codes of what matched: "cin", "phone", "birth_date", and the name comparison's evidence
    # ("first:same_key", "last:one_typo", "swapped", "arabic_latin"...).
    evidence = models.JSONField(_("evidence"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SUSPECTED
    )
    detected_at = models.DateTimeField(_("detected on"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)
    # Why two files are two different women, in the words of whoever decided it.
    note = models.TextField(_("reason"), blank=True, max_length=1000)

    class Meta:
        ordering = ["-score", "id"]
        verbose_name = _("possible duplicate")
        verbose_name_plural = _("possible duplicates")
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="one_pair_per_two_files"),
            models.CheckConstraint(
                condition=models.Q(first__lt=models.F("second")), name="pair_lower_id_first"
            ),
        ]
        indexes = [models.Index(fields=["status", "-score"], name="pair_status_score_idx")]

    def __str__(self) -> str:
        return f"{self.first_id} ~ {self.second_id} ({self.status})"
