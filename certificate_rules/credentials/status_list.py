"""Bitstring Status List (W3C): a GZIP-compressed bitstring, base64url multibase ('u'), one bit
per issued credential; bit 1 at a credential's index means revoked. Index 0 is the leftmost bit
of the first byte. The list is at least 16 KiB (131,072 entries) so it hides who was revoked."""

from __future__ import annotations

import base64
import gzip

from ..errors import CredentialError
from ..i18n import _
from .contexts import VC_V2

MIN_ENTRIES = 131072


def encode(bits: bytearray) -> str:
    compressed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).decode("ascii").rstrip("=")


def decode(encoded: str) -> bytes:
    if not isinstance(encoded, str) or not encoded.startswith("u"):
        raise CredentialError(_("encodedList is not base64url multibase"), reason="bad_status")
    body = encoded[1:]
    try:
        return gzip.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    except (ValueError, OSError) as exc:
        raise CredentialError(_("encodedList cannot be decoded"), reason="bad_status") from exc


def new_bits(entries=MIN_ENTRIES):
    return bytearray(max(entries, MIN_ENTRIES) // 8)


def set_bit(bits, index, value=True):
    byte, offset = divmod(index, 8)
    mask = 0x80 >> offset
    bits[byte] = (bits[byte] | mask) if value else (bits[byte] & ~mask)


def get_bit(bits, index):
    byte, offset = divmod(index, 8)
    if byte >= len(bits):
        raise CredentialError(_("status index {index} is outside the list").format(index=index),
                              reason="bad_status")
    return bool(bits[byte] & (0x80 >> offset))


def entry(list_url, index):
    return {"id": f"{list_url}#{index}", "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation", "statusListIndex": str(index),
            "statusListCredential": list_url}


def list_credential(list_url, issuer_id, bits, valid_from):
    """The unsigned BitstringStatusListCredential for ``bits``."""
    return {"@context": [VC_V2], "id": list_url,
            "type": ["VerifiableCredential", "BitstringStatusListCredential"],
            "issuer": issuer_id, "validFrom": valid_from,
            "credentialSubject": {"id": f"{list_url}#list", "type": "BitstringStatusList",
                                  "statusPurpose": "revocation", "encodedList": encode(bits)}}


def is_revoked(status_credential, index):
    subject = status_credential.get("credentialSubject") or {}
    if subject.get("statusPurpose") != "revocation":
        raise CredentialError(_("the status list is not a revocation list"), reason="bad_status")
    return get_bit(decode(subject.get("encodedList")), index)
