import hashlib

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADVISOR = "advisor", _("advisor")
    COORDINATOR = "coordinator", _("coordinator")
    NATIONAL = "national", _("national programme manager")
    PARTNER = "partner", _("partner")
    ANALYST = "analyst", _("analyst")
    ADMIN = "admin", _("administrator")


# The kind of unit each role is held in: an advisor in an agency, a coordinator in a region...
ROLE_UNIT_KINDS = {
    Role.ADVISOR: "agency",
    Role.COORDINATOR: "region",
    Role.NATIONAL: "national",
    Role.PARTNER: "partner",
    Role.ANALYST: "national",
    Role.ADMIN: "national",
}

# Roles that follow women individually: they read and write files inside their unit's subtree.
CASEWORK_ROLES = frozenset({Role.ADVISOR, Role.COORDINATOR, Role.NATIONAL})


class User(AbstractUser):
    """A person who uses Irtiqaa. She holds one role in one organisation unit."""

    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    unit = models.ForeignKey(
        "organisations.OrganisationUnit",
        on_delete=models.PROTECT,
        related_name="members",
        verbose_name=_("organisation unit"),
        null=True,  # only for a superuser created from the command line
        blank=True,
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def clean(self) -> None:
        super().clean()
        if self.role and self.unit is not None:
            expected_kind = ROLE_UNIT_KINDS[Role(self.role)]
            if self.unit.kind != expected_kind:
                from irtiqaa.organisations.models import OrganisationUnit

                raise ValidationError(
                    {
                        "unit": _("This role is held in a unit of the kind “%(kind)s”.")
                        % {"kind": OrganisationUnit.Kind(expected_kind).label}
                    }
                )

    @property
    def does_casework(self) -> bool:
        return self.role in CASEWORK_ROLES and self.unit_id is not None


class ApiToken(models.Model):
    """A personal API token. Only its SHA-256 digest is stored; the token is shown once."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    name = models.CharField(_("name"), max_length=80, blank=True)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(max_length=8, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    @staticmethod
    def digest_of(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()
