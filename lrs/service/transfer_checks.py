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
from ..xapi.validation import validate_statement
from ..xapi.validation.context import activity_only_properties
from ..xapi.validation.core import Context
from ..xapi.validation.statement import STATEMENT, VOIDED

# Properties that recur across statements; the others (id, timestamp, stored, result,
# version, attachments) differ from one statement to the next or cost little.
REPEATING = frozenset(("actor", "verb", "object", "context", "authority"))
REQUIRED = ("actor", "verb", "object")
KEY_PROPERTIES = ("actor", "object", "authority", "context", "verb")
MAX_ENTRIES = 20_000  # per cache and process (a few MB); cleared when full


def _passes(errors):
    return next(iter(errors), None) is None


class ImportChecks:
    def __init__(self):
        self._verdicts = {}
        self._keys = {}
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
            if key in REPEATING:
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
        memo = (version, key, orjson.dumps(value))
        ok = self._verdicts.get(memo)
        if ok is None:
            ok = _passes(rule(value, key, ctx))
            if len(self._verdicts) >= MAX_ENTRIES:
                self._verdicts.clear()
            self._verdicts[memo] = ok
        return ok

    def keys(self, statement):
        """``filters.statement_keys(statement)``, a fresh set each time."""
        memo = orjson.dumps([statement.get(key) for key in KEY_PROPERTIES])
        found = self._keys.get(memo)
        if found is None:
            found = frozenset(filters.statement_keys(statement))
            if len(self._keys) >= MAX_ENTRIES:
                self._keys.clear()
            self._keys[memo] = found
        return set(found)
