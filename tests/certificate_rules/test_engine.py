"""The engine: every operator and leaf, windows and expiry at their edges, voiding, tiers."""

from certificate_rules.rules import evaluate

from .helpers import (
    AMINA_KEY,
    BASE,
    COMPLETED,
    EARNED,
    FAILED,
    PASSED,
    SATISFIED,
    SCORED,
    at,
    record,
    rule,
    statement,
    void,
)

NOW = at("2026-07-01T00:00:00Z")


def decide(rule_, statements, now=NOW, **kw):
    return evaluate(rule_, record(statements), now=now, **kw)


def test_module_completed_cites_the_statement_it_used():
    done = statement(COMPLETED, "a", "2026-03-01T10:00:00Z", statement_id="s-1")
    decision = decide(rule("  module_completed: a\n"), [done])
    assert decision.outcome == "earned"
    assert decision.trace.statements == ("s-1",)
    assert decision.trace.path == "requires/module"
    assert decision.earned_at == at("2026-03-01T10:00:00Z")
    assert decision.learner == AMINA_KEY


def test_module_completed_needs_a_statement_on_that_module_iri():
    elsewhere = statement(COMPLETED, "b", "2026-03-01T10:00:00Z")
    decision = decide(rule("  module_completed: a\n"), [elsewhere])
    assert decision.outcome == "not_earned"
    assert decision.trace.statements == ()
    assert "moveOn Completed not met" in decision.trace.detail


def test_completion_flag_from_any_verb_counts_as_completed():
    other = statement(SCORED, "a", "2026-03-01T10:00:00Z", completion=True)
    assert decide(rule("  module_completed: a\n"), [other]).earned


def test_module_passed_ignores_failed_and_plain_completion():
    tries = [statement(FAILED, "a", "2026-03-01T10:00:00Z", success=False),
             statement(COMPLETED, "a", "2026-03-02T10:00:00Z")]
    assert not decide(rule("  module_passed: a\n"), tries).earned
    tries.append(statement(PASSED, "a", "2026-03-03T10:00:00Z", statement_id="p"))
    decision = decide(rule("  module_passed: a\n"), tries)
    assert decision.earned and decision.trace.statements == ("p",)


def test_cmi5_move_on_completed_and_passed_needs_both_and_cites_both():
    completed = statement(COMPLETED, "cmi5-au", "2026-03-01T10:00:00Z", statement_id="c")
    passed = statement(PASSED, "cmi5-au", "2026-03-05T10:00:00Z", statement_id="p")
    node = "  module: {ref: cmi5-au}\n"  # the catalogue says CompletedAndPassed
    assert not decide(rule(node), [completed]).earned
    decision = decide(rule(node), [completed, passed])
    assert decision.earned and set(decision.trace.statements) == {"c", "p"}
    assert decision.earned_at == at("2026-03-05T10:00:00Z")


def test_cmi5_move_on_completed_or_passed_takes_the_earliest():
    passed = statement(PASSED, "a", "2026-03-01T10:00:00Z", statement_id="p")
    completed = statement(COMPLETED, "a", "2026-03-05T10:00:00Z", statement_id="c")
    decision = decide(rule("  module: {ref: a, move_on: CompletedOrPassed}\n"),
                      [passed, completed])
    assert decision.trace.statements == ("p",)


def test_cmi5_satisfied_and_not_applicable():
    satisfied = statement(SATISFIED, "a", "2026-03-01T10:00:00Z")
    assert decide(rule("  module: {ref: a, move_on: CompletedAndPassed}\n"), [satisfied]).earned
    assert decide(rule("  module: {ref: a, move_on: NotApplicable}\n"), []).earned


def test_score_threshold_is_inclusive_and_scaled():
    low = statement(SCORED, "quiz", "2026-03-01T10:00:00Z", score=0.79)
    exact = statement(SCORED, "quiz", "2026-03-02T10:00:00Z", score=0.8, statement_id="ok")
    node = "  score_at_least: {module: quiz, min: 0.8}\n"
    decision = decide(rule(node), [low])
    assert not decision.earned and "0.79 < 0.8" in decision.trace.detail
    decision = decide(rule(node), [low, exact])
    assert decision.earned and decision.trace.statements == ("ok",)


def test_score_from_raw_min_max_when_scaled_is_missing():
    raw = statement(SCORED, "quiz", "2026-03-01T10:00:00Z")
    raw["result"] = {"score": {"raw": 45, "min": 0, "max": 50}}
    node = "  score_at_least: {activity: '" + BASE + "quiz', min: 0.9}\n"
    assert decide(rule(node), [raw]).earned


def test_assessment_completed_counts_a_failed_attempt():
    failed = statement(FAILED, "quiz", "2026-03-01T10:00:00Z", success=False)
    assert decide(rule("  assessment_completed: {module: quiz}\n"), [failed]).earned
    assert not decide(rule("  assessment_completed: {module: quiz}\n"), []).earned


def test_all_any_and_not():
    a = statement(COMPLETED, "a", "2026-03-01T10:00:00Z", statement_id="a")
    b = statement(COMPLETED, "b", "2026-03-02T10:00:00Z", statement_id="b")
    both = "  all:\n    - module_completed: a\n    - module_completed: b\n"
    either = "  any:\n    - module_completed: a\n    - module_completed: b\n"
    assert not decide(rule(both), [a]).earned
    decision = decide(rule(both), [a, b])
    assert decision.earned and decision.trace.statements == ("a", "b")
    assert decision.earned_at == at("2026-03-02T10:00:00Z")
    assert decide(rule(either), [b]).earned
    assert not decide(rule(either), []).earned
    negated = "  not:\n    module_completed: a\n"
    assert decide(rule(negated), [b]).earned
    assert not decide(rule(negated), [a]).earned


def test_n_of_counts_and_dates_from_the_nth():
    done = [statement(COMPLETED, name, f"2026-03-0{day}T10:00:00Z", statement_id=name)
            for day, name in ((1, "c"), (5, "d"))]
    node = ("  n_of:\n    n: 2\n    of:\n      - module_completed: c\n"
            "      - module_completed: d\n      - module_completed: e\n")
    assert not decide(rule(node), done[:1]).earned
    decision = decide(rule(node), done)
    assert decision.earned and decision.earned_at == at("2026-03-05T10:00:00Z")
    assert decision.trace.detail.startswith("2 of 3 met")
    assert [child.path for child in decision.trace.children][0] == "requires/n_of/of/0/module"


def test_path_completed_expands_required_and_electives():
    node = "  path_completed: core\n"
    required = [statement(COMPLETED, name, "2026-03-01T10:00:00Z") for name in ("a", "b")]
    electives = [statement(PASSED, name, "2026-03-02T10:00:00Z") for name in ("c", "e")]
    assert not decide(rule(node), required + electives[:1]).earned
    decision = decide(rule(node), required + electives)
    assert decision.earned and len(decision.trace.statements) == 4


def test_absolute_window_edges_start_counts_end_does_not():
    node = ("  window:\n    start: '2026-01-01T00:00:00Z'\n    end: '2026-04-01T00:00:00Z'\n"
            "    requires:\n      module_completed: a\n")
    at_start = statement(COMPLETED, "a", "2026-01-01T00:00:00Z")
    at_end = statement(COMPLETED, "a", "2026-04-01T00:00:00Z")
    before = statement(COMPLETED, "a", "2025-12-31T23:59:59.999999Z")
    assert decide(rule(node), [at_start]).earned
    assert not decide(rule(node), [at_end]).earned
    assert not decide(rule(node), [before]).earned


def test_relative_window_from_the_first_activity():
    node = ("  window:\n    days: 30\n    requires:\n      all:\n"
            "        - module_completed: a\n        - module_completed: b\n")
    first = statement(COMPLETED, "a", "2026-03-01T00:00:00Z")
    in_time = statement(COMPLETED, "b", "2026-03-30T23:59:59Z")
    too_late = statement(COMPLETED, "b", "2026-03-31T00:00:00Z")  # exactly 30 days: out
    assert decide(rule(node), [first, in_time]).earned
    decision = decide(rule(node), [first, too_late])
    assert not decision.earned and "2026-03-31T00:00:00Z" in decision.trace.detail


def test_window_uses_stored_when_the_rule_says_so():
    late_stored = statement(COMPLETED, "a", "2026-03-01T00:00:00Z",
                            stored="2026-05-01T00:00:00Z")
    node = ("  window:\n    end: '2026-04-01T00:00:00Z'\n    requires:\n"
            "      module_completed: a\n")
    assert decide(rule(node), [late_stored]).earned
    assert not decide(rule(node, extra="time: stored\n"), [late_stored]).earned


def test_nothing_after_now_counts_and_now_itself_does():
    future = statement(COMPLETED, "a", "2026-07-01T00:00:01Z")
    exactly_now = statement(COMPLETED, "a", "2026-07-01T00:00:00Z")
    assert not decide(rule("  module_completed: a\n"), [future]).earned
    assert decide(rule("  module_completed: a\n"), [exactly_now]).earned


def test_voided_statements_are_ignored_and_so_are_voiding_statements():
    done = statement(COMPLETED, "a", "2026-03-01T10:00:00Z", statement_id="gone")
    decision = decide(rule("  module_completed: a\n"), [done, void("gone")])
    assert decision.outcome == "not_earned" and "gone" not in decision.statement_ids()


def test_expiry_edges():
    done = statement(COMPLETED, "a", "2025-07-01T00:00:00Z")
    expiring = rule("  module_completed: a\n", extra="expiry: {days: 365}\n")
    just_before = decide(expiring, [done], now=at("2026-06-30T23:59:59Z"))
    assert just_before.outcome == "earned"
    assert just_before.valid_until == at("2026-07-01T00:00:00Z")
    assert decide(expiring, [done], now=at("2026-07-01T00:00:00Z")).outcome == "expired"


def test_expiry_in_calendar_months_clamps_the_day():
    done = statement(COMPLETED, "a", "2026-01-31T12:00:00Z")
    monthly = rule("  module_completed: a\n", extra="expiry: {months: 1}\n")
    assert decide(monthly, [done]).valid_until == at("2026-02-28T12:00:00Z")


def test_renewal_extends_validity_and_lapses_without_it():
    extra = ("expiry: {days: 365}\nrenewal:\n  opens_days_before: 30\n  requires:\n"
             "    module_completed: e\n")
    renewable = rule("  module_completed: a\n", extra=extra)
    done = statement(COMPLETED, "a", "2025-01-01T00:00:00Z")
    too_early = statement(COMPLETED, "e", "2025-11-01T00:00:00Z")
    assert decide(renewable, [done, too_early]).outcome == "expired"
    renewed = statement(COMPLETED, "e", "2025-12-15T00:00:00Z", statement_id="r")
    decision = decide(renewable, [done, renewed])
    assert decision.outcome == "earned" and decision.renewals == 1
    assert decision.valid_until == at("2027-01-01T00:00:00Z")
    assert "r" in decision.statement_ids()


def test_prerequisite_certificate_held_until_it_expires():
    cert = "https://example.org/achievements/foundation"
    extension = "https://w3id.org/xapi/un-leadership/extensions/certificate-valid-until"
    earned = statement(EARNED, cert, "2026-01-01T00:00:00Z", statement_id="e",
                       extensions={extension: "2026-07-01T00:00:00Z"})
    node = f"  certificate_held: '{cert}'\n"
    decision = decide(rule(node), [earned], now=at("2026-06-30T00:00:00Z"))
    assert decision.earned and decision.trace.statements == ("e",)
    assert not decide(rule(node), [earned], now=at("2026-07-01T00:00:00Z")).earned
    assert not decide(rule(node), [earned, void("e")], now=at("2026-06-30T00:00:00Z")).earned


def test_attribute_tests_and_level_from_statements():
    assert decide(rule("  attribute: {name: grade, in: [P4, P5]}\n"), [],
                  attributes={"grade": "P5"}).earned
    assert not decide(rule("  attribute: {name: grade, equals: P4}\n"), [],
                      attributes={"grade": "P5"}).earned
    node = "  attribute: {name: band, at_least: middle, order: [junior, middle, senior]}\n"
    assert decide(rule(node), [], attributes={"band": "senior"}).earned
    assert not decide(rule(node), [], attributes={"band": "junior"}).earned
    assert not decide(rule(node), [], attributes={}).earned


def test_tiers_pick_the_highest_met_tier():
    extra = ("tiers:\n  - {id: standard, name: Standard, requires: {module_completed: a}}\n"
             "  - id: distinction\n    name: Distinction\n    requires:\n"
             "      score_at_least: {module: quiz, min: 0.9}\n")
    tiered = rule("  module_completed: a\n", extra=extra)
    done = statement(COMPLETED, "a", "2026-03-01T10:00:00Z")
    assert decide(tiered, [done]).tier["id"] == "standard"
    great = statement(SCORED, "quiz", "2026-03-02T10:00:00Z", score=0.95)
    decision = decide(tiered, [done, great])
    assert decision.tier["id"] == "distinction" and len(decision.tier_traces) == 2


def test_decisions_are_deterministic_and_carry_the_rule_hash():
    done = [statement(COMPLETED, "a", "2026-03-01T10:00:00Z", statement_id="x")]
    first = decide(rule("  module_completed: a\n"), done).to_dict()
    second = decide(rule("  module_completed: a\n"), list(reversed(done))).to_dict()
    assert first == second
    assert len(first["rule_hash"]) == 64
    other = rule("  module_completed: b\n")
    assert other.hash != rule("  module_completed: a\n").hash
