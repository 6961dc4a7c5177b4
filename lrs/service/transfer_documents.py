"""State, Activity Profile and Agent Profile documents out of a store and back in.

`lrs export --documents FILE` writes one document per line, addressed as the API
addresses it (the resource, ``activityId``, ``agent``, ``registration`` and
``stateId`` or ``profileId``), with its Content-Type, its last update and its exact
bytes in base64, so that `lrs import --documents FILE` gives the same documents,
with the same ETags. Memory stays flat: documents come a page at a time.

Importing never overwrites: a document the store holds already is *skipped* when it
is the same, byte for byte, and the line is *rejected* when the store holds another
version (the store's may be newer; delete it through the API to take the file's).
Documents written before the LRS kept their activity IRI and agent (schema 0004)
can't be addressed outside the LRS; the export counts them and leaves them out.
"""

import base64
import binascii
from dataclasses import dataclass, field

import orjson

from ..errors import LRSError
from ..storage.bulk import Audit
from ..storage.documents import StoredDocument
from ..xapi.timestamps import TimestampError, format_utc, parse, to_naive_utc
from ..xapi.validation import validate_agent
from ..xapi.validation.syntax import is_iri, is_uuid
from . import documents as service
from .audit import operator_name

RESOURCES = service.RESOURCES
KINDS = {resource: (kind, id_name) for kind, (resource, id_name) in RESOURCES.items()}
MAX_ID_BYTES = service.MAX_ID_BYTES
BATCH_LINES = 500


@dataclass
class DocumentExport:
    exported: int = 0
    # Written before the LRS kept what their hashes stand for: not addressable outside it.
    unaddressable: int = 0


@dataclass
class DocumentImport:
    accepted: int = 0
    skipped: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)   # (line, reason)


def export_documents(storage, store_id, out, *, since=None, until=None, agent=None,
                     activity=None, operator=None):
    """Write the store's documents as NDJSON to the binary file ``out``: those updated
    after ``since`` and at or before ``until``, about ``agent`` (State, Agent Profile)
    and of ``activity`` (State, Activity Profile) when given."""
    outcome = DocumentExport()
    scope = service.Address(kind=service.STATE, activity_id=activity, agent=agent).scope()
    for page in storage.documents.pages(store_id, since=since, until=until,
                                        activity_hash=scope.activity_hash or None,
                                        agent_hash=scope.agent_hash or None):
        lines = []
        for row in page:
            line = _line(row)
            if line is None:
                outcome.unaddressable += 1
            else:
                lines.append(line)
        if lines:
            out.write(b"\n".join(lines) + b"\n")
            outcome.exported += len(lines)
    storage.bulk.audit(Audit(store_id=store_id, action="export-documents",
                             operator=operator_name(operator),
                             details={"documents": outcome.exported,
                                      "unaddressable": outcome.unaddressable,
                                      "filters": [name for name, value in (
                                          ("agent", agent), ("activity", activity),
                                          ("since", since), ("until", until))
                                          if value is not None]}))
    return outcome


def _line(row) -> bytes | None:
    resource, id_name = RESOURCES[row.kind]
    line = {"resource": resource}
    if row.kind != service.AGENT_PROFILE:
        if row.activity_id is None:
            return None
        line["activityId"] = row.activity_id
    if row.kind != service.ACTIVITY_PROFILE:
        if row.agent is None:
            return None
        line["agent"] = orjson.loads(row.agent)
    if row.kind == service.STATE and row.registration:
        line["registration"] = row.registration
    line[id_name] = row.document_id
    line["contentType"] = row.content_type
    line["updated"] = format_utc(row.updated)
    line["content"] = base64.b64encode(bytes(row.content)).decode()
    return orjson.dumps(line)


class _Rejected(LRSError):
    pass


def import_documents(storage, store_id, path, *, operator=None,
                     batch_lines=BATCH_LINES) -> DocumentImport:
    """Store the documents of an NDJSON file `export_documents` wrote, a transaction per
    ``batch_lines`` documents."""
    outcome, batch = DocumentImport(), []
    with open(path, "rb") as handle:
        for line_no, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                address, document = _parse(raw)
            except LRSError as error:
                outcome.rejected.append((line_no, error.message))
                continue
            batch.append((line_no, address.scope(), document))
            if len(batch) >= batch_lines:
                _store(storage, store_id, batch, outcome)
                batch = []
    _store(storage, store_id, batch, outcome)
    outcome.rejected.sort()
    storage.bulk.audit(Audit(store_id=store_id, action="import-documents",
                             operator=operator_name(operator),
                             details={"accepted": outcome.accepted, "skipped": outcome.skipped,
                                      "rejected": len(outcome.rejected)}))
    return outcome


def _store(storage, store_id, batch, outcome):
    if not batch:
        return
    try:
        results = storage.documents.restore(
            store_id, [(scope, document) for _, scope, document in batch])
    except LRSError:
        results = None  # one is too large: one at a time, to tell which
    for index, (line_no, scope, document) in enumerate(batch):
        try:
            result = results[index] if results is not None else \
                storage.documents.restore(store_id, [(scope, document)])[0]
        except LRSError as error:
            outcome.rejected.append((line_no, error.message))
            continue
        if result == "stored":
            outcome.accepted += 1
        elif result == "same":
            outcome.skipped += 1
        else:
            outcome.rejected.append((line_no, "the store holds another version of this "
                                              "document (left as it is)"))


def _parse(raw: bytes):
    try:
        line = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise _Rejected(f"malformed JSON: {error}") from None
    if not isinstance(line, dict):
        raise _Rejected("not a document: a line must hold one JSON object")
    if line.get("resource") not in KINDS:
        raise _Rejected("resource must be one of " + ", ".join(KINDS))
    kind, id_name = KINDS[line["resource"]]
    activity_id = agent = registration = None
    if kind != service.AGENT_PROFILE:
        activity_id = line.get("activityId")
        if not is_iri(activity_id):
            raise _Rejected("activityId must be an IRI")
    if kind != service.ACTIVITY_PROFILE:
        agent = line.get("agent")
        try:
            validate_agent(agent)
        except LRSError as error:
            raise _Rejected(f"agent: {error.message}") from None
    if kind == service.STATE and line.get("registration") is not None:
        registration = line["registration"]
        if not is_uuid(registration):
            raise _Rejected("registration must be a UUID")
    document_id = line.get(id_name)
    if not isinstance(document_id, str) or not document_id \
            or len(document_id.encode("utf-8")) > MAX_ID_BYTES:
        raise _Rejected(f"{id_name} must be a non-empty string of at most "
                        f"{MAX_ID_BYTES} bytes")
    content_type = line.get("contentType")
    if not isinstance(content_type, str) or not content_type \
            or len(content_type) > service.MAX_CONTENT_TYPE:
        raise _Rejected("contentType must be a non-empty string of at most "
                        f"{service.MAX_CONTENT_TYPE} characters")
    try:
        updated = to_naive_utc(parse(line.get("updated")))
    except (TimestampError, TypeError):
        raise _Rejected("updated must be a timestamp") from None
    try:
        content = base64.b64decode(line.get("content"), validate=True)
    except (binascii.Error, TypeError, ValueError):
        raise _Rejected("content must be base64") from None
    address = service.Address(kind=kind, activity_id=activity_id, agent=agent,
                              registration=registration)
    return address, StoredDocument(document_id=document_id, content_type=content_type,
                                   content=content, etag="", updated=updated)
