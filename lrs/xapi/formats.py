"""The three statement formats of GET /statements: exact, ids, canonical."""

import copy

from .identity import IFI_PROPERTIES

FORMATS = ("exact", "ids", "canonical")


# -- ids ---------------------------------------------------------------------

def _agent_ids(agent):
    if not isinstance(agent, dict):
        return agent
    out = {"objectType": agent.get("objectType", "Agent")}
    for prop in IFI_PROPERTIES:
        if prop in agent:
            out[prop] = agent[prop]
            break
    else:
        if agent.get("objectType") == "Group":
            members = agent.get("member")
            out["member"] = [_agent_ids(m) for m in members] if isinstance(members, list) \
                else members
    return out


def _activity_ids(activity):
    # The id alone identifies an activity (the 2.0 suite counts its keys: exactly one).
    return {"id": activity.get("id")} if isinstance(activity, dict) else activity


def _object_ids(obj):
    if not isinstance(obj, dict):
        return obj
    kind = obj.get("objectType", "Activity")
    if kind == "Activity":
        return _activity_ids(obj)
    if kind in ("Agent", "Group"):
        return _agent_ids(obj)
    if kind == "SubStatement":
        return _statement_ids(obj)
    return obj


def _context_ids(context):
    context = dict(context)
    for prop in ("instructor", "team"):
        if prop in context:
            context[prop] = _agent_ids(context[prop])
    activities = context.get("contextActivities")
    if isinstance(activities, dict):
        context["contextActivities"] = {
            kind: [_activity_ids(a) for a in items]
            if isinstance(items, list) else _activity_ids(items)
            for kind, items in activities.items()
        }
    if isinstance(context.get("contextAgents"), list):
        context["contextAgents"] = [{**c, "agent": _agent_ids(c.get("agent"))}
                                    if isinstance(c, dict) else c
                                    for c in context["contextAgents"]]
    if isinstance(context.get("contextGroups"), list):
        context["contextGroups"] = [{**c, "group": _agent_ids(c.get("group"))}
                                    if isinstance(c, dict) else c
                                    for c in context["contextGroups"]]
    return context


def _statement_ids(statement):
    out = dict(statement)
    out["actor"] = _agent_ids(statement.get("actor"))
    if isinstance(statement.get("verb"), dict):
        out["verb"] = {"id": statement["verb"].get("id")}
    if "object" in statement:
        out["object"] = _object_ids(statement["object"])
    if "authority" in statement:
        out["authority"] = _agent_ids(statement["authority"])
    if isinstance(statement.get("context"), dict):
        out["context"] = _context_ids(statement["context"])
    return out


def to_ids(statement: dict) -> dict:
    return _statement_ids(statement)


# -- canonical ---------------------------------------------------------------

def parse_accept_language(header: str | None) -> list[str]:
    """Language ranges, best first."""
    if not header:
        return []
    ranges = []
    for position, part in enumerate(header.split(",")):
        piece = part.strip()
        if not piece:
            continue
        tag, _, params = piece.partition(";")
        quality = 1.0
        params = params.strip()
        if params.startswith("q="):
            try:
                quality = float(params[2:])
            except ValueError:
                quality = 0.0
        if quality > 0:
            ranges.append((-quality, position, tag.strip().lower()))
    return [tag for _, _, tag in sorted(ranges)]


def pick_language(language_map: dict, ranges: list[str]) -> dict:
    if not isinstance(language_map, dict) or len(language_map) <= 1:
        return language_map
    lowered = {k.lower(): k for k in language_map}
    for wanted in ranges:
        if wanted == "*":
            break
        if wanted in lowered:
            key = lowered[wanted]
            return {key: language_map[key]}
        for low, key in lowered.items():
            if low.startswith(wanted + "-") or wanted.startswith(low + "-"):
                return {key: language_map[key]}
    for fallback in ("und", "en-us", "en"):
        if fallback in lowered:
            key = lowered[fallback]
            return {key: language_map[key]}
    key = next(iter(language_map))
    return {key: language_map[key]}


def _canonical_definition(definition, ranges):
    definition = dict(definition)
    for prop in ("name", "description"):
        if prop in definition:
            definition[prop] = pick_language(definition[prop], ranges)
    for prop in ("choices", "scale", "source", "target", "steps"):
        if isinstance(definition.get(prop), list):
            definition[prop] = [
                {**c, "description": pick_language(c["description"], ranges)}
                if isinstance(c, dict) and "description" in c else c
                for c in definition[prop]
            ]
    return definition


def _canonical_activity(activity, definitions, ranges):
    if not isinstance(activity, dict):
        return activity
    activity = dict(activity)
    definition = definitions.get(activity.get("id"), activity.get("definition"))
    if definition:
        activity["definition"] = _canonical_definition(definition, ranges)
    return activity


def _canonical(statement, definitions, ranges):
    out = dict(statement)
    verb = statement.get("verb")
    if isinstance(verb, dict) and "display" in verb:
        out["verb"] = {**verb, "display": pick_language(verb["display"], ranges)}
    obj = statement.get("object")
    if isinstance(obj, dict):
        kind = obj.get("objectType", "Activity")
        if kind == "Activity":
            out["object"] = _canonical_activity(obj, definitions, ranges)
        elif kind == "SubStatement":
            out["object"] = _canonical(obj, definitions, ranges)
    context = statement.get("context")
    if isinstance(context, dict) and isinstance(context.get("contextActivities"), dict):
        context = copy.copy(context)
        context["contextActivities"] = {
            kind: [_canonical_activity(a, definitions, ranges) for a in items]
            if isinstance(items, list) else _canonical_activity(items, definitions, ranges)
            for kind, items in context["contextActivities"].items()
        }
        out["context"] = context
    return out


def to_canonical(statement: dict, definitions: dict, accept_language: str | None) -> dict:
    """Activities carry the LRS's canonical definition; language maps keep one language."""
    return _canonical(statement, definitions, parse_accept_language(accept_language))
