"""Canonical activity definitions, merged from the statements that carry them."""

import copy

_LANGUAGE_MAPS = ("name", "description")
_COMPONENT_LISTS = ("choices", "scale", "source", "target", "steps")


def merge_definition(current: dict, incoming: dict) -> dict:
    """The newer definition wins property by property; language maps gain new languages."""
    merged = copy.deepcopy(current)
    for key, value in (incoming or {}).items():
        if key in _LANGUAGE_MAPS and isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        elif key == "extensions" and isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def activity_object(iri: str, definition: dict | None) -> dict:
    activity = {"objectType": "Activity", "id": iri}
    if definition:
        activity["definition"] = definition
    return activity
