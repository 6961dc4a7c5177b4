"""Rules for single values: strings, numbers, IRIs, UUIDs, language maps, extensions, ..."""

from .core import ValidationError, at, item, kind, show
from .langtags import is_language_tag
from .syntax import is_duration, is_iri, is_mime_type, is_uuid, timestamp_problem


def string(value, path, ctx):
    if not isinstance(value, str):
        yield ValidationError(path, f"must be a string, not {kind(value)}")


def boolean(value, path, ctx):
    if not isinstance(value, bool):
        yield ValidationError(path, f"must be true or false, not {kind(value)} {show(value)}")


def is_number(value) -> bool:
    # bool is an int in Python but never a JSON number.
    return isinstance(value, int | float) and not isinstance(value, bool)


def number(value, path, ctx):
    if not is_number(value):
        yield ValidationError(path, f"must be a number, not {kind(value)} {show(value)}")


def non_negative_integer(value, path, ctx):
    integral = is_number(value) and (isinstance(value, int) or value.is_integer())
    if not integral or value < 0:
        yield ValidationError(path, f"must be a non-negative integer, not {show(value)}")


def iri(value, path, ctx):
    if not is_iri(value):
        yield ValidationError(path, f"must be an absolute IRI (with a scheme, such as "
                                    f"http:), not {show(value)}")


# An IRL is an IRI that locates something; its syntax is the IRI's.
irl = iri


def uuid(value, path, ctx):
    if not is_uuid(value):
        yield ValidationError(path, f"must be a UUID such as "
                                    f"'8c6f0bba-8bcd-4d6c-9a6c-7e5e2cc4b1f6', not {show(value)}")


def timestamp(value, path, ctx):
    problem = timestamp_problem(value)
    if problem:
        yield ValidationError(path, problem)


def duration(value, path, ctx):
    if not is_duration(value):
        yield ValidationError(path, f"must be an ISO 8601 duration such as 'PT1H30M', "
                                    f"not {show(value)}")


def mime_type(value, path, ctx):
    if not is_mime_type(value):
        yield ValidationError(path, f"must be an Internet media type such as 'text/plain', "
                                    f"not {show(value)}")


def language_tag(value, path, ctx):
    if not is_language_tag(value):
        yield ValidationError(path, f"must be an RFC 5646 language tag such as 'en-US', "
                                    f"not {show(value)}")


def language_map(value, path, ctx):
    """At least one entry; keys are language tags, values strings."""
    if not isinstance(value, dict):
        yield ValidationError(path, f"must be a language map (an object such as "
                                    f"{{\"en-US\": \"...\"}}), not {kind(value)}")
        return
    if not value:
        yield ValidationError(path, "must be a language map with at least one entry")
    for tag, text in value.items():
        if not is_language_tag(tag):
            yield ValidationError(at(path, tag), "is not an RFC 5646 language tag")
        elif not isinstance(text, str):
            yield ValidationError(at(path, tag), f"must be a string, not {kind(text)}")


def extensions(value, path, ctx):
    """Keys are IRIs; values may be anything, null and empty objects included."""
    if not isinstance(value, dict):
        yield ValidationError(path, f"must be an object of extensions, not {kind(value)}")
        return
    for key in value:
        if not is_iri(key):
            yield ValidationError(at(path, key), "extension keys must be absolute IRIs")


def constant(expected):
    """A property that may only hold one value, such as an objectType (case-sensitive)."""
    def rule(value, path, ctx):
        if value != expected:
            yield ValidationError(path, f"must be {expected!r}, not {show(value)}")
    return rule


def one_of(choices):
    def rule(value, path, ctx):
        if not isinstance(value, str) or value not in choices:
            yield ValidationError(path, f"must be one of {', '.join(choices)} "
                                        f"(case-sensitive), not {show(value)}")
    return rule


def array_of(element, *, non_empty=False):
    def rule(value, path, ctx):
        if not isinstance(value, list):
            yield ValidationError(path, f"must be an array, not {kind(value)}")
            return
        if non_empty and not value:
            yield ValidationError(path, "must not be an empty array")
        for index, entry in enumerate(value):
            yield from element(entry, item(path, index), ctx)
    return rule
