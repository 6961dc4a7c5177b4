"""Whether two statements with one id are "the same statement" (xAPI statement comparison)."""

from .timestamps import TimestampError, parse

# Properties the LRS sets or may change; they don't make two statements different.
_IGNORED = ("stored", "authority", "version", "id")


def same_statement(existing: dict, incoming: dict) -> bool:
    for key in set(existing) | set(incoming):
        if key in _IGNORED:
            continue
        if key == "timestamp":
            if "timestamp" not in incoming:
                continue
            if not _same_instant(existing.get("timestamp"), incoming.get("timestamp")):
                return False
            continue
        if existing.get(key) != incoming.get(key):
            return False
    return True


def _same_instant(a, b):
    try:
        return parse(a) == parse(b)
    except TimestampError:
        return a == b
