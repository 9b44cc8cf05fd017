"""BSN handling: validate (elfproef), look up by keyed hash, store encrypted.

A BSN is never a key and never logged. ``bsn_hash`` gives a stable keyed hash
(HMAC-SHA256) for look-up; ``encrypt_bsn``/``decrypt_bsn`` keep the value for
those allowed to see it (Fernet). Both keys derive from FIELD_ENCRYPTION_KEY.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import lru_cache

from django.conf import settings

from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.nl import bsn as stdnum_bsn


class InvalidBSNError(ValueError):
    """The text is not a valid BSN (length, digits or elfproef)."""


def normalise_bsn(value: str) -> str:
    """Return the 9-digit BSN or raise InvalidBSNError with a Dutch reason.

    >>> normalise_bsn("1112.22.333")
    '111222333'
    """
    try:
        return stdnum_bsn.validate(value)
    except StdnumError as exc:
        raise InvalidBSNError(_reason(value)) from exc


def is_valid_bsn(value: str) -> bool:
    return stdnum_bsn.is_valid(value)


def _reason(value: str) -> str:
    digits = "".join(ch for ch in (value or "") if ch not in " .-")
    if not digits.isdigit():
        return "Een BSN bestaat alleen uit cijfers."
    if len(digits) not in (8, 9):
        return f"Een BSN heeft 9 cijfers, dit zijn er {len(digits)}."
    return "Dit BSN voldoet niet aan de elfproef."


@lru_cache(maxsize=4)
def _keys(material: str) -> tuple[bytes, bytes]:
    if not material:
        raise RuntimeError("FIELD_ENCRYPTION_KEY is not set.")

    def derive(info: bytes) -> bytes:
        return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(
            material.encode()
        )

    return derive(b"maxww bsn lookup"), base64.urlsafe_b64encode(
        derive(b"maxww bsn encryption")
    )


def bsn_hash(bsn: str) -> str:
    """Keyed hash of a normalised BSN, for look-up without storing it in clear."""
    lookup_key, _ = _keys(settings.FIELD_ENCRYPTION_KEY)
    return hmac.new(lookup_key, bsn.encode(), hashlib.sha256).hexdigest()


def bsn_hasher():
    """A fast function for bulk hashing (keys derived once)."""
    lookup_key, _ = _keys(settings.FIELD_ENCRYPTION_KEY)

    def _hash(bsn: str) -> str:
        return hmac.new(lookup_key, bsn.encode(), hashlib.sha256).hexdigest()

    return _hash


def _fernet() -> Fernet:
    _, fernet_key = _keys(settings.FIELD_ENCRYPTION_KEY)
    return Fernet(fernet_key)


def encrypt_bsn(bsn: str) -> str:
    return _fernet().encrypt(bsn.encode()).decode()


def bsn_encrypter():
    """A function that encrypts many BSNs with one Fernet instance."""
    fernet = _fernet()
    return lambda bsn: fernet.encrypt(bsn.encode()).decode()


def decrypt_bsn(token: str) -> str:
    return _fernet().decrypt(token.encode()).decode()


def mask_bsn(bsn: str) -> str:
    """Show only the last three digits: ******123."""
    return "******" + bsn[-3:]
