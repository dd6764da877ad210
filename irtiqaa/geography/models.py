from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class BilingualName(models.Model):
    """Official names in French and Arabic; English speakers read the French one."""

    name_fr = models.CharField(_("name (French)"), max_length=120)
    name_ar = models.CharField(_("name (Arabic)"), max_length=120)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_ar if translation.get_language() == "ar" else self.name_fr


class Region(BilingualName):
    code = models.SlugField(_("code"), max_length=8, unique=True)
    official_number = models.PositiveSmallIntegerField(_("official number"), unique=True)
    is_pilot = models.BooleanField(_("pilot region"), default=False)

    class Meta:
        ordering = ["official_number"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")


class Province(BilingualName):
    class Kind(models.TextChoices):
        PROVINCE = "province", _("province")
        PREFECTURE = "prefecture", _("prefecture")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="provinces", verbose_name=_("region")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)

    class Meta:
        ordering = ["region__official_number", "name_fr"]
        verbose_name = _("province or prefecture")
        verbose_name_plural = _("provinces and prefectures")
