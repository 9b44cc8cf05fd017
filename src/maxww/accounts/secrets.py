"""Encrypt the client secrets of identity providers (Fernet, key from settings).

The key derives (HKDF) from FIELD_ENCRYPTION_KEY with its own label, as the BSN
and signing keys do (people/bsn.py, handover/signing.py).
"""

from __future__ import annotations

import base64
from functools import lru_cache

from django.conf import settings

from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF


@lru_cache(maxsize=4)
def _fernet_for(material: str) -> Fernet:
    if not material:
        raise RuntimeError("FIELD_ENCRYPTION_KEY is not set.")
    key = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"maxww oidc secrets"
    ).derive(material.encode())
    return Fernet(base64.urlsafe_b64encode(key))


def encrypt_secret(secret: str) -> str:
    return _fernet_for(settings.FIELD_ENCRYPTION_KEY).encrypt(secret.encode()).decode()


def decrypt_secret(token: str) -> str:
    if not token:
        return ""
    return _fernet_for(settings.FIELD_ENCRYPTION_KEY).decrypt(token.encode()).decode()
