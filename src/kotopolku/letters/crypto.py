"""Encryption at rest for letters (Fernet: AES-128-CBC + HMAC-SHA256, from ``cryptography``).

The key is ``KOTOPOLKU_LETTER_KEY`` (a Fernet key: 32 url-safe base64 bytes) when it is set, otherwise
one derived from ``SECRET_KEY`` with HKDF. Changing the key makes stored letters unreadable: they are
short-lived (see ``KOTOPOLKU_LETTER_RETENTION_DAYS``), so that is an acceptable way to rotate.
"""

from __future__ import annotations

import base64
import json
from functools import cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings


@cache
def _fernet(secret_key: str, letter_key: str) -> Fernet:
    if letter_key:
        return Fernet(letter_key.encode())
    derived = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=b"kotopolku-letters", info=b"letter-encryption-v1"
    ).derive(secret_key.encode())
    return Fernet(base64.urlsafe_b64encode(derived))


def fernet() -> Fernet:
    return _fernet(settings.SECRET_KEY, settings.KOTOPOLKU_LETTER_KEY)


def encrypt_json(data: Any) -> bytes:
    return fernet().encrypt(json.dumps(data, ensure_ascii=False).encode())


def decrypt_json(token: bytes | memoryview) -> Any:
    """The stored data, or None when it cannot be read (the key changed)."""
    try:
        return json.loads(fernet().decrypt(bytes(token)))
    except InvalidToken:
        return None
