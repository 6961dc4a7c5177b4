"""The context of a statement, with its contextActivities and (xAPI 2.0) contextAgents and
contextGroups."""

from .activities import activity
from .actors import actor, agent, group, team
from .core import ValidationError, at, check_object, item
from .refs import statement_ref
from .values import array_of, constant, extensions, iri, language_tag, string, uuid

CONTEXT_ACTIVITY_KINDS = ("parent", "grouping", "category", "other")


def _activities(value, path, ctx):
    """One Activity or an array of them (the LRS returns an array either way)."""
    if isinstance(value, list):
        for index, entry in enumerate(value):
            yield from activity(entry, item(path, index), ctx)
    else:
        yield from activity(value, path, ctx)


CONTEXT_ACTIVITIES = dict.fromkeys(CONTEXT_ACTIVITY_KINDS, _activities)


def context_activities(value, path, ctx):
    yield from check_object(value, path, ctx, CONTEXT_ACTIVITIES,
                            what="an object with parent, grouping, category or other")
    if isinstance(value, dict) and not value:
        yield ValidationError(path, "must have at least one of parent, grouping, category "
                                    "or other")


def _agent_only(value, path, ctx):
    if isinstance(value, dict) and value.get("objectType", "Agent") != "Agent":
        yield ValidationError(path, "must be an Agent")
        return
    yield from agent(value, path, ctx)


def _group_only(value, path, ctx):
    if isinstance(value, dict) and value.get("objectType") != "Group":
        yield ValidationError(path, "must be a Group (with objectType 'Group')")
        return
    yield from group(value, path, ctx)


_RELEVANT_TYPES = array_of(iri, non_empty=True)
CONTEXT_AGENT = {"objectType": constant("contextAgent"), "agent": _agent_only,
                 "relevantTypes": _RELEVANT_TYPES}
CONTEXT_GROUP = {"objectType": constant("contextGroup"), "group": _group_only,
                 "relevantTypes": _RELEVANT_TYPES}


def context_agent(value, path, ctx):
    yield from check_object(value, path, ctx, CONTEXT_AGENT, required=("objectType", "agent"),
                            what="a contextAgent object")


def context_group(value, path, ctx):
    yield from check_object(value, path, ctx, CONTEXT_GROUP, required=("objectType", "group"),
                            what="a contextGroup object")


CONTEXT_1_0 = {
    "registration": uuid,
    "instructor": actor,
    "team": team,
    "contextActivities": context_activities,
    "revision": string,
    "platform": string,
    "language": language_tag,
    "statement": statement_ref,
    "extensions": extensions,
}
CONTEXT_2_0 = {
    **CONTEXT_1_0,
    "contextAgents": array_of(context_agent),
    "contextGroups": array_of(context_group),
}


def context(value, path, ctx):
    properties = CONTEXT_2_0 if ctx.v2 else CONTEXT_1_0
    yield from check_object(value, path, ctx, properties, what="a Context object")


def activity_only_properties(context_value, object_value, path):
    """revision and platform describe an Activity: no other kind of object may have them."""
    if not isinstance(context_value, dict) or not isinstance(object_value, dict):
        return
    object_type = object_value.get("objectType", "Activity")
    if object_type == "Activity":
        return
    for name in ("revision", "platform"):
        if name in context_value:
            yield ValidationError(at(path, name), f"is only allowed when the object is an "
                                                  f"Activity, not a {object_type}")
