"""Activities, their definitions and the interaction components of cmi.interaction ones."""

from .core import ValidationError, at, check_object, item, kind
from .values import array_of, constant, extensions, iri, irl, language_map, one_of, string

# Which component lists each interaction type may carry (xAPI Data 2.4.4.1).
COMPONENT_LISTS = {
    "true-false": (),
    "choice": ("choices",),
    "fill-in": (),
    "long-fill-in": (),
    "matching": ("source", "target"),
    "performance": ("steps",),
    "sequencing": ("choices",),
    "likert": ("scale",),
    "numeric": (),
    "other": (),
}
_ALL_LISTS = ("choices", "scale", "source", "target", "steps")

COMPONENT = {"id": string, "description": language_map}


def component(value, path, ctx):
    yield from check_object(value, path, ctx, COMPONENT, required=("id",),
                            what="an interaction component object")


def components(value, path, ctx):
    """An array of interaction components whose ids are unique within the array."""
    if not isinstance(value, list):
        yield ValidationError(path, f"must be an array of interaction components, "
                                    f"not {kind(value)}")
        return
    seen = set()
    for index, entry in enumerate(value):
        yield from component(entry, item(path, index), ctx)
        ident = entry.get("id") if isinstance(entry, dict) else None
        if isinstance(ident, str):
            if ident in seen:
                yield ValidationError(at(item(path, index), "id"),
                                      f"repeats the id {ident!r}; component ids are unique")
            seen.add(ident)


DEFINITION = {
    "name": language_map,
    "description": language_map,
    "type": iri,
    "moreInfo": irl,
    "interactionType": one_of(tuple(COMPONENT_LISTS)),
    "correctResponsesPattern": array_of(string),
    **{name: components for name in _ALL_LISTS},
    "extensions": extensions,
}


def definition(value, path, ctx):
    yield from check_object(value, path, ctx, DEFINITION, what="an Activity Definition object")
    if not isinstance(value, dict):
        return
    interaction = value.get("interactionType")
    used = [p for p in ("correctResponsesPattern", *_ALL_LISTS) if p in value]
    if interaction is None:
        if used:
            yield ValidationError(at(path, "interactionType"),
                                  f"is required when {used[0]} is present")
        return
    allowed = COMPONENT_LISTS.get(interaction) if isinstance(interaction, str) else None
    if allowed is None:
        return  # the interactionType itself was reported above
    for name in _ALL_LISTS:
        if name in value and name not in allowed:
            yield ValidationError(at(path, name),
                                  f"is not allowed for interactionType {interaction!r}")


ACTIVITY = {"objectType": constant("Activity"), "id": iri, "definition": definition}


def activity(value, path, ctx):
    yield from check_object(value, path, ctx, ACTIVITY, required=("id",),
                            what="an Activity object")
