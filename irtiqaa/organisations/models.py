from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class OrganisationUnit(models.Model):
    """A node of the organisation tree: national → region → agency, and partner organisations.

    `path` is a materialised path such as ``/ma/rsk/kenitra-1/``: everything a user may see is the
    subtree under her unit, which is one indexed prefix filter.
    """

    class Kind(models.TextChoices):
        NATIONAL = "national", _("national")
        REGION = "region", _("region")
        AGENCY = "agency", _("agency")
        PARTNER = "partner", _("partner organisation")

    class PartnerLevel(models.TextChoices):
        NATIONAL = "national", _("national")
        REGIONAL = "regional", _("regional")
        LOCAL = "local", _("local")

    class PartnerType(models.TextChoices):
        TRAINING = "training", _("training")
        FINANCING = "financing", _("financing")
        ASSOCIATION = "association", _("association")
        COOPERATIVE_OFFICE = "cooperative_office", _("cooperative office")
        LEGAL_AID = "legal_aid", _("legal aid")
        HEALTH = "health", _("health")
        OTHER = "other", _("other")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    code = models.SlugField(
        _("code"),
        max_length=40,
        # Lowercase only: paths are compared by prefix, and SQLite's LIKE ignores case.
        validators=[
            RegexValidator(
                r"^[a-z0-9]+(-[a-z0-9]+)*$", _("Use lowercase letters, digits and hyphens.")
            )
        ],
    )
    name_fr = models.CharField(_("name (French)"), max_length=160)
    name_ar = models.CharField(_("name (Arabic)"), max_length=160, blank=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent unit"),
    )
    path = models.CharField(_("path"), max_length=255, unique=True, editable=False)
    region = models.ForeignKey(
        "geography.Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        verbose_name=_("region"),
    )
    province = models.ForeignKey(
        "geography.Province",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        verbose_name=_("province or prefecture"),
    )
    partner_level = models.CharField(
        _("partner level"), max_length=10, choices=PartnerLevel.choices, blank=True
    )
    partner_type = models.CharField(
        _("partner type"), max_length=20, choices=PartnerType.choices, blank=True
    )
    country = models.CharField(_("country"), max_length=2, default="MA")
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["path"]
        verbose_name = _("organisation unit")
        verbose_name_plural = _("organisation units")
        constraints = [
            models.UniqueConstraint(fields=["parent", "code"], name="unit_code_unique_in_parent"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if translation.get_language() == "ar" and self.name_ar:
            return self.name_ar
        return self.name_fr

    @staticmethod
    def path_under(parent: "OrganisationUnit | None", code: str) -> str:
        return f"{parent.path if parent else '/'}{code}/"

    def clean(self) -> None:
        super().clean()
        allowed = ALLOWED_PARENT_KINDS.get(self.kind, ())
        if self.parent is None and allowed:
            raise ValidationError({"parent": _("This kind of unit needs a parent unit.")})
        if self.parent is not None and self.parent.kind not in allowed:
            raise ValidationError({"parent": _("This kind of unit cannot sit under that unit.")})


# Which kind of unit may sit under which: partners hang under the unit whose territory they serve.
ALLOWED_PARENT_KINDS: dict[str, tuple[str, ...]] = {
    OrganisationUnit.Kind.NATIONAL: (),
    OrganisationUnit.Kind.REGION: (OrganisationUnit.Kind.NATIONAL,),
    OrganisationUnit.Kind.AGENCY: (OrganisationUnit.Kind.REGION,),
    OrganisationUnit.Kind.PARTNER: (
        OrganisationUnit.Kind.NATIONAL,
        OrganisationUnit.Kind.REGION,
        OrganisationUnit.Kind.AGENCY,
    ),
}
