"""Ed25519 keys per organisation and signed handover packages.

A package is a JSON envelope ``{"header": ..., "payload": ..., "signature": ...}``;
the signature (base64) is over the canonical JSON of ``{"header", "payload"}``
(sorted keys, no spaces, UTF-8). Private keys are stored encrypted with a
Fernet key derived (HKDF) from FIELD_ENCRYPTION_KEY, as people/bsn.py does.
"""

from __future__ import annotations

import base64
import hashlib
import json
from functools import lru_cache
from typing import Any

from django.conf import settings

from cryptography.exceptions import InvalidSignature
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.kdf.hkdf import HKDF


def canonical_json(value: Any) -> bytes:
    """The exact bytes that are signed: sorted keys, compact, UTF-8."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    ).encode()


@lru_cache(maxsize=4)
def _fernet_for(material: str) -> Fernet:
    if not material:
        raise RuntimeError("FIELD_ENCRYPTION_KEY is not set.")
    key = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"maxww signing keys"
    ).derive(material.encode())
    return Fernet(base64.urlsafe_b64encode(key))


def _fernet() -> Fernet:
    return _fernet_for(settings.FIELD_ENCRYPTION_KEY)


def public_key_b64(public: Ed25519PublicKey) -> str:
    raw = public.public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return base64.b64encode(raw).decode()


def key_id_for(public_b64: str) -> str:
    """A short, stable id: the first 16 hex digits of SHA-256 of the raw key."""
    return hashlib.sha256(base64.b64decode(public_b64)).hexdigest()[:16]


def new_keypair() -> tuple[str, str]:
    """A fresh key pair as (public key base64, encrypted private key)."""
    private = Ed25519PrivateKey.generate()
    raw = private.private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )
    return public_key_b64(private.public_key()), _fernet().encrypt(raw).decode()


def load_private(encrypted: str) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(_fernet().decrypt(encrypted.encode()))


def load_public(public_b64: str) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(base64.b64decode(public_b64))


def sign(private: Ed25519PrivateKey, header: dict, payload: dict) -> str:
    message = canonical_json({"header": header, "payload": payload})
    return base64.b64encode(private.sign(message)).decode()


def verify(public_b64: str, header: dict, payload: dict, signature: str) -> bool:
    """True when ``signature`` is valid for header and payload under the key."""
    try:
        load_public(public_b64).verify(
            base64.b64decode(signature, validate=True),
            canonical_json({"header": header, "payload": payload}),
        )
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True
