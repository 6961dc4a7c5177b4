"""`lrs import` reuses validation verdicts and filter keys on repeated parts: it must agree
with the API's validator and keys on every statement, valid or spoilt in any way."""

import copy
import random
import uuid

import pytest

from benchmarks.workload import Workload
from lrs.errors import LRSError
from lrs.service.transfer_checks import ImportChecks
from lrs.xapi import filters
from lrs.xapi.validation import iter_errors, validate_statement

VOIDED = "http://adlnet.gov/expapi/verbs/voided"
SPOILERS = [
    lambda value: None,
    lambda value: 7,
    lambda value: "not an iri",
    lambda value: [],
    lambda value: {},
    lambda value: {"objectType": "SubStatement"},
    lambda value: VOIDED,
    lambda value: "Group",
    lambda value: "2.0.0",
    lambda value: "2026-13-01T00:00:00Z",
]


def _seeds():
    statements = Workload(agents=20, seed=3).statements(6)
    statements.append({
        "id": str(uuid.uuid4()),
        "actor": {"objectType": "Group", "name": "Cohort", "member": [
            {"mbox": "mailto:a@example.org"}, {"account": {"homePage": "https://x.org",
                                                           "name": "b"}}]},
        "verb": {"id": VOIDED, "display": {"en-US": "voided"}},
        "object": {"objectType": "StatementRef", "id": str(uuid.uuid4())},
        "context": {"platform": "edX", "instructor": {"mbox": "mailto:c@example.org"}},
        "authority": {"objectType": "Agent", "account": {"homePage": "https://lrs.org",
                                                         "name": "k"}},
        "stored": "2026-01-01T00:00:00.000Z", "version": "1.0.0",
    })
    statements.append({
        "actor": {"mbox": "mailto:d@example.org"},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/asked"},
        "object": {"objectType": "SubStatement", "actor": {"mbox": "mailto:e@example.org"},
                   "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
                   "object": {"id": "https://learning.example.org/q1"}},
        "context": {"contextAgents": [{"objectType": "contextAgent",
                                       "agent": {"mbox": "mailto:f@example.org"}}]},
    })
    return statements


def _paths(value, prefix=()):
    """Every (container path, key or index) in a JSON value."""
    if isinstance(value, dict):
        for key, sub in value.items():
            yield prefix, key
            yield from _paths(sub, (*prefix, key))
    elif isinstance(value, list):
        for index, sub in enumerate(value):
            yield prefix, index
            yield from _paths(sub, (*prefix, index))


def _spoilt(statement, rnd):
    spoilt = copy.deepcopy(statement)
    container_path, key = rnd.choice(list(_paths(spoilt)))
    container = spoilt
    for step in container_path:
        container = container[step]
    action = rnd.random()
    if action < 0.15 and isinstance(container, dict):
        del container[key]
    elif action < 0.25 and isinstance(container, dict):
        container["Unknown" + str(key)] = 1
    else:
        container[key] = rnd.choice(SPOILERS)(container[key])
    return spoilt


def _api_verdict(statement, version):
    try:
        validate_statement(statement, version)
    except LRSError as exc:
        return exc.message
    return None


def _import_verdict(checks, statement, version):
    try:
        checks.validate(statement, version)
    except LRSError as exc:
        return exc.message
    return None


@pytest.mark.parametrize("version", ["1.0.3", "2.0.0"])
def test_reused_verdicts_agree_with_the_api_validator(version):
    rnd = random.Random(11)
    checks = ImportChecks()  # one for the whole run: parts recur, as in a real file
    seeds = _seeds()
    cases = list(seeds)
    for _ in range(3000):
        spoilt = _spoilt(rnd.choice(seeds), rnd)
        cases.append(spoilt)
        if rnd.random() < 0.3:
            cases.append(_spoilt(spoilt, rnd))  # twice spoilt
    invalid = 0
    for statement in cases:
        expected = _api_verdict(statement, version)
        assert _import_verdict(checks, statement, version) == expected, statement
        invalid += expected is not None
    assert 1000 < invalid < len(cases)  # both verdicts were well exercised


def test_reused_keys_are_the_api_keys_and_fresh_sets():
    checks = ImportChecks()
    for statement in _seeds() * 2:
        if next(iter(iter_errors(statement, "2.0.0")), None) is None:
            keys = checks.keys(statement)
            assert keys == filters.statement_keys(statement)
            keys.add("inherited")  # a StatementRef's record gains its target's keys
            assert "inherited" not in checks.keys(statement)
