"""Predicates for the string formats xAPI prescribes: IRI, mailto, UUID, durations, ..."""

import re
from functools import lru_cache

from .. import timestamps

# An absolute IRI (RFC 3987): a scheme, a colon, then characters an IRI may hold.
# Whitespace, controls and <>"{}|\^` never appear in one; "%" must start an escape.
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`\x00-\x1f\x7f]+")
_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
_MAILTO = re.compile(r"mailto:[^@\s:/?#]+@[^@\s/?#]+")
_SHA1 = re.compile(r"[0-9A-Fa-f]{40}")
_SHA2_LENGTHS = (56, 64, 96, 128)  # SHA-224, -256, -384, -512 in hex
_HEX = re.compile(r"[0-9A-Fa-f]+")
_UUID = re.compile(r"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}")
# type "/" subtype, then any parameters (RFC 6838 / 2045 tokens).
_MIME = re.compile(r"[A-Za-z0-9!#$&^_.+\-]+/[A-Za-z0-9!#$&^_.+\-]+\s*(;.*)?", re.DOTALL)

# ISO 8601:2004 4.4.3.2 durations: PnYnMnDTnHnMnS (each part optional, at least one,
# "T" only before a time part) or PnW on its own. "P4W1D" mixes the two: invalid.
_NUMBER = r"(\d+(?:[.,]\d+)?)"
_DURATION = re.compile(
    rf"P(?:{_NUMBER}W|(?=\d|T\d)(?:{_NUMBER}Y)?(?:{_NUMBER}M)?(?:{_NUMBER}D)?"
    rf"(?:T(?=\d)(?:{_NUMBER}H)?(?:{_NUMBER}M)?(?:{_NUMBER}S)?)?)"
)

VERSION_1 = re.compile(r"1\.0(?:\.\d+)?")
VERSION_1_OR_2 = re.compile(r"[12]\.0(?:\.\d+)?")


def is_iri(value) -> bool:
    return isinstance(value, str) and _is_iri(value)


@lru_cache(maxsize=8192)  # verb and activity IRIs recur from statement to statement
def _is_iri(text: str) -> bool:
    return _IRI.fullmatch(text) is not None and _BAD_ESCAPE.search(text) is None


def is_mailto(value) -> bool:
    return isinstance(value, str) and _MAILTO.fullmatch(value) is not None


def is_sha1_hex(value) -> bool:
    return isinstance(value, str) and _SHA1.fullmatch(value) is not None


def is_sha2_hex(value) -> bool:
    return (isinstance(value, str) and len(value) in _SHA2_LENGTHS
            and _HEX.fullmatch(value) is not None)


def is_uuid(value) -> bool:
    """RFC 4122 string form: 8-4-4-4-12 hex digits, either case."""
    return isinstance(value, str) and _UUID.fullmatch(value) is not None


def is_mime_type(value) -> bool:
    return isinstance(value, str) and _MIME.fullmatch(value) is not None


def is_duration(value) -> bool:
    if not isinstance(value, str):
        return False
    match = _DURATION.fullmatch(value)
    if match is None:
        return False
    # Only the smallest unit given may carry a fraction ("PT1.5H" but not "PT1.5H2M").
    parts = [p for p in match.groups() if p is not None]
    return all("." not in p and "," not in p for p in parts[:-1])


def timestamp_problem(value) -> str | None:
    """Why a value is not an xAPI timestamp, or None if it is one.

    An offset of "-00:00" (or "-00", "-0000") means "offset unknown" in RFC 3339;
    both xAPI 1.0.3 and 2.0 reject it. A missing offset is read as UTC.
    """
    if not isinstance(value, str):
        return "must be a string"
    if timestamps.is_canonical_utc(value):
        return None
    try:
        timestamps.parse(value)
    except timestamps.TimestampError:
        return f"{value!r} is not an ISO 8601 date-time"
    if timestamps.is_negative_zero_offset(value):
        return f"{value!r} has the offset -00:00, which xAPI forbids; use Z or +00:00"
    return None


def is_statement_version(value, *, v2: bool) -> bool:
    pattern = VERSION_1_OR_2 if v2 else VERSION_1
    return isinstance(value, str) and pattern.fullmatch(value) is not None
