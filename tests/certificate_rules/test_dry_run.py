"""Changing a rule: the dry run lists who would gain or lose the certificate, from an export."""

import json

from click.testing import CliRunner

from certificate_rules.cli import main
from certificate_rules.runner import dry_run
from certificate_rules.statements import index_statements

from .helpers import ADL, BASE, COMPLETED, at, rule, statement

BOTH = {"objectType": "Agent", "name": "Both", "mbox": "mailto:both@example.org"}
ONLY_A = {"objectType": "Agent", "name": "Only A", "mbox": "mailto:only-a@example.org"}
ONLY_B = {"objectType": "Agent", "name": "Only B", "mbox": "mailto:only-b@example.org"}
STATEMENTS = [statement(COMPLETED, "a", "2026-03-01T10:00:00Z", BOTH),
              statement(COMPLETED, "b", "2026-03-01T10:00:00Z", BOTH),
              statement(COMPLETED, "a", "2026-03-01T10:00:00Z", ONLY_A),
              statement(COMPLETED, "b", "2026-03-01T10:00:00Z", ONLY_B),
              statement(ADL + "experienced", "c", "2026-03-01T10:00:00Z", ONLY_B)]
CURRENT = "  module_completed: a\n"
CHANGED = "  module_completed: b\n"


def test_dry_run_lists_gains_and_losses():
    report = dry_run(rule(CURRENT), rule(CHANGED), index_statements(STATEMENTS),
                     now=at("2026-07-01T00:00:00Z"))
    assert report.gains == ["mbox:mailto:only-b@example.org"]
    assert report.losses == ["mbox:mailto:only-a@example.org"]
    assert report.unchanged == 1


def _rule_file(path, requires):
    path.write_text("id: dry\nversion: 1\nachievement:\n  id: https://example.org/a/dry\n"
                    "  name: Dry\n  criteria: c\nrequires:\n  module_completed: "
                    f"{BASE}{requires}\n")
    return str(path)


def test_dry_run_command(tmp_path):
    export = tmp_path / "export.ndjson"
    export.write_text("".join(json.dumps(s) + "\n" for s in STATEMENTS))
    current = _rule_file(tmp_path / "current.yaml", "a")
    changed = _rule_file(tmp_path / "changed.yaml", "b")
    result = CliRunner().invoke(main, ["dry-run", current, changed, "--ndjson", str(export),
                                       "--now", "2026-07-01T00:00:00Z"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "+ mbox:mailto:only-b@example.org" in lines
    assert "- mbox:mailto:only-a@example.org" in lines
    assert lines[-1] == "1 would gain, 1 would lose, 0 change tier, 1 unchanged"
    assert lines[0].startswith("rule dry@1#") and " -> dry@1#" in lines[0]
