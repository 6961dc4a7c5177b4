"""ISO 8601 timestamps as xAPI uses them: parsing, normalising to UTC, formatting."""

import functools
import re
from datetime import UTC, date, datetime, timedelta

_TIMESTAMP = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?"
    r"(Z|z|[+-]\d{2}(?::?\d{2})?)?$"
)


# The form the LRS itself writes (UTC, 'Z', at least milliseconds), which is most of what
# arrives: recognised without building a datetime.
_CANONICAL = re.compile(r"\d{4}-\d{2}-\d{2}T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3,}Z")


class TimestampError(ValueError):
    pass


@functools.lru_cache(maxsize=4096)  # statements of a day or a file share their dates
def _real_date(text: str) -> bool:
    try:
        date(int(text[:4]), int(text[5:7]), int(text[8:10]))
    except ValueError:
        return False
    return True


def is_canonical_utc(value) -> bool:
    """True for a valid date-time already in the LRS's own form ("...T10:00:00.000Z")."""
    return isinstance(value, str) and _CANONICAL.fullmatch(value) is not None \
        and _real_date(value[:10])


def parse(value: str, *, require_offset=False) -> datetime:
    """Parse an ISO 8601 date-time into an aware UTC datetime."""
    if not isinstance(value, str):
        raise TimestampError("timestamp must be a string")
    match = _TIMESTAMP.match(value)
    if not match:
        raise TimestampError(f"{value!r} is not an ISO 8601 date-time")
    year, month, day, hour, minute, second, fraction, offset = match.groups()
    micro = int((fraction or "0")[:6].ljust(6, "0"))
    try:
        moment = datetime(int(year), int(month), int(day), int(hour), int(minute),
                          int(second), micro)
    except ValueError as exc:
        raise TimestampError(f"{value!r} is not a valid date-time: {exc}") from None
    if offset is None:
        if require_offset:
            raise TimestampError(f"{value!r} has no time zone offset")
        return moment.replace(tzinfo=UTC)
    if offset in ("Z", "z"):
        return moment.replace(tzinfo=UTC)
    sign = -1 if offset[0] == "-" else 1
    digits = offset[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    if hours > 23 or minutes > 59:
        raise TimestampError(f"{value!r} has an invalid offset")
    delta = timedelta(hours=hours, minutes=minutes) * sign
    try:
        return (moment - delta).replace(tzinfo=UTC)
    except OverflowError:
        raise TimestampError(f"{value!r} is out of range") from None


def is_negative_zero_offset(value: str) -> bool:
    return isinstance(value, str) and bool(re.search(r"-00(:?00)?$", value))


def format_utc(moment: datetime) -> str:
    """Millisecond precision, UTC, 'Z' suffix: the form the LRS returns."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def normalise(value: str) -> str:
    """A timestamp in UTC with 'Z', keeping the sub-second digits it had, and at least three
    of them: timestamps come back with millisecond precision (xAPI Data 4.5)."""
    if is_canonical_utc(value):
        return value  # already UTC, 'Z', milliseconds: the common case, kept as sent
    match = _TIMESTAMP.match(value) if isinstance(value, str) else None
    if match and match.group(8) == "Z" and value[10] == "T" and len(match.group(7) or "") >= 3:
        parse(value)  # still refuses an impossible date
        return value
    moment = parse(value)
    fraction = (match.group(7) or "").ljust(3, "0")
    base = moment.strftime("%Y-%m-%dT%H:%M:%S")
    return base + "." + fraction + "Z"


def now_utc() -> datetime:
    """Now, truncated to milliseconds (the precision `stored` is kept and returned in)."""
    moment = datetime.now(UTC).replace(tzinfo=None)
    return moment.replace(microsecond=(moment.microsecond // 1000) * 1000)


def to_naive_utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None)
