from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TodayConfig(AppConfig):
    name = "irtiqaa.today"
    verbose_name = _("The advisor's day")
