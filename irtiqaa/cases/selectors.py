"""Reads of this app. Every function takes the acting user and returns only her scope."""

from typing import Any

from irtiqaa.accounts.models import User
from irtiqaa.beneficiaries.models import Beneficiary


def file_section(*, actor: User, beneficiary: Beneficiary) -> dict[str, Any]:
    """What her file page shows of this app (template `_file_section.html`), for a woman
    already fetched within the actor's scope; a fixed number of queries."""
    return {}
