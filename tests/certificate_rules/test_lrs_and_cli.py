"""End to end against a real `lrs serve`: paging through `more`, `since`, the CLI issuing
credentials, posting "earned" statements once, revoking (status list + voiding)."""

import csv
import json

import pytest
import requests
from click.testing import CliRunner

from certificate_rules.cli import main
from certificate_rules.sources import LRSClient

from .helpers import COMPLETED, PASSED, SCORED, statement

RULE = """\
id: lrs-test-certificate
version: 1
achievement:
  id: https://example.org/achievements/lrs-test
  name: {en: LRS test certificate, fr: Certificat de test}
  criteria: {en: Complete a and pass the quiz with 80%}
expiry: {days: 365}
requires:
  all:
    - module_completed: https://learning.example.org/modules/a
    - score_at_least: {activity: 'https://learning.example.org/modules/quiz', min: 0.8}
"""
ISSUER = """\
id: https://learning.example.org/issuers/ssc
name: UN System Staff College
url: https://learning.example.org/
status_list_url: https://learning.example.org/certificates/status/1
verify_url: https://learning.example.org/certificates/verify
"""


def learner(number):
    return {"objectType": "Agent", "name": f"Learner {number}",
            "mbox": f"mailto:learner{number}@lrs-test.example.org"}


def post(base, key, secret, statements):
    response = requests.post(base + "statements", json=statements, auth=(key, secret),
                             headers={"X-Experience-API-Version": "1.0.3"}, timeout=30)
    assert response.status_code == 200, response.text


@pytest.fixture(scope="module")
def populated(certificates_lrs):
    base, key, secret = certificates_lrs
    statements = []
    for number in range(3):  # learners 0 and 1 earn it; learner 2 scores too low
        actor = learner(number)
        statements.append(statement(COMPLETED, "a", "2026-03-01T10:00:00Z", actor))
        statements.append(statement(SCORED, "quiz", "2026-03-02T10:00:00Z", actor,
                                    score=0.9 if number < 2 else 0.5))
        statements += [statement(PASSED, f"page-{i}", "2026-03-01T09:00:00Z", actor)
                       for i in range(40)]
    post(base, key, secret, statements)
    return certificates_lrs


def test_client_pages_through_more(populated):
    base, key, secret = populated
    pages = []
    client = LRSClient(base, key, secret, page_size=25)
    found = list(client.statements(on_page=pages.append,
                                   agent={"mbox": "mailto:learner0@lrs-test.example.org"}))
    assert len(found) == 42 and pages == [25, 17]
    newest = max(s["stored"] for s in found)
    assert list(client.statements(since=newest)) == []


def test_cli_issues_once_posts_earned_and_revokes(populated, tmp_path):
    base, key, secret = populated
    (tmp_path / "rule.yaml").write_text(RULE)
    (tmp_path / "issuer.yaml").write_text(ISSUER)
    runner = CliRunner()
    env = {"CERTIFICATES_LRS_KEY": key, "CERTIFICATES_LRS_SECRET": secret}
    created = runner.invoke(main, ["keys", "create", str(tmp_path / "key.json"), "--issuer",
                                   "https://learning.example.org/issuers/ssc"])
    assert created.exit_code == 0 and "secret" not in created.output.lower()
    args = ["issue", str(tmp_path / "rule.yaml"), "--lrs", base, "--state",
            str(tmp_path / "state"), "--key-file", str(tmp_path / "key.json"), "--issuer",
            str(tmp_path / "issuer.yaml"), "--now", "2026-07-01T00:00:00Z",
            "--csv", str(tmp_path / "report.csv"), "--pdf-language", "fr"]
    first = runner.invoke(main, args, env=env)
    assert first.exit_code == 0, first.output
    assert "2 credentials issued, 0 already issued" in first.output
    rows = list(csv.DictReader(open(tmp_path / "report.csv", encoding="utf-8")))
    outcomes = {row["learner"]: row["outcome"] for row in rows}
    assert sum(outcome == "earned" for outcome in outcomes.values()) == 2 and len(rows) >= 3
    again = runner.invoke(main, args, env=env)
    assert "0 credentials issued, 2 already issued" in again.output

    auth, headers = (key, secret), {"X-Experience-API-Version": "1.0.3"}
    earned = requests.get(base + "statements", auth=auth, headers=headers, params={
        "verb": "http://id.tincanapi.com/verb/earned"}, timeout=30).json()["statements"]
    assert len(earned) == 2  # issuing twice posted nothing new
    awards = json.loads((tmp_path / "state" / "awards.json").read_text())
    assert len(list((tmp_path / "state" / "pdf").glob("*.fr.pdf"))) == 2
    award = next(iter(awards.values()))

    credential_file = tmp_path / "state" / award["file"]
    verify = ["verify", str(credential_file), "--trust", str(tmp_path / "key.json"),
              "--status-list", str(tmp_path / "state" / "status-list.json"),
              "--now", "2026-07-01T00:00:00Z"]
    assert runner.invoke(main, verify).exit_code == 0
    revoked = runner.invoke(main, ["revoke", award["credential_id"], "--state",
                                   str(tmp_path / "state"), "--key-file",
                                   str(tmp_path / "key.json"), "--issuer",
                                   str(tmp_path / "issuer.yaml"), "--lrs", base], env=env)
    assert revoked.exit_code == 0, revoked.output
    after = runner.invoke(main, verify)
    assert after.exit_code == 1 and "revoked by its issuer" in after.output
    gone = requests.get(base + "statements", auth=auth, headers=headers,
                        params={"statementId": award["statement_id"]}, timeout=30)
    assert gone.status_code == 404  # voided: only voidedStatementId finds it now


def test_since_last_run_evaluates_only_new_learners(populated, tmp_path):
    base, key, secret = populated
    (tmp_path / "rule.yaml").write_text(RULE)
    env = {"CERTIFICATES_LRS_KEY": key, "CERTIFICATES_LRS_SECRET": secret}
    args = ["evaluate", str(tmp_path / "rule.yaml"), "--lrs", base, "--state",
            str(tmp_path / "state"), "--since-last-run", "--now", "2026-07-01T00:00:00Z",
            "--csv", str(tmp_path / "run.csv")]
    runner = CliRunner()
    assert runner.invoke(main, args, env=env).exit_code == 0
    post(base, key, secret, [statement(COMPLETED, "a", "2026-04-01T10:00:00Z", learner(2))])
    second = runner.invoke(main, args, env=env)
    assert second.exit_code == 0, second.output
    rows = list(csv.DictReader(open(tmp_path / "run.csv", encoding="utf-8")))
    assert [row["learner"] for row in rows] == ["mbox:mailto:learner2@lrs-test.example.org"]
    log = (tmp_path / "state" / "decisions.ndjson").read_text().splitlines()
    assert all(len(json.loads(line)["rule_hash"]) == 64 for line in log)


def test_cli_errors_are_one_line_with_exit_code_2(tmp_path):
    (tmp_path / "bad.yaml").write_text(RULE.replace("module_completed", "module_complete"))
    (tmp_path / "export.ndjson").write_text("{}\n")
    result = CliRunner().invoke(main, ["evaluate", str(tmp_path / "bad.yaml"), "--ndjson",
                                       str(tmp_path / "export.ndjson")])
    assert result.exit_code == 2
    assert result.output.startswith("error: ") and "bad.yaml:10:" in result.output
    assert len(result.output.strip().splitlines()) == 1
    (tmp_path / "good.yaml").write_text(RULE)
    (tmp_path / "broken.ndjson").write_text('{"id": "x"}\nnot json\n')
    broken = CliRunner().invoke(main, ["evaluate", str(tmp_path / "good.yaml"), "--ndjson",
                                       str(tmp_path / "broken.ndjson")])
    assert broken.exit_code == 2 and "broken.ndjson:2" in broken.output
