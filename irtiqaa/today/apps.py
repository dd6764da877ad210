from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class TodayConfig(AppConfig):
    name = "irtiqaa.today"
    verbose_name = _("The advisor's day")

    def ready(self) -> None:
        from irtiqaa.cases.models import Case, Interaction
        from irtiqaa.context_processors import attention_counts_changed
        from irtiqaa.plans.models import Action
        from irtiqaa.seasons.models import Participation

        def changed(**kwargs: Any) -> None:
            attention_counts_changed()

        # What the navigation's count is made of: next steps, actions, returns, closures.
        for model in (Interaction, Action, Participation, Case):
            post_save.connect(
                changed, sender=model, weak=False, dispatch_uid=f"attention-{model.__name__}"
            )
            post_delete.connect(
                changed, sender=model, weak=False, dispatch_uid=f"attention-d-{model.__name__}"
            )
