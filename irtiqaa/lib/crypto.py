"""Field encryption (MultiFernet) and keyed search hashes for identifiers held encrypted at rest."""

import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@lru_cache(maxsize=4)
def _multifernet(keys: tuple[str, ...]) -> MultiFernet:
    try:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    except (ValueError, TypeError) as error:
        raise ImproperlyConfigured(
            "IRTIQAA_FIELD_KEYS must hold comma-separated Fernet keys "
            "(generate one with `python manage.py generate_field_key`)."
        ) from error


def field_cipher() -> MultiFernet:
    # Read at call time, not import time, so key changes (rotation, tests) take effect.
    return _multifernet(tuple(settings.IRTIQAA_FIELD_KEYS))


def encrypt(plaintext: str) -> str:
    return field_cipher().encrypt(plaintext.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return field_cipher().decrypt(token.encode()).decode()
    except InvalidToken as error:
        raise ImproperlyConfigured(
            "A stored value cannot be decrypted with IRTIQAA_FIELD_KEYS: a key is missing."
        ) from error


def reencrypt(token: str) -> str:
    """Re-encrypt a token under the first (current) key."""
    return field_cipher().rotate(token.encode()).decode()


def search_hash(kind: str, normalised_value: str) -> str:
    """A keyed hash that finds an encrypted identifier without decrypting anything.

    The kind is mixed in so that a CIN and a phone number with the same digits never collide.
    """
    key = settings.IRTIQAA_SEARCH_KEY.encode()
    message = f"{kind}:{normalised_value}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()
