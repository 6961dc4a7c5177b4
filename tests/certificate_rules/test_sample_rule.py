"""The Extended E-Certificate on Leadership and Management over the sample catalogue."""

from pathlib import Path

import pytest

from certificate_rules.catalogue import domain_catalogue
from certificate_rules.credentials import keys
from certificate_rules.issuing import IssuerState
from certificate_rules.pdf import certificate_lines
from certificate_rules.rules import evaluate, load_rule

from .helpers import AMINA, COMPLETED, PASSED, SCORED, at, record, statement

SAMPLE = Path(__file__).parents[2] / "certificate_rules/samples/extended-e-certificate.yaml"
MODULES = "https://w3id.org/xapi/un-leadership/catalogue/modules/"
LEVEL = "https://w3id.org/xapi/un-leadership/extensions/level"
NOW = at("2026-12-01T00:00:00Z")


@pytest.fixture(scope="module")
def sample_rule():
    return load_rule(SAMPLE, catalogue=domain_catalogue())


def journey(start_day=1, quiz=0.85):
    done = ["leading-from-where-you-are", "integrity-and-speaking-up", "feedback-that-helps",
            "inclusive-teams", "systems-thinking", "setting-clear-expectations", "leading-change"]
    statements = [statement(COMPLETED, MODULES + slug, f"2026-03-{start_day + i:02d}T09:00:00Z")
                  for i, slug in enumerate(done)]
    statements.append(statement(SCORED, MODULES + "leading-change/quiz",
                                "2026-03-20T09:00:00Z", score=quiz))
    return statements


def test_the_journey_earns_the_standard_tier(sample_rule):
    decision = evaluate(sample_rule, record(journey()), now=NOW)
    assert decision.outcome == "earned" and decision.tier["id"] == "standard"
    assert decision.earned_at == at("2026-03-20T09:00:00Z")
    assert decision.valid_until == at("2029-03-20T09:00:00Z")
    assert len(decision.statement_ids()) == 8


def test_a_low_quiz_score_or_a_late_module_does_not(sample_rule):
    assert evaluate(sample_rule, record(journey(quiz=0.7)), now=NOW).outcome == "not_earned"
    late = journey()
    late[-2] = statement(COMPLETED, MODULES + "leading-change", "2027-03-02T09:00:00Z")
    assert not evaluate(sample_rule, record(late), now=at("2027-06-01T00:00:00Z")).earned


def test_supervisors_on_the_fro_path_get_the_supervisor_tier(sample_rule):
    statements = journey()
    for slug in ("delegation-and-performance", "resilience-and-wellbeing"):
        statements.append(statement(PASSED, MODULES + slug, "2026-04-01T09:00:00Z",
                                    context_extensions={LEVEL: "first-reporting-officer"}))
    decision = evaluate(sample_rule, record(statements), now=NOW)
    assert decision.tier["id"] == "supervisor"


def test_the_sample_credential_signs_and_prints_in_french(sample_rule, tmp_path):
    key = keys.create_key_file(tmp_path / "key.json", "https://learning.example.org/issuers/ssc")
    state = IssuerState(tmp_path, key=key, issuer={
        "id": "https://learning.example.org/issuers/ssc", "name": "UN System Staff College",
        "status_list_url": "https://learning.example.org/certificates/status/1"})
    decision = evaluate(sample_rule, record(journey()), now=NOW)
    credential = state.issue(decision, sample_rule, actor=AMINA, now=NOW,
                             name="Amina Diallo").credential
    assert credential["name"] == "Extended E-Certificate on Leadership and Management"
    texts = [text for text, _size, _style in certificate_lines(credential, language="fr")]
    assert "Amina Diallo" in texts and "Délivré par UN System Staff College le 20 mars 2026" \
        in texts
