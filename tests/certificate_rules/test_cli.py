"""The command on an NDJSON export: one learner, explanations, keys, a mounted WSGI app."""

import json

from click.testing import CliRunner

from certificate_rules.cli import main
from certificate_rules.web import create_app

from .helpers import BASE, COMPLETED, statement, void

OTHER = {"objectType": "Agent", "name": "Other", "mbox": "mailto:other@example.org"}
RULE = ("id: cli\nversion: 3\nachievement:\n  id: https://example.org/a/cli\n  name: CLI\n"
        f"  criteria: c\nrequires:\n  module_completed: {BASE}a\n")


def test_one_learner_with_explanations(tmp_path):
    kept = statement(COMPLETED, "a", "2026-03-01T10:00:00Z", statement_id="kept-1")
    gone = statement(COMPLETED, "a", "2026-03-01T10:00:00Z", OTHER, statement_id="gone-1")
    export = tmp_path / "export.ndjson"
    export.write_text("".join(json.dumps(s) + "\n" for s in [kept, gone, void("gone-1")]))
    (tmp_path / "rule.yaml").write_text(RULE)
    base = ["evaluate", str(tmp_path / "rule.yaml"), "--ndjson", str(export),
            "--now", "2026-07-01T00:00:00Z", "--explain"]
    one = CliRunner().invoke(main, base + ["--learner", "mailto:amina@example.org"])
    assert one.exit_code == 0, one.output
    decision = json.loads(one.stdout.splitlines()[0])
    assert decision["outcome"] == "earned" and decision["trace"]["statements"] == ["kept-1"]
    assert one.stdout.splitlines()[-1] == "1 of 1 learners earned the certificate"
    other = CliRunner().invoke(main, base + ["--learner", "mailto:other@example.org"])
    assert other.stdout.splitlines()[-1] == "0 of 1 learners earned the certificate"


def test_keys_and_a_mountable_verification_app(tmp_path):
    runner = CliRunner()
    key_file = tmp_path / "key.json"
    created = runner.invoke(main, ["keys", "create", str(key_file), "--issuer",
                                   "https://learning.example.org/issuers/ssc"])
    described = json.loads(created.stdout)
    assert described["verificationMethod"].startswith("https://learning.example.org/issuers/ssc#z6Mk")
    assert "secretKeyMultibase" not in created.output
    document = runner.invoke(main, ["keys", "controller-document", str(key_file)])
    assert json.loads(document.stdout)["assertionMethod"] == [described["verificationMethod"]]
    (tmp_path / "controller.json").write_text(document.output)
    (tmp_path / "issuer.yaml").write_text("id: https://learning.example.org/issuers/ssc\n"
                                          "name: SSC\nstatus_list_url: https://x.example/s/1\n")
    app = create_app(tmp_path / "state", tmp_path / "issuer.yaml", [tmp_path / "controller.json"])
    assert app.trusted_keys == {described["verificationMethod"]: described["publicKeyMultibase"]}


def test_bad_now_and_missing_source(tmp_path):
    (tmp_path / "rule.yaml").write_text(RULE)
    result = CliRunner().invoke(main, ["evaluate", str(tmp_path / "rule.yaml")])
    assert result.exit_code == 2 and "give a source" in result.output
    result = CliRunner().invoke(main, ["evaluate", str(tmp_path / "rule.yaml"), "--ndjson",
                                       str(tmp_path / "rule.yaml"), "--now", "yesterday"])
    assert result.exit_code == 2
