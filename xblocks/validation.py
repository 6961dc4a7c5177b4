"""Validating author input from Studio, jsonschema-like: a dict from keyword to a tiny pure
function, driven by a short loop that yields ``(field, message)`` for each error.

Messages are English source strings passed through the block's gettext by the caller.
"""

import datetime

from .errors import AuthorInputError


def _required(value, _arg, _):
    if value in (None, "") or (isinstance(value, str) and not value.strip()):
        yield "This field is required."


def _max_length(value, limit, _):
    if isinstance(value, str) and len(value) > limit:
        yield ("Use at most %(limit)s characters.", {"limit": limit})


def _one_of(value, choices, _):
    allowed = choices() if callable(choices) else choices
    if value not in (None, "") and value not in allowed:
        yield ("Choose one of the listed options.", {})


def _each_one_of(values, choices, _):
    allowed = choices() if callable(choices) else choices
    if not isinstance(values, list) or any(v not in allowed for v in values):
        yield ("Choose only listed options.", {})


def _iso_date(value, _arg, _):
    if value:
        try:
            datetime.date.fromisoformat(value)
        except (TypeError, ValueError):
            yield ("Enter a date as YYYY-MM-DD.", {})


def _check(value, predicate, values):
    """A cross-field rule: ``predicate(value, all values)`` returns an error message or None."""
    message = predicate(value, values)
    if message:
        yield (message, {})


RULES = {
    "required": _required,
    "max_length": _max_length,
    "one_of": _one_of,
    "each_one_of": _each_one_of,
    "iso_date": _iso_date,
    "check": _check,
}


def errors(values, schema):
    """Yield ``(field, message, params)`` for every rule of ``schema`` that ``values`` break."""
    for field, rules in schema.items():
        for keyword, argument in rules.items():
            if keyword == "required" and not argument:
                continue
            for found in RULES[keyword](values.get(field), argument, values):
                message, params = (found, {}) if isinstance(found, str) else found
                yield field, message, params


def validate(values, schema, gettext):
    """Raise ``AuthorInputError`` with translated messages when ``values`` break ``schema``."""
    found = [(field, gettext(message) % params if params else gettext(message))
             for field, message, params in errors(values, schema)]
    if found:
        raise AuthorInputError(found)
    return values
