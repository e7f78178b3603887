"""Sealing the authenticator apps' secrets: AES-256-GCM (the `cryptography` package) under TWO_FACTOR_KEY, or,
while that setting is empty, under a key derived from SECRET_KEY. A sealed value is "v2." and the base64 of a
random 12-byte nonce, the ciphertext and GCM's tag; the user's id is bound in as associated data, so a sealed
secret copied onto another account's row does not open.

Values sealed before (an HMAC-SHA256 stream with an HMAC tag, keyed from SECRET_KEY, no prefix) still open:
`unseal` says when a value should be sealed again, and accounts.two_factor re-seals it at its next use. Setting
TWO_FACTOR_KEY later is the same: values sealed under the SECRET_KEY-derived key still open and are re-sealed.
A new SECRET_KEY with no TWO_FACTOR_KEY set still means every factor must be reset by an admin."""
from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app

from core.security import derived_key

PREFIX = "v2."
_NONCE = 12


@dataclass(frozen=True)
class Opened:
    secret: str
    stale: bool  # sealed the old way or under an older key: seal it again


def _derive(material: str, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"pathways-two-factor", info=info).derive(
        material.encode())


def _keys() -> list[bytes]:
    """The key to seal with first, then the keys that may still open older values."""
    config = current_app.config
    from_secret_key = _derive(config["SECRET_KEY"], b"aes-gcm from SECRET_KEY")
    configured = (config.get("TWO_FACTOR_KEY") or "").strip()
    if configured:
        return [_derive(configured, b"aes-gcm from TWO_FACTOR_KEY"), from_secret_key]
    return [from_secret_key]


def _associated(user_id: int | None) -> bytes:
    return f"pathways second factor of user {user_id}".encode()


def seal(secret: str, user_id: int | None) -> str:
    nonce = secrets.token_bytes(_NONCE)
    sealed = AESGCM(_keys()[0]).encrypt(nonce, secret.encode(), _associated(user_id))
    return PREFIX + base64.urlsafe_b64encode(nonce + sealed).decode()


def unseal(value: str | None, user_id: int | None) -> Opened | None:
    """The secret, or None for anything this app did not seal with one of its keys for this account."""
    value = value or ""
    if not value.startswith(PREFIX):
        legacy = _unseal_legacy(value)
        return Opened(legacy, stale=True) if legacy is not None else None
    try:
        raw = base64.urlsafe_b64decode(value[len(PREFIX):].encode())
    except (ValueError, TypeError):
        return None
    if len(raw) <= _NONCE + 16:
        return None
    for number, key in enumerate(_keys()):
        try:
            secret = AESGCM(key).decrypt(raw[:_NONCE], raw[_NONCE:], _associated(user_id))
        except InvalidTag:
            continue
        return Opened(secret.decode(), stale=number > 0)
    return None


# --- the seal used before AES-GCM, read only -------------------------------------------------------------------

def _legacy_key(purpose: str) -> bytes:
    return derived_key(f"pathways-two-factor-{purpose}")


def _unseal_legacy(value: str) -> str | None:
    try:
        raw = base64.urlsafe_b64decode(value.encode())
    except (ValueError, TypeError):
        return None
    nonce, sealed, tag = raw[:16], raw[16:-16], raw[-16:]
    if len(raw) < 33 or not hmac.compare_digest(
            tag, hmac.new(_legacy_key("tag"), nonce + sealed, hashlib.sha256).digest()[:16]):
        return None
    blocks = (hmac.new(_legacy_key("seal"), nonce + n.to_bytes(4, "big"), hashlib.sha256).digest()
              for n in range(len(sealed) // 32 + 1))
    stream = b"".join(blocks)[:len(sealed)]
    try:
        return bytes(a ^ b for a, b in zip(sealed, stream, strict=True)).decode()
    except UnicodeDecodeError:
        return None
