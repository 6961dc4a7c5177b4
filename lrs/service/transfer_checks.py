"""Validation and filter keys for `lrs import`, reusing the verdicts on repeated parts.

A bulk file repeats itself: the same learners, verbs, activities, courses and
authority recur statement after statement. Validation rules are pure functions of
(value, path, version) (``lrs.xapi.validation.core``) and the filter keys a pure
function of a few properties, so a part seen before (the same JSON) has the verdict
and keys it had then. The statement's own checks are those of
``lrs.xapi.validation.statement.statement``: each property's rule, unknown and null
properties, the required ones, activity-only context properties, voiding.
Whatever looks invalid goes through ``validate_statement`` itself, so a rejected
line gets exactly the message the API would give (and its verdict stands).
"""

import orjson

from ..xapi import filters
from ..xapi.identity import key_hash, statement_activities, statement_activity_ids, statement_agents
from ..xapi.validation import validate_statement
from ..xapi.validation.context import activity_only_properties
from ..xapi.validation.core import Context
from ..xapi.validation.statement import STATEMENT, VOIDED
from ..xapi.validation.values import uuid

# Properties that recur across statements; the others (id, timestamp, stored, result,
# version, attachments) differ from one statement to the next or cost little. A context
# recurs but for its registration, which is checked on its own.
REPEATING = frozenset(("actor", "verb", "object", "context", "authority"))
REQUIRED = ("actor", "verb", "object")
# Where agents can be named in a context; the rest of it (registration, activities ...)
# does not change a statement's agent keys.
AGENT_CONTEXT = ("instructor", "team", "contextAgents", "contextGroups")
# Objects that name no agent: their statement's agents are those of the other parts.
NO_AGENTS = (None, "Activity", "StatementRef")
MAX_ENTRIES = 20_000  # per cache and process (a few MB); cleared when full


def _passes(errors):
    return next(iter(errors), None) is None


class ImportChecks:
    def __init__(self):
        self._verdicts = {key: {} for key in REPEATING}
        self._agents = {}
        self._activities = {}
        self._contexts = {}

    def validate(self, statement, version):
        """Raise InvalidStatement (the API's message) unless the statement is valid."""
        if not self._valid(statement, version):
            validate_statement(statement, version)

    def _valid(self, statement, version):
        if not isinstance(statement, dict):
            return False
        ctx = self._contexts.get(version) or self._contexts.setdefault(version,
                                                                       Context(version))
        for key, value in statement.items():
            rule = STATEMENT.get(key)
            if rule is None or value is None:
                return False
            if key == "context" and isinstance(value, dict) and "registration" in value:
                ok = _passes(uuid(value["registration"], "context.registration", ctx)) \
                    and self._remembered(version, key, {k: v for k, v in value.items()
                                                        if k != "registration"}, rule, ctx)
            elif key in REPEATING:
                ok = self._remembered(version, key, value, rule, ctx)
            else:
                ok = _passes(rule(value, key, ctx))
            if not ok:
                return False
        if any(key not in statement for key in REQUIRED):
            return False
        obj = statement["object"]
        if not _passes(activity_only_properties(statement.get("context"), obj, "context")):
            return False
        verb = statement["verb"]
        return not (isinstance(verb, dict) and verb.get("id") == VOIDED and isinstance(
            obj, dict) and obj.get("objectType") != "StatementRef")

    def _remembered(self, version, key, value, rule, ctx):
        # A cache per property: results, which vary more, don't push out the learners.
        verdicts = self._verdicts[key]
        memo = (version, orjson.dumps(value))
        ok = verdicts.get(memo)
        if ok is None:
            ok = _passes(rule(value, key, ctx))
            _remember(verdicts, memo, ok)
        return ok

    def keys(self, statement):
        """``filters.statement_keys(statement)``, from its parts' keys seen before: a
        learner's agents, a course's activities, each remembered on its own."""
        obj = statement.get("object")
        context = statement.get("context")
        context = context if isinstance(context, dict) else {}
        object_type = obj.get("objectType") if isinstance(obj, dict) else None
        agent_part = {"actor": statement.get("actor"), "authority": statement.get("authority"),
                      "object": None if object_type in NO_AGENTS else obj,
                      "context": {k: context[k] for k in AGENT_CONTEXT if k in context}}
        memo = orjson.dumps(agent_part)
        agents = self._agents.get(memo)
        if agents is None:
            found = statement_agents(agent_part)
            agents = (found, frozenset(filters.agent_keys(found)))
            _remember(self._agents, memo, agents)
        activities = self._activity_part(obj, context)[0]
        # A fresh set (the left operand's type): the caller may add a target's keys.
        return (filters.verb_keys(agents[0], statement) | agents[1] | activities
                | filters.registration_keys(statement))

    def activities(self, statement):
        """(activity hash, activity) of every activity with a definition the statement
        carries, in ``statement_activities`` order."""
        context = statement.get("context")
        return self._activity_part(statement.get("object"),
                                   context if isinstance(context, dict) else {})[1]

    def _activity_part(self, obj, context):
        activities = context.get("contextActivities")
        memo = orjson.dumps([obj, activities])
        found = self._activities.get(memo)
        if found is None:
            part = {"object": obj, "context": {"contextActivities": activities}
                    if activities is not None else {}}
            defined = tuple((key_hash(a["id"]), a) for a in statement_activities(part)
                            if isinstance(a.get("definition"), dict))
            found = (frozenset(filters.activity_keys(statement_activity_ids(part))), defined)
            _remember(self._activities, memo, found)
        return found


def _remember(cache, memo, value):
    if len(cache) >= MAX_ENTRIES:
        cache.clear()
    cache[memo] = value
