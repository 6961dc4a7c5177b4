"""Whether two statements with one id are "the same statement" (xAPI statement comparison).

A statement sent again with an id the LRS already holds is a no-op when it is the
same statement, and a 409 Conflict otherwise (Communication 2.1.1). Differences
the spec's exceptions to statement immutability allow are not differences:
  - what the LRS sets or may set: stored, authority, version, id, and timestamp when
    the client sent none;
  - the same instant written in another time zone or precision (timestamps);
  - case in UUIDs (id, registration, StatementRef targets) and in language tags
    (the keys of language maps);
  - the order of a group's members;
  - a single context activity and an array holding only it.
"""

import orjson

from .timestamps import TimestampError, parse

# Properties the LRS sets or may change; they don't make two statements different.
_IGNORED = ("stored", "authority", "version", "id")
_LANGUAGE_MAPS = {"display", "name", "description"}
_UUID_VALUED = {"registration"}


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
        if normalised(existing.get(key), key) != normalised(incoming.get(key), key):
            return False
    return True


def normalised(value, key=None):
    """A form of a statement part in which allowed differences disappear."""
    if isinstance(value, dict):
        if key in _LANGUAGE_MAPS and all(isinstance(v, str) for v in value.values()):
            return {k.lower(): v for k, v in value.items()}
        out = {k: normalised(v, k) for k, v in value.items()}
        if key == "contextActivities":
            # A single activity and an array of one are the same (Data 2.4.6.2).
            out = {k: v if isinstance(v, list) else [v] for k, v in out.items()}
        if out.get("objectType") == "StatementRef" and isinstance(out.get("id"), str):
            out["id"] = out["id"].lower()
        if out.get("objectType") == "SubStatement" and isinstance(out.get("timestamp"), str):
            out["timestamp"] = _instant(out["timestamp"])
        return out
    if isinstance(value, list):
        items = [normalised(v) for v in value]
        if key == "member":
            items.sort(key=lambda item: orjson.dumps(item, option=orjson.OPT_SORT_KEYS))
        return items
    if key in _UUID_VALUED and isinstance(value, str):
        return value.lower()
    return value


def _instant(value):
    try:
        return parse(value).isoformat()
    except TimestampError:
        return value


def _same_instant(a, b):
    try:
        return parse(a) == parse(b)
    except TimestampError:
        return a == b
