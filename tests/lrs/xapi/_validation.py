"""Shared helpers for the validator's unit tests: a valid statement to spoil, and checks."""

import copy

from lrs.xapi.validation import iter_errors

VERSIONS = ("1.0.3", "2.0.0")

AGENT = {"objectType": "Agent", "name": "Fatima Okafor", "mbox": "mailto:fatima.okafor@example.org"}
ACTIVITY = {
    "objectType": "Activity",
    "id": "https://learning.example.org/leadership/module-3/difficult-conversations",
    "definition": {
        "name": {"en-US": "Difficult conversations", "fr-FR": "Conversations difficiles"},
        "description": {"en-US": "Practising feedback with a peer"},
        "type": "http://adlnet.gov/expapi/activities/module",
    },
}
STATEMENT = {
    "actor": AGENT,
    "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced",
             "display": {"en-US": "experienced"}},
    "object": ACTIVITY,
}


def make(**overrides):
    """A fresh valid statement with top-level properties replaced (None deletes one)."""
    statement = copy.deepcopy(STATEMENT)
    for key, value in overrides.items():
        if value is None:
            statement.pop(key, None)
        else:
            statement[key] = copy.deepcopy(value)
    return statement


def problems(statement, version):
    return list(iter_errors(statement, version))


def accepted(statement, version):
    errors = problems(statement, version)
    assert errors == [], f"expected no errors, got {[str(e) for e in errors]}"


def rejected(statement, version, path):
    """The statement is invalid, and one of its errors points at `path`."""
    errors = problems(statement, version)
    assert errors, "expected the statement to be rejected"
    paths = [e.path for e in errors]
    assert path in paths, f"expected an error at {path!r}, got {[str(e) for e in errors]}"
