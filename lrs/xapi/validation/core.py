"""The machinery every validator shares, in the style of jsonschema.

A *rule* is a tiny pure function ``rule(value, path, ctx)`` that yields
``ValidationError``s; an object type is a dict from property name to rule,
checked by ``check_object``. Rules are generators, so the caller can stop at
the first error without validating the rest of the statement.
"""

from dataclasses import dataclass

from ..versions import is_v2


@dataclass(frozen=True, slots=True)
class ValidationError:
    path: str  # JSON path of the offending value: "object.definition.choices[2].id"
    message: str

    def __str__(self):
        return f"{self.path}: {self.message}" if self.path else self.message


class Context:
    """What a rule may need to know besides the value: the request's xAPI version."""
    __slots__ = ("version", "v2")

    def __init__(self, version: str):
        self.version = version
        self.v2 = is_v2(version)


def at(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def item(path: str, index: int) -> str:
    return f"{path}[{index}]"


def show(value) -> str:
    """A value as the client sent it, cut short: error messages echo it back."""
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def kind(value) -> str:
    """The JSON type of a value, in the words an error message uses."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def _unknown(key, properties):
    # Keys are case-sensitive: "Actor" is as unknown as "foo", but deserves a hint.
    for known in properties:
        if known.lower() == key.lower():
            return f"is not allowed: property names are case-sensitive (did you mean {known!r}?)"
    return "is not an allowed property here"


def check_object(value, path, ctx, properties, required=(), what="a JSON object"):
    """Type; then, property by property, unknown keys, nulls and the property's own rule;
    then the required properties that are missing."""
    if not isinstance(value, dict):
        yield ValidationError(path, f"must be {what}, not {kind(value)}")
        return
    for key, sub in value.items():
        rule = properties.get(key)
        if rule is None:
            yield ValidationError(at(path, key), _unknown(key, properties))
        elif sub is None:
            yield ValidationError(at(path, key), "must not be null")
        else:
            yield from rule(sub, at(path, key), ctx)
    for key in required:
        if key not in value:
            yield ValidationError(at(path, key), "is required")
