"""Statement and rule builders for the certificate_rules tests (written for these tests)."""

import uuid
from datetime import UTC, datetime

from certificate_rules.catalogue import Catalogue, PathSpec
from certificate_rules.rules import load_rule_text
from certificate_rules.statements import LearnerRecord, index_statements

ADL = "http://adlnet.gov/expapi/verbs/"
COMPLETED, PASSED, FAILED = ADL + "completed", ADL + "passed", ADL + "failed"
SCORED, VOIDED = ADL + "scored", ADL + "voided"
EARNED = "http://id.tincanapi.com/verb/earned"
SATISFIED = "https://w3id.org/xapi/adl/verbs/satisfied"
BASE = "https://learning.example.org/modules/"
AMINA = {"objectType": "Agent", "name": "Amina Diallo", "mbox": "mailto:amina@example.org"}
AMINA_KEY = "mbox:mailto:amina@example.org"

CATALOGUE = Catalogue(
    modules={name: {"iri": BASE + name} for name in ("a", "b", "c", "d", "e", "quiz")}
    | {"cmi5-au": {"iri": BASE + "cmi5-au", "move_on": "CompletedAndPassed"}},
    paths={"core": PathSpec(id="core", required=("a", "b"), electives=((2, ("c", "d", "e")),))},
)


def at(text):
    """An aware UTC datetime from ISO text ("Z" or no zone both mean UTC)."""
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def statement(verb, activity, when, actor=AMINA, *, stored=None, score=None, success=None,
              completion=None, statement_id=None, extensions=None, context_extensions=None):
    result = {}
    if score is not None:
        result["score"] = {"scaled": score}
    if success is not None:
        result["success"] = success
    if completion is not None:
        result["completion"] = completion
    if extensions:
        result["extensions"] = extensions
    data = {"id": statement_id or str(uuid.uuid4()), "actor": actor,
            "verb": {"id": verb}, "object": {"objectType": "Activity",
                                             "id": activity if "://" in activity
                                             else BASE + activity},
            "timestamp": when, "stored": stored or when}
    if result:
        data["result"] = result
    if context_extensions:
        data["context"] = {"extensions": context_extensions}
    return data


def void(target_id, when="2026-06-30T00:00:00Z", actor=AMINA):
    return {"id": str(uuid.uuid4()), "actor": actor, "verb": {"id": VOIDED},
            "object": {"objectType": "StatementRef", "id": target_id},
            "timestamp": when, "stored": when}


def record(statements, key=AMINA_KEY):
    return index_statements(statements).get(key) or LearnerRecord(key=key, actor=AMINA)


def rule(requires_yaml, extra="", catalogue=CATALOGUE):
    text = ("id: test-rule\nversion: 1\nachievement:\n  id: https://example.org/achievements/t\n"
            "  name: Test\n  criteria: Do it\n" + extra + "requires:\n" + requires_yaml)
    return load_rule_text(text, filename="test.yaml", catalogue=catalogue)
