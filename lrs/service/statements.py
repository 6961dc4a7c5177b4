"""Storing and retrieving statements: the xAPI Statement Resource's behaviour."""

import base64
import uuid
from dataclasses import dataclass

import orjson

from ..errors import BadRequest, NotFound
from ..storage.records import ActivityRecord, AttachmentRecord, StatementQuery, StatementRecord
from ..xapi import attachments as xapi_attachments
from ..xapi import filters, formats
from ..xapi.activities import merge_definition
from ..xapi.comparison import same_statement
from ..xapi.identity import statement_activities
from ..xapi.timestamps import format_utc, normalise, now_utc
from ..xapi.validation import validate_statement
from ..xapi.versions import is_v2

VOIDED = "http://adlnet.gov/expapi/verbs/voided"


def _is_same(existing_body, record):
    return same_statement(orjson.loads(existing_body), record.incoming)


def prepare(statement: dict, *, caller, version: str, stored) -> StatementRecord:
    """Validate one statement and complete it with what the LRS sets."""
    validate_statement(statement, version)
    incoming = statement
    statement = dict(statement)
    if "id" not in statement:
        statement["id"] = str(uuid.uuid4())
    stored_text = format_utc(stored)
    statement["stored"] = stored_text
    statement["authority"] = caller.authority
    if "timestamp" in statement:
        if is_v2(version):
            statement["timestamp"] = normalise(statement["timestamp"])
    else:
        statement["timestamp"] = stored_text
    statement.setdefault("version", "2.0.0" if is_v2(version) else "1.0.0")
    obj = statement["object"]
    ref_target = obj["id"].lower() if obj.get("objectType") == "StatementRef" else None
    voids = ref_target if statement["verb"]["id"] == VOIDED else None
    record = StatementRecord(
        statement_id=statement["id"].lower(), stored=stored,
        body=orjson.dumps(statement).decode(), keys=filters.statement_keys(statement),
        voids=voids, ref_target=ref_target)
    record.incoming = incoming
    record.statement = statement
    return record


def store(storage, caller, statements, *, version, parts=None, put_id=None):
    """Store one statement (PUT, ``put_id``) or a batch (POST); all or nothing. Returns ids."""
    if not statements:
        raise BadRequest("no statements in the request")
    if put_id is not None:
        statement = statements[0]
        if "id" in statement and str(statement["id"]).lower() != put_id.lower():
            raise BadRequest("the statementId parameter differs from the statement's id")
        statements = [{**statement, "id": statement.get("id", put_id)}]
    stored = now_utc()
    records = [prepare(s, caller=caller, version=version, stored=stored) for s in statements]
    seen = set()
    for record in records:
        if record.statement_id in seen:
            raise BadRequest(f"statement id {record.statement_id} appears twice in the batch")
        seen.add(record.statement_id)
    kept_parts = xapi_attachments.check([r.statement for r in records], parts or {},
                                        version=version)
    activities = [ActivityRecord(a["id"], a["definition"])
                  for r in records for a in statement_activities(r.statement)
                  if isinstance(a.get("definition"), dict)]
    attachment_records = [AttachmentRecord(sha2, ctype, content)
                          for sha2, (ctype, content) in kept_parts.items()]
    storage.statements.save(caller.store_id, records, is_same=_is_same, activities=activities,
                            merge_definition=merge_definition, attachments=attachment_records)
    return [r.statement["id"] for r in records]


@dataclass
class QueryParams:
    agent: dict | None = None
    verb: str | None = None
    activity: str | None = None
    registration: str | None = None
    related_activities: bool = False
    related_agents: bool = False
    since: object = None
    until: object = None
    limit: int = 0
    format: str = "exact"
    attachments: bool = False
    ascending: bool = False


@dataclass
class StatementResult:
    """Statements ready to send: JSON text of each, a `more` cursor, attachment hashes."""
    bodies: list[str]
    more: str | None
    sha2s: set[str]
    last_stored: object = None


def _render(storage, caller, rows, fmt, accept_language):
    if fmt == "exact":
        return [row.body for row in rows]
    statements = [orjson.loads(row.body) for row in rows]
    if fmt == "ids":
        return [orjson.dumps(formats.to_ids(s)).decode() for s in statements]
    iris = {a["id"] for s in statements for a in statement_activities(s)}
    definitions = storage.statements.activities(caller.store_id, iris)
    return [orjson.dumps(formats.to_canonical(s, definitions, accept_language)).decode()
            for s in statements]


def _sha2s(rows):
    found = set()
    for row in rows:
        if '"attachments"' in row.body:
            for attachment in orjson.loads(row.body).get("attachments") or []:
                if "sha2" in attachment:
                    found.add(attachment["sha2"])
    return found


def get_one(storage, caller, statement_id, *, voided, fmt="exact", accept_language=None):
    row = storage.statements.get(caller.store_id, statement_id.lower())
    if row is None or row.voided != voided:
        if row is not None and voided:
            raise NotFound(f"statement {statement_id} is not voided; use statementId")
        if row is not None:
            raise NotFound(f"statement {statement_id} is voided; use voidedStatementId")
        raise NotFound(f"no statement {statement_id}")
    bodies = _render(storage, caller, [row], fmt, accept_language)
    return StatementResult(bodies=bodies, more=None, sha2s=_sha2s([row]), last_stored=row.stored)


def encode_cursor(params: QueryParams, after_seq: int) -> str:
    data = {k: v for k, v in params.__dict__.items()}
    for key in ("since", "until"):
        if data[key] is not None:
            data[key] = data[key].isoformat()
    data["after"] = after_seq
    return base64.urlsafe_b64encode(orjson.dumps(data)).decode().rstrip("=")


def decode_cursor(token: str) -> tuple[QueryParams, int]:
    from datetime import datetime

    try:
        data = orjson.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        after = int(data.pop("after"))
        for key in ("since", "until"):
            if data.get(key):
                data[key] = datetime.fromisoformat(data[key])
        return QueryParams(**data), after
    except (ValueError, TypeError, KeyError, orjson.JSONDecodeError) as exc:
        raise BadRequest(f"invalid more token: {exc}") from None


def query(storage, caller, params: QueryParams, *, page_limit, after_seq=None,
          accept_language=None):
    limit = params.limit if 0 < params.limit <= page_limit else page_limit
    keys = filters.query_keys(
        agent=params.agent, verb=params.verb, activity=params.activity,
        registration=params.registration, related_agents=params.related_agents,
        related_activities=params.related_activities)
    rows = storage.statements.query(caller.store_id, StatementQuery(
        keys=keys, since=params.since, until=params.until, limit=limit,
        ascending=params.ascending, after_seq=after_seq))
    more = None
    if len(rows) > limit:
        rows = rows[:limit]
        more = encode_cursor(params, rows[-1].seq)
    bodies = _render(storage, caller, rows, params.format, accept_language)
    sha2s = _sha2s(rows) if params.attachments else set()
    return StatementResult(bodies=bodies, more=more, sha2s=sha2s)
