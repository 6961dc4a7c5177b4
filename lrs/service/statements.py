"""Storing and retrieving statements: the xAPI Statement Resource's behaviour.

What the LRS sets on a statement it accepts (Data 2.4): an `id` (UUID version 4)
when there is none, `stored` (now, millisecond precision, UTC), `authority` (the
credential's agent; whatever the client sent is replaced), `timestamp` (= stored
when absent; otherwise the same instant written in UTC), and `version` when absent
("1.0.0" under xAPI 1.0, "2.0.0" under 2.0).
"""

import base64
import functools
import uuid
from dataclasses import dataclass, field
from datetime import datetime

import orjson

from ..errors import BadRequest, NotFound
from ..storage.records import ActivityRecord, AttachmentRecord, StatementQuery, StatementRecord
from ..xapi import attachments as xapi_attachments
from ..xapi import filters, formats
from ..xapi.activities import merge_definition
from ..xapi.comparison import same_statement
from ..xapi.identity import agent_ifi, names_for, person_object, statement_activities
from ..xapi.timestamps import TimestampError, format_utc, normalise, now_utc, parse, to_naive_utc
from ..xapi.validation import validate_statement
from ..xapi.versions import statement_version
from .forwarding import forward_map

VOIDED = "http://adlnet.gov/expapi/verbs/voided"


def _is_same(existing_body, record):
    return same_statement(orjson.loads(existing_body), record.incoming)


def _statement_ref_target(statement):
    obj = statement.get("object")
    if isinstance(obj, dict) and obj.get("objectType") == "StatementRef" and _is_uuid(
            obj.get("id")):
        return obj["id"].lower()
    return None


def _is_uuid(value):
    try:
        return isinstance(value, str) and len(value) == 36 and bool(uuid.UUID(value))
    except ValueError:
        return False


def _is_voiding(statement):
    verb = statement.get("verb")
    return isinstance(verb, dict) and verb.get("id") == VOIDED


def _context_activities_as_arrays(statement):
    """Data 2.4.6.2: a single context activity is returned as an array of one."""
    holders = [statement]
    if isinstance(statement.get("object"), dict) and statement["object"].get(
            "objectType") == "SubStatement":
        statement["object"] = dict(statement["object"])
        holders.append(statement["object"])
    for holder in holders:
        context = holder.get("context")
        activities = context.get("contextActivities") if isinstance(context, dict) else None
        if isinstance(activities, dict) and any(isinstance(v, dict)
                                                for v in activities.values()):
            holder["context"] = {**context, "contextActivities": {
                kind: [value] if isinstance(value, dict) else value
                for kind, value in activities.items()}}


@functools.lru_cache(maxsize=4)  # a batch shares one `stored`
def _stored_text(stored):
    return format_utc(stored)


@functools.lru_cache(maxsize=1024)  # statements stored together share their `stored`
def _kept_stored(text):
    """An imported statement's `stored`: its text (as written when already UTC
    milliseconds; validation checked its form) and the instant, naive UTC."""
    text = normalise(text)
    return text, to_naive_utc(parse(text))


def prepare(statement: dict, *, caller, version: str, stored, imported=False,
            validate=validate_statement, keys_of=filters.statement_keys) -> StatementRecord:
    """Validate one statement and complete it with what the LRS sets.

    ``imported`` (``lrs import``, an operator's trusted action): the ``stored`` and
    ``authority`` the statement carries are kept, so that an exported store comes
    back as it was; ``stored`` and the caller's authority fill in when absent.
    ``validate`` and ``keys_of`` let a bulk import reuse its verdicts on repeated parts
    (``transfer_checks``); they must give what the defaults give.
    """
    validate(statement, version)
    incoming = statement
    statement = dict(statement)
    if "id" not in statement:
        statement["id"] = str(uuid.uuid4())
    elif not _is_uuid(statement["id"]):
        raise BadRequest(f"id must be a UUID, not {statement['id']!r}", path="id")
    stored_text = _stored_text(stored)
    if imported and "stored" in statement:
        stored_text, stored = _kept_stored(statement["stored"])
    statement["stored"] = stored_text
    if not (imported and "authority" in statement):
        statement["authority"] = caller.authority
    if "timestamp" in statement:
        try:
            # Same instant, in UTC (Data 4.5: the LRS SHOULD return timestamps in UTC).
            statement["timestamp"] = normalise(statement["timestamp"])
        except (TimestampError, TypeError):
            raise BadRequest(f"timestamp {statement['timestamp']!r} is not an ISO 8601 "
                             f"date-time", path="timestamp") from None
    else:
        statement["timestamp"] = stored_text
    statement.setdefault("version", statement_version(version))
    _context_activities_as_arrays(statement)
    ref_target = _statement_ref_target(statement)
    if _is_voiding(statement) and ref_target is None:
        raise BadRequest("a voiding statement's object must be a StatementRef",
                         path="object")
    voids = ref_target if _is_voiding(statement) else None
    record = StatementRecord(
        statement_id=str(statement["id"]).lower(), stored=stored,
        body=orjson.dumps(statement).decode(), keys=keys_of(statement),
        voids=voids, ref_target=ref_target)
    record.incoming = incoming
    record.statement = statement
    return record


class StoredIds(list):
    """The ids of a request's statements; ``any_new`` is False when the LRS already had
    every one of them (the request changed nothing)."""
    any_new = True


def store(storage, caller, statements, *, version, parts=None, put_id=None):
    """Store one statement (PUT, ``put_id``) or a batch (POST); all or nothing. Returns ids.

    An id already stored with the same statement (xAPI statement comparison) is a
    no-op; with a different one, 409 Conflict and nothing of the batch is stored.
    """
    if not statements:
        raise BadRequest("no statements in the request")
    if put_id is not None:
        statement = statements[0]
        if "id" in statement and str(statement["id"]).lower() != put_id.lower():
            raise BadRequest(f"the statementId parameter ({put_id}) differs from the "
                             f"statement's id ({statement['id']})")
        statements = [{**statement, "id": statement.get("id", put_id)}]
    stored = now_utc()
    records = []
    seen = set()
    for index, statement in enumerate(statements):
        try:
            record = prepare(statement, caller=caller, version=version, stored=stored)
        except BadRequest as exc:
            if len(statements) > 1:
                exc.message = f"statement {index} of the batch: {exc.message}"
                exc.args = (exc.message,)
            raise
        if record.statement_id in seen:
            raise BadRequest(f"statement id {record.statement_id} appears twice in the batch")
        seen.add(record.statement_id)
        records.append(record)
    kept_parts = xapi_attachments.check([r.statement for r in records], parts or {},
                                        version=version)
    # Only a credential with "define" makes activity definitions canonical (Communication 4.2).
    activities = [ActivityRecord(a["id"], a["definition"])
                  for r in records for a in statement_activities(r.statement)
                  if isinstance(a.get("definition"), dict)] if caller.allows("define") else []
    attachment_records = [AttachmentRecord(sha2, ctype, content)
                          for sha2, (ctype, content) in kept_parts.items()]
    inserted = storage.statements.save(caller.store_id, records, is_same=_is_same,
                                       activities=activities,
                                       merge_definition=merge_definition,
                                       attachments=attachment_records,
                                       forward=forward_map(storage, caller.store_id, records))
    ids = StoredIds(r.statement["id"] for r in records)
    ids.any_new = bool(inserted)
    return ids


@dataclass
class QueryParams:
    agent: dict | None = None
    verb: str | None = None
    activity: str | None = None
    registration: str | None = None
    related_activities: bool = False
    related_agents: bool = False
    since: datetime | None = None
    until: datetime | None = None
    limit: int = 0
    format: str = "exact"
    attachments: bool = False
    ascending: bool = False


@dataclass
class StatementResult:
    """Statements ready to send: JSON text of each, a `more` cursor, attachment hashes."""
    bodies: list[str]
    more: str | None
    sha2s: set[str] = field(default_factory=set)
    last_stored: datetime | None = None
    consistent_through: datetime | None = None


def _render(storage, caller, rows, fmt, accept_language):
    if fmt == "exact":
        return [row.body for row in rows]
    statements = [orjson.loads(row.body) for row in rows]
    if fmt == "ids":
        return [orjson.dumps(formats.to_ids(s)).decode() for s in statements]
    iris = {a["id"] for s in statements for a in statement_activities(s)
            if isinstance(a.get("id"), str)}
    definitions = storage.statements.activities(caller.store_id, iris)
    return [orjson.dumps(formats.to_canonical(s, definitions, accept_language)).decode()
            for s in statements]


def _sha2s(rows):
    found = set()
    for row in rows:
        if '"attachments"' in row.body:
            attachments = orjson.loads(row.body).get("attachments")
            for attachment in attachments if isinstance(attachments, list) else []:
                if isinstance(attachment, dict) and isinstance(attachment.get("sha2"), str):
                    found.add(attachment["sha2"])
    return found


def _mine(caller):
    """For a credential that may read only its own statements (statements/read/mine), the
    text of its authority as the LRS writes it into each statement it stores; else None."""
    if caller.allows("statements/read") or "all/read" in caller.scopes:
        return None
    return orjson.dumps({"authority": caller.authority}).decode()[1:-1]


def get_one(storage, caller, statement_id, *, voided, fmt="exact", accept_language=None,
            attachments=False):
    """The statement with this id: by ``statementId`` only when not voided, by
    ``voidedStatementId`` only when voided (Communication 2.1.4); 404 otherwise."""
    through = now_utc()
    row = storage.statements.get(caller.store_id, statement_id.lower())
    mine = _mine(caller)
    if row is not None and mine is not None and mine not in row.body:
        row = None  # another credential's statement: to statements/read/mine, not there
    if row is None or row.voided != voided:
        if row is not None and voided:
            raise NotFound(f"statement {statement_id} is not voided; use statementId")
        if row is not None:
            raise NotFound(f"statement {statement_id} is voided; use voidedStatementId")
        raise NotFound(f"no statement {statement_id}")
    bodies = _render(storage, caller, [row], fmt, accept_language)
    return StatementResult(bodies=bodies, more=None,
                           sha2s=_sha2s([row]) if attachments else set(),
                           last_stored=row.stored, consistent_through=through)


def encode_cursor(params: QueryParams, after_seq: int) -> str:
    data = dict(params.__dict__)
    for key in ("since", "until"):
        if data[key] is not None:
            data[key] = data[key].isoformat()
    data["after"] = after_seq
    return base64.urlsafe_b64encode(orjson.dumps(data)).decode().rstrip("=")


def decode_cursor(token: str) -> tuple[QueryParams, int]:
    try:
        data = orjson.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        after = int(data.pop("after"))
        for key in ("since", "until"):
            if data.get(key):
                data[key] = datetime.fromisoformat(data[key])
        params = QueryParams(**data)
    except (ValueError, TypeError, KeyError, AttributeError, orjson.JSONDecodeError):
        raise BadRequest("invalid more token: use the more IRL of a previous "
                         "StatementResult as it was given") from None
    if params.format not in formats.FORMATS or not isinstance(params.limit, int):
        raise BadRequest("invalid more token")
    return params, after


def query(storage, caller, params: QueryParams, *, page_limit, after_seq=None,
          accept_language=None):
    """One page of the statements matching ``params``, newest stored first unless ascending.

    Voided statements never appear; statements targeting a statement (StatementRef)
    match the filters their target matches (storage keeps those keys). Pages continue
    from the last statement served (by stored order), so paging returns every matching
    statement exactly once however many arrive meanwhile; the first page pins `until`
    to its own time, so the pages describe the results as of the first request.
    """
    through = now_utc()
    limit = params.limit if 0 < params.limit <= page_limit else page_limit
    try:
        keys = filters.query_keys(
            agent=params.agent, verb=params.verb, activity=params.activity,
            registration=params.registration, related_agents=params.related_agents,
            related_activities=params.related_activities)
    except (TypeError, AttributeError):
        raise BadRequest("invalid filter parameters") from None
    rows = storage.statements.query(caller.store_id, StatementQuery(
        keys=keys, since=params.since, until=params.until, limit=limit,
        ascending=params.ascending, after_seq=after_seq, body_contains=_mine(caller)))
    more = None
    if len(rows) > limit:
        rows = rows[:limit]
        pinned = params if params.until is not None else QueryParams(
            **{**params.__dict__, "until": through})
        more = encode_cursor(pinned, rows[-1].seq)
    bodies = _render(storage, caller, rows, params.format, accept_language)
    sha2s = _sha2s(rows) if params.attachments else set()
    last_stored = max((row.stored for row in rows), default=None)
    return StatementResult(bodies=bodies, more=more, sha2s=sha2s, last_stored=last_stored,
                           consistent_through=through)


def person(storage, caller, agent, *, scan=50):
    """The Person object for ``agent``: its identifier, and the names it was given in the
    latest statements that mention it (its own name from the request first)."""
    names = [agent["name"]] if isinstance(agent.get("name"), str) else []
    ifi = agent_ifi(agent)
    rows = storage.statements.query(caller.store_id, StatementQuery(
        keys=filters.query_keys(agent=agent, related_agents=True), limit=scan))
    for row in rows:
        for name in names_for(orjson.loads(row.body), ifi):
            if name not in names:
                names.append(name)
    return person_object(agent, names)
