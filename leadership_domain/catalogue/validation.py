"""JSON Schema validation of catalogue documents, with problems located at file and line.

The schemas ship as JSON files in `leadership_domain/schemas/`. Messages come from a dict keyed by
the failing JSON Schema keyword (a small pure function each); a schema node may override them with
its own "x-message".
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from ..errors import Problem
from .source import SourceDocument

KINDS = ("module", "path")


@cache
def schema(kind: str) -> dict:
    """The JSON Schema (as a dict) for catalogue documents of `kind` ("module" or "path")."""
    text = resources.files("leadership_domain").joinpath(f"schemas/{kind}.schema.json")
    return json.loads(text.read_text(encoding="utf-8"))


@cache
def _validator(kind: str) -> Draft202012Validator:
    return Draft202012Validator(schema(kind))


def _type_name(value: Any) -> str:
    names = {bool: "true/false", int: "a number", float: "a number", str: "text",
             list: "a list", dict: "a mapping", type(None): "nothing"}
    return names.get(type(value), type(value).__name__)


def _unknown_keys(error: ValidationError) -> list[str]:
    known = set(error.schema.get("properties", {}))
    return sorted(key for key in error.instance if key not in known)


MESSAGES: dict[str, Callable[[ValidationError], str]] = {
    "required": lambda e: e.message.replace(" is a required property", " is required"),
    "additionalProperties": lambda e: "unknown key " + ", ".join(map(repr, _unknown_keys(e))),
    "type": lambda e: f"expected {e.validator_value}, got {_type_name(e.instance)}",
    "const": lambda e: f"expected {e.validator_value!r}",
    "enum": lambda e: "expected one of " + ", ".join(map(repr, e.validator_value)),
    "minItems": lambda e: f"expected at least {e.validator_value} entr"
                          + ("y" if e.validator_value == 1 else "ies"),
    "minProperties": lambda e: "expected at least one entry",
    "minLength": lambda e: "expected non-empty text",
    "minimum": lambda e: f"expected {e.validator_value} or more, got {e.instance}",
    "maximum": lambda e: f"expected {e.validator_value} or less, got {e.instance}",
    "pattern": lambda e: f"{e.instance!r} does not match {e.validator_value!r}",
}


def _message(error: ValidationError) -> str:
    if "x-message" in error.schema:
        return f"{error.schema['x-message']}, got {error.instance!r}"
    explain = MESSAGES.get(str(error.validator))
    return explain(error) if explain else error.message


def _where(error: ValidationError) -> tuple[tuple, bool]:
    """The path to point at, and whether to point at a mapping key rather than a value."""
    path = tuple(error.absolute_path)
    if "propertyNames" in error.schema_path:  # the failing instance is the key itself
        return (*path, error.instance), True
    if error.validator == "additionalProperties":
        unknown = _unknown_keys(error)
        if unknown:
            return (*path, unknown[0]), True
    return path, False


def validate_document(document: SourceDocument) -> list[Problem]:
    """Schema problems of one document; an unknown or missing `kind` is itself a problem."""
    data = document.data
    if not isinstance(data, dict):
        return [document.problem((), "schema",
                                 f"expected a mapping with 'kind: module' or 'kind: path', "
                                 f"got {_type_name(data)}")]
    kind = data.get("kind")
    if kind not in KINDS:
        where = ("kind",) if "kind" in data else ()
        return [document.problem(where, "schema",
                                 f"'kind' must be one of {', '.join(KINDS)}, got {kind!r}")]
    problems = []
    for error in _validator(kind).iter_errors(data):
        path, key = _where(error)
        prefix = ".".join(str(part) for part in path)
        message = _message(error)
        problems.append(document.problem(path, "schema",
                                         f"{prefix}: {message}" if prefix else message, key))
    return problems
