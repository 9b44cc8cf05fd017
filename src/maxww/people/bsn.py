"""BSN handling: validate (elfproef), look up by keyed hash, store encrypted.

A BSN is never a key and never logged. ``bsn_hash`` gives a stable keyed hash
(HMAC-SHA256) for look-up; ``encrypt_bsn``/``decrypt_bsn`` keep the value for
those allowed to see it (Fernet). Both keys derive from FIELD_ENCRYPTION_KEY.
"""

from __future__ import annotations

import base64
import hmac
import os
import struct
import time
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
    return bsn_hasher()(bsn)


def bsn_hasher():
    """A fast function for bulk hashing (keys derived once, one-shot HMAC)."""
    lookup_key, _ = _keys(settings.FIELD_ENCRYPTION_KEY)

    def _hash(bsn: str) -> str:
        return hmac.digest(lookup_key, bsn.encode(), "sha256").hex()

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


def hash_many(bsns: list[str]) -> list[str]:
    """``bsn_hash`` for many BSNs."""
    return list(map(bsn_hasher(), bsns))


def encrypt_many(bsns: list[str], *, now: int | None = None) -> list[str]:
    """Fernet tokens for many BSNs, the AES step done once for all of them.

    A Fernet token is ``0x80 | timestamp | IV | AES-128-CBC(PKCS7(text)) | HMAC``
    (https://github.com/fernet/spec/blob/master/Spec.md). A BSN pads to a single
    AES block, so CBC is ``AES(IV xor block)``: all blocks go through one ECB
    call instead of one Fernet object call per BSN. Tokens decrypt with
    ``Fernet.decrypt`` (tested); anything longer than one block falls back to it.
    """
    import numpy as np
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    if not bsns:
        return []
    encoded = [b.encode() for b in bsns]
    if max(len(b) for b in encoded) > 15:
        fernet = _fernet()
        return [fernet.encrypt(b).decode() for b in encoded]
    _, fernet_key = _keys(settings.FIELD_ENCRYPTION_KEY)
    key = base64.urlsafe_b64decode(fernet_key)
    signing_key, encryption_key = key[:16], key[16:]
    n = len(encoded)
    blocks = np.frombuffer(
        b"".join(b + bytes([16 - len(b)]) * (16 - len(b)) for b in encoded),
        dtype=np.uint8,
    ).reshape(n, 16)
    ivs = np.frombuffer(os.urandom(16 * n), dtype=np.uint8).reshape(n, 16)
    encryptor = Cipher(algorithms.AES(encryption_key), modes.ECB()).encryptor()
    ciphertext = encryptor.update((blocks ^ ivs).tobytes()) + encryptor.finalize()
    header = b"\x80" + struct.pack(">Q", int(time.time()) if now is None else now)
    iv_bytes = ivs.tobytes()
    digest, encode = hmac.digest, base64.urlsafe_b64encode
    tokens = []
    for i in range(n):
        body = (
            header + iv_bytes[16 * i : 16 * i + 16] + ciphertext[16 * i : 16 * i + 16]
        )
        tokens.append(encode(body + digest(signing_key, body, "sha256")).decode())
    return tokens


def decrypt_bsn(token: str) -> str:
    return _fernet().decrypt(token.encode()).decode()


def mask_bsn(bsn: str) -> str:
    """Show only the last three digits: ******123."""
    return "******" + bsn[-3:]
