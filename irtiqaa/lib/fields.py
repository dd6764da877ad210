from typing import Any

from django.db import models

from irtiqaa.lib import crypto


class EncryptedTextField(models.TextField):
    """Text stored as a Fernet token. It cannot be filtered on: search through a keyed hash."""

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        if value is None or value == "":
            return value
        return crypto.decrypt(value)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return crypto.encrypt(str(value))
