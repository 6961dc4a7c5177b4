"""Running rules over many learners: gather statements from a source, pick the learners to
evaluate (one, all, or those seen since the last run), decide, compare two rule versions."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field

from .rules import evaluate
from .statements import VOIDED, index_statements, learner_key, parse_time


def learners_seen_since(statements, since):
    """{learner key: actor} of statements stored after ``since`` (None: every learner)."""
    boundary = parse_time(since) if since else None
    seen = {}
    for statement in statements:
        if (statement.get("verb") or {}).get("id") == VOIDED:
            continue  # voiding is an administrator's act, not a learner's activity
        moment = statement.get("stored") or statement.get("timestamp")
        if boundary is None or (moment and parse_time(moment) > boundary):
            key = learner_key(statement.get("actor"))
            if key:
                seen.setdefault(key, statement["actor"])
    return seen


def latest_stored(statements, current=None):
    moments = [parse_time(s["stored"]) for s in statements if s.get("stored")]
    if current:
        moments.append(parse_time(current))
    return max(moments).isoformat().replace("+00:00", "Z") if moments else None


def evaluate_records(rule, records, *, now, attributes=None, progress=None):
    """Decisions for every LearnerRecord, in learner-key order (deterministic)."""
    attributes = attributes or {}
    decisions = []
    for key in sorted(records):
        decisions.append(evaluate(rule, records[key], now=now,
                                  attributes=attributes.get(key)))
        if progress:
            progress(1)
    return decisions


@dataclass
class DryRun:
    gains: list[str] = field(default_factory=list)
    losses: list[str] = field(default_factory=list)
    tier_changes: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    unchanged: int = 0


def dry_run(current_rule, changed_rule, records, *, now, attributes=None):
    """Who would gain or lose the certificate (or change tier) if ``changed_rule`` replaced
    ``current_rule``; nothing is issued, revoked or logged."""
    report = DryRun()
    before = evaluate_records(current_rule, records, now=now, attributes=attributes)
    after = evaluate_records(changed_rule, records, now=now, attributes=attributes)
    for old, new in zip(before, after, strict=True):
        if old.earned and not new.earned:
            report.losses.append(old.learner)
        elif new.earned and not old.earned:
            report.gains.append(old.learner)
        elif new.earned and (old.tier or {}).get("id") != (new.tier or {}).get("id"):
            report.tier_changes.append((old.learner, (old.tier or {}).get("id"),
                                        (new.tier or {}).get("id")))
        else:
            report.unchanged += 1
    return report


CSV_COLUMNS = ("learner", "outcome", "tier", "earned_at", "valid_until", "rule", "rule_version",
               "rule_hash", "statements")


def write_csv(decisions, handle):
    writer = csv.writer(handle)
    writer.writerow(CSV_COLUMNS)
    for decision in decisions:
        data = decision.to_dict()
        writer.writerow([data["learner"], data["outcome"], data["tier"] or "",
                         data["earned_at"] or "", data["valid_until"] or "", data["rule"],
                         data["rule_version"], data["rule_hash"],
                         " ".join(decision.statement_ids())])


def records_from(statements):
    return index_statements(statements)
