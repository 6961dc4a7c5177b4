"""Reading request parameters and bodies into checked Python values (400 on bad input)."""

import re
import uuid

import orjson
from flask import request

from ..errors import BadRequest
from ..xapi.timestamps import TimestampError, parse, to_naive_utc
from ..xapi.validation import validate_agent
from ..xapi.validation.syntax import is_iri

_SPACE_FOR_PLUS = re.compile(r"(:\d{2}(?:[.,]\d+)?) (\d{2}(?::?\d{2})?)$")
_TRUE = {"true"}
_FALSE = {"false"}


def check_allowed(allowed: set[str], args=None):
    """400 for a parameter this resource doesn't know (names are case-sensitive) or one
    given twice (which value would we use?)."""
    args = request.args if args is None else args
    unknown = sorted(set(args) - allowed)
    if unknown:
        raise BadRequest(f"unknown parameter(s): {', '.join(unknown)}; this resource takes "
                         f"{', '.join(sorted(allowed)) or 'no parameters'}")
    repeated = sorted(name for name in args if len(args.getlist(name)) > 1)
    if repeated:
        raise BadRequest(f"parameter(s) given more than once: {', '.join(repeated)}")


def parse_json(data: bytes, what="the request body"):
    if data.startswith(b"\xef\xbb\xbf"):  # a UTF-8 byte order mark some tools write
        data = data[3:]
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise BadRequest(f"{what} is not valid JSON (UTF-8): {exc}") from None


def _raw(name, args, required=False):
    """The parameter's text, None when absent; 400 when it is required and absent."""
    value = (request.args if args is None else args).get(name)
    if value is None and required:
        raise BadRequest(f"missing required parameter {name}")
    return value


def boolean(name, args=None, default=False):
    value = _raw(name, args)
    if value is None:
        return default
    lowered = value.lower()  # TinCanPython sends "True"
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise BadRequest(f"{name} must be true or false, not {value!r}")


def iri(name, args=None, required=False):
    value = _raw(name, args, required)
    if value is None:
        return None
    if not is_iri(value):
        raise BadRequest(f"{name} must be an IRI, not {value!r}")
    return value


def uuid_param(name, args=None, required=False):
    value = _raw(name, args, required)
    if value is None:
        return None
    try:
        uuid.UUID(value)
    except ValueError:
        raise BadRequest(f"{name} must be a UUID, not {value!r}") from None
    if len(value) != 36:
        raise BadRequest(f"{name} must be a UUID in its hyphenated form, not {value!r}")
    return value


def timestamp(name, args=None):
    value = _raw(name, args)
    if value is None:
        return None
    # An unescaped "+" of the offset arrives as a space ("...T10:00:00 05:00").
    value = _SPACE_FOR_PLUS.sub(r"\1+\2", value)
    try:
        return to_naive_utc(parse(value))
    except TimestampError as exc:
        raise BadRequest(f"{name}: {exc}") from None


def agent(name, args=None, required=False):
    value = _raw(name, args, required)
    if value is None:
        return None
    parsed = parse_json(value.encode("utf-8"), what=f"the {name} parameter")
    validate_agent(parsed, name)
    return parsed


def nonnegative_int(name, args=None, default=0):
    value = _raw(name, args)
    if value is None:
        return default
    if not value.isdigit():
        raise BadRequest(f"{name} must be a non-negative integer, not {value!r}")
    return int(value)
