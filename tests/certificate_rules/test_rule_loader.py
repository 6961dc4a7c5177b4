"""Rule files: YAML or JSON, validated by the JSON Schema; errors name the file and the line."""

import json

import pytest

from certificate_rules.errors import RuleError
from certificate_rules.rules import load_rule, load_rule_text

from .helpers import CATALOGUE

GOOD = """\
id: leadership-basics
version: 2
achievement:
  id: https://example.org/achievements/basics
  name: {en: Leadership basics, fr: Bases du leadership}
  criteria: {en: Complete module a}
requires:
  module_completed: a
"""


def test_yaml_and_json_give_the_same_rule(tmp_path):
    yaml_file = tmp_path / "basics.yaml"
    yaml_file.write_text(GOOD)
    json_file = tmp_path / "basics.json"
    json_file.write_text(json.dumps({
        "id": "leadership-basics", "version": 2,
        "achievement": {"id": "https://example.org/achievements/basics",
                        "name": {"en": "Leadership basics", "fr": "Bases du leadership"},
                        "criteria": {"en": "Complete module a"}},
        "requires": {"module_completed": "a"}}, indent=2))
    from_yaml = load_rule(yaml_file, catalogue=CATALOGUE)
    from_json = load_rule(json_file, catalogue=CATALOGUE)
    assert from_yaml.hash == from_json.hash
    assert from_yaml.version == "2" and from_yaml.requires["module"]["iri"].endswith("/a")


def _error(text, filename="rule.yaml"):
    with pytest.raises(RuleError) as caught:
        load_rule_text(text, filename=filename, catalogue=CATALOGUE)
    return caught.value


def test_unknown_keyword_names_file_and_line():
    error = _error(GOOD.replace("  module_completed: a", "  all:\n    - modul_completed: a"))
    assert error.file == "rule.yaml" and error.line == 9
    assert "modul_completed" in str(error) and str(error).startswith("rule.yaml:9:")


def test_schema_type_error_points_at_the_value():
    error = _error(GOOD.replace("requires:\n  module_completed: a",
                                "requires:\n  n_of:\n    n: two\n    of: [{module_completed: a}]"))
    assert error.line == 9 and error.path == ("requires", "n_of", "n")


def test_unknown_module_is_reported_where_it_is_used():
    error = _error(GOOD.replace("module_completed: a", "module_completed: nowhere"))
    assert error.line == 8 and "nowhere" in error.message


def test_n_larger_than_the_group():
    error = _error(GOOD.replace("requires:\n  module_completed: a",
                                "requires:\n  n_of:\n    n: 3\n    of:\n"
                                "      - module_completed: a\n      - module_completed: b"))
    assert error.line == 9 and "3 of only 2" in error.message


def test_window_that_ends_before_it_starts():
    error = _error(GOOD.replace(
        "requires:\n  module_completed: a",
        "requires:\n  window:\n    start: '2026-05-01T00:00:00Z'\n"
        "    end: '2026-01-01T00:00:00Z'\n    requires: {module_completed: a}"))
    assert error.line == 10


def test_yaml_syntax_error_has_a_line():
    error = _error(GOOD + "  - [unclosed\n")
    assert error.line is not None and "YAML" in error.message


def test_json_syntax_error_has_a_line():
    error = _error('{\n  "id": "x",\n  "version": 1,\n}\n', filename="rule.json")
    assert error.file == "rule.json" and error.line == 4


def test_missing_required_key():
    error = _error(GOOD.replace("version: 2\n", ""))
    assert "version" in error.message and error.line == 1


def test_renewal_needs_expiry():
    error = _error(GOOD + "renewal:\n  requires: {module_completed: b}\n")
    assert error.line == 9 and "expiry" in error.message


def test_unreadable_file(tmp_path):
    with pytest.raises(RuleError) as caught:
        load_rule(tmp_path / "missing.yaml")
    assert "missing.yaml" in str(caught.value)
