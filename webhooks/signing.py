"""Standard Webhooks signatures (https://www.standardwebhooks.com/): ``webhook-signature`` is
``v1,`` and the base64 HMAC-SHA256, keyed with the secret's bytes, of ``id.timestamp.body``."""

from __future__ import annotations

import base64
import hashlib
import hmac

from .models import SECRET_PREFIX


def signature(secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    key = base64.b64decode(secret.removeprefix(SECRET_PREFIX))
    signed = f"{message_id}.{timestamp}.".encode() + body
    return "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()


def headers(secret: str, message_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signature(secret, message_id, timestamp, body),
    }
