"""xAPI statements reduced to what rules look at, indexed per learner and per activity.

Voided statements are dropped here, once: a statement whose id a ``voided`` statement targets
never reaches the engine, and neither does the voiding statement itself."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime

from leadership_domain.vocabulary import ContextExtension, Verb

VOIDED = "http://adlnet.gov/expapi/verbs/voided"
#: Result extension of our "earned" statements: when the certificate stops being valid. Minted
#: under the project's base IRI; it belongs in leadership_domain.vocabulary once that is agreed.
VALID_UNTIL_EXTENSION = "https://w3id.org/xapi/un-leadership/extensions/certificate-valid-until"


def parse_time(value):
    """An xAPI timestamp as an aware UTC datetime (naive values are taken as UTC)."""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    if moment.tzinfo is UTC:  # the common case ("...Z"), and the fast one
        return moment
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def learner_key(actor):
    """A stable key for an Agent's inverse functional identifier; None for Groups."""
    if not isinstance(actor, dict) or actor.get("objectType") == "Group":
        return None
    if "mbox" in actor:
        return "mbox:" + actor["mbox"].lower()
    if "mbox_sha1sum" in actor:
        return "mbox_sha1sum:" + actor["mbox_sha1sum"].lower()
    if "openid" in actor:
        return "openid:" + actor["openid"]
    account = actor.get("account")
    if isinstance(account, dict):
        return f"account:{account.get('homePage')}|{account.get('name')}"
    return None


@dataclass(slots=True)
class Event:
    """One statement as rules see it (not frozen: frozen dataclasses are slow to build, and
    a million are built per bulk run; nothing mutates them)."""

    id: str
    verb: str
    activity: str
    timestamp: datetime
    stored: datetime
    scaled: float | None
    success: bool | None
    completion: bool | None
    level: str | None
    valid_until: datetime | None = None

    def time(self, field_name):
        return self.stored if field_name == "stored" else self.timestamp


@dataclass(slots=True)
class LearnerRecord:
    key: str
    actor: dict
    events: list[Event] = field(default_factory=list)
    by_activity: dict[str, list[Event]] = field(default_factory=lambda: defaultdict(list))

    def add(self, event):
        self.events.append(event)
        self.by_activity[event.activity].append(event)

    def latest_level(self):
        """The Journey level the learner's latest statement carries, if any."""
        dated = [event for event in self.events if event.level]
        return max(dated, key=lambda event: (event.timestamp, event.id)).level if dated else None


def _scaled(score):
    if not isinstance(score, dict):
        return None
    if isinstance(score.get("scaled"), int | float):
        return float(score["scaled"])
    raw, low, high = score.get("raw"), score.get("min"), score.get("max")
    if all(isinstance(value, int | float) for value in (raw, low, high)) and high > low:
        return (raw - low) / (high - low)
    return None


def to_event(statement):
    """An Event for a statement about an Activity, or None for anything else."""
    target = statement.get("object") or {}
    if target.get("objectType", "Activity") != "Activity" or "id" not in target:
        return None
    result = statement.get("result") or {}
    timestamp_text, stored_text = statement.get("timestamp"), statement.get("stored")
    timestamp = parse_time(timestamp_text or stored_text)
    stored = (timestamp if stored_text in (None, timestamp_text) else parse_time(stored_text))
    extensions = (statement.get("context") or {}).get("extensions") or {}
    level = extensions.get(ContextExtension.LEVEL)
    valid_until = (result.get("extensions") or {}).get(VALID_UNTIL_EXTENSION)
    return Event(id=statement.get("id", ""), verb=(statement.get("verb") or {}).get("id", ""),
                 activity=target["id"], timestamp=timestamp, stored=stored,
                 scaled=_scaled(result.get("score")), success=result.get("success"),
                 completion=result.get("completion"),
                 level=level if isinstance(level, str) else None,
                 valid_until=parse_time(valid_until) if isinstance(valid_until, str) else None)


def index_statements(statements, records=None):
    """{learner key: LearnerRecord} from an iterable of statements (read once, so a stream of
    a million is fine), voiding applied: voided statements and voiding statements are left out,
    whichever order they come in."""
    records = {} if records is None else records
    voided = set()
    for statement in statements:
        verb = (statement.get("verb") or {}).get("id")
        if verb == VOIDED:
            target = statement.get("object") or {}
            if target.get("objectType") == "StatementRef":
                voided.add(target.get("id"))
            continue
        key = learner_key(statement.get("actor"))
        if key is None:
            continue
        event = to_event(statement)
        if event is None:
            continue
        record = records.get(key)
        if record is None:
            record = records[key] = LearnerRecord(key=key, actor=statement["actor"])
        record.add(event)
    if voided:
        for record in records.values():
            if any(event.id in voided for event in record.events):
                kept = [event for event in record.events if event.id not in voided]
                record.events, record.by_activity = [], defaultdict(list)
                for event in kept:
                    record.add(event)
    return records


__all__ = ["Event", "LearnerRecord", "Verb", "index_statements", "learner_key", "parse_time"]
