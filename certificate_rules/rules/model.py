"""What the loader produces (Rule) and what the engine returns (NodeResult, Decision)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Rule:
    """A validated rule, module and path references resolved to activity IRIs."""

    id: str
    version: str
    hash: str  # sha256 of the compiled rule: changes whenever what it decides could change
    time_field: str  # "timestamp" or "stored"
    achievement: dict
    requires: dict
    tiers: tuple = ()
    expiry: dict | None = None
    renewal: dict | None = None
    source: str | None = None  # the file it came from

    @property
    def version_label(self):
        return f"{self.id}@{self.version}#{self.hash[:12]}"


@dataclass
class NodeResult:
    """One rule node's verdict, with the statements it used and its children's verdicts."""

    path: str
    keyword: str
    satisfied: bool
    detail: str
    statements: tuple[str, ...] = ()
    at: datetime | None = None  # when it became true (for earned dates), None if timeless
    children: list[NodeResult] = field(default_factory=list)

    def to_dict(self):
        return {"node": self.path, "keyword": self.keyword, "satisfied": self.satisfied,
                "detail": self.detail, "statements": list(self.statements),
                "at": _iso(self.at), "children": [child.to_dict() for child in self.children]}

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Decision:
    rule_id: str
    rule_version: str
    rule_hash: str
    learner: str
    outcome: str  # "earned", "expired" or "not_earned"
    evaluated_at: datetime
    trace: NodeResult
    earned_at: datetime | None = None
    valid_until: datetime | None = None
    tier: dict | None = None
    renewals: int = 0
    tier_traces: list[NodeResult] = field(default_factory=list)
    renewal_traces: list[NodeResult] = field(default_factory=list)

    @property
    def earned(self):
        return self.outcome == "earned"

    @property
    def award_key(self):
        """Identifies one award: same learner, rule, dates and tier. A renewal (new validUntil)
        or a better tier is a new award, hence a new credential."""
        tier = self.tier["id"] if self.tier else ""
        return (f"{self.rule_id}|{self.learner}|{_iso(self.earned_at)}|"
                f"{_iso(self.valid_until)}|{tier}")

    def statement_ids(self):
        ids = []
        for root in [self.trace, *self.tier_traces, *self.renewal_traces]:
            for node in root.walk():
                ids.extend(node.statements)
        return sorted(set(ids))

    def to_dict(self):
        return {"rule": self.rule_id, "rule_version": self.rule_version,
                "rule_hash": self.rule_hash, "learner": self.learner, "outcome": self.outcome,
                "evaluated_at": _iso(self.evaluated_at), "earned_at": _iso(self.earned_at),
                "valid_until": _iso(self.valid_until),
                "tier": self.tier["id"] if self.tier else None, "renewals": self.renewals,
                "trace": self.trace.to_dict(),
                "tiers": [trace.to_dict() for trace in self.tier_traces],
                "renewal": [trace.to_dict() for trace in self.renewal_traces]}


def _iso(moment):
    if moment is None:
        return None
    return moment.isoformat().replace("+00:00", "Z")
