"""State, Activity Profile and Agent Profile documents: the document resources' behaviour.

Documents are opaque bytes with a Content-Type, except that POST merges two JSON
objects (top-level properties of the new one win). Writes honour If-Match and
If-None-Match (412 when they fail). A PUT with neither header is refused where
the version asks for it: over an existing profile document (409) or a missing
one (400, as the conformance suite expects), and over an existing State
document in xAPI 2.0 (409). xAPI 1.0.x sets no such rule for State, and real
clients (TinCanPython's save_state) send the same unconditional PUT twice.
"""

from dataclasses import dataclass

import orjson

from ..errors import BadRequest, Conflict, NotFound, PreconditionFailed
from ..storage.documents import DocumentScope
from ..xapi.identity import agent_ifi, key_hash
from ..xapi.versions import is_v2

STATE = "state"
ACTIVITY_PROFILE = "activity_profile"
AGENT_PROFILE = "agent_profile"
NAMES = {STATE: "state", ACTIVITY_PROFILE: "activity profile", AGENT_PROFILE: "agent profile"}

# Each kind's resource under /xapi/ and the parameter that names a document there.
RESOURCES = {
    STATE: ("activities/state", "stateId"),
    ACTIVITY_PROFILE: ("activities/profile", "profileId"),
    AGENT_PROFILE: ("agents/profile", "profileId"),
}
# Ids are kept in a TEXT column, which MariaDB limits to 65,535 bytes.
MAX_ID_BYTES = 65535

JSON = "application/json"
DEFAULT_CONTENT_TYPE = "application/octet-stream"
MAX_CONTENT_TYPE = 255


@dataclass(frozen=True)
class Address:
    """What the request's parameters say a document belongs to."""
    kind: str
    activity_id: str | None = None
    agent: dict | None = None
    registration: str | None = None

    def scope(self, *, any_registration=False) -> DocumentScope:
        agent_key = agent_ifi(self.agent) if self.agent is not None else None
        registration = self.registration.lower() if self.registration else ""
        if any_registration and not self.registration:
            registration = None
        return DocumentScope(
            kind=self.kind,
            activity_hash=key_hash(self.activity_id) if self.activity_id else "",
            agent_hash=key_hash(agent_key) if agent_key else "",
            registration=registration if self.kind == STATE else "",
            activity_id=self.activity_id or None, agent=self.agent)


@dataclass(frozen=True)
class Body:
    content_type: str
    content: bytes

    @property
    def is_json(self):
        return is_json(self.content_type)


@dataclass(frozen=True)
class Preconditions:
    """If-Match / If-None-Match as lists of unquoted ETags; ``("*",)`` for "*"."""
    if_match: tuple[str, ...] | None = None
    if_none_match: tuple[str, ...] | None = None

    @property
    def given(self):
        return self.if_match is not None or self.if_none_match is not None


def is_json(content_type: str) -> bool:
    return content_type.split(";")[0].strip().lower() == JSON


def parse_etags(header: str | None) -> tuple[str, ...] | None:
    """An If-Match / If-None-Match value as unquoted, lower-case ETags (weak ones too)."""
    if header is None:
        return None
    tags = []
    for part in header.split(","):
        tag = part.strip()
        if tag.startswith(("W/", "w/")):
            tag = tag[2:]
        tag = tag.strip('"').lower()
        if tag:
            tags.append(tag)
    return tuple(tags)


# -- preconditions: keyword -> check(tags, current document or None) -> message or None ----

def _if_match(tags, current):
    if current is None:
        return "If-Match was given but the document does not exist"
    if "*" not in tags and current.etag not in tags:
        return "If-Match does not match the document's current ETag"
    return None


def _if_none_match(tags, current):
    if current is None:
        return None
    if "*" in tags:
        return "If-None-Match: * was given but the document already exists"
    if current.etag in tags:
        return "If-None-Match matches the document's current ETag"
    return None


PRECONDITIONS = {"if_match": _if_match, "if_none_match": _if_none_match}


def precondition_errors(preconditions: Preconditions, current):
    for keyword, check in PRECONDITIONS.items():
        tags = getattr(preconditions, keyword)
        if tags is not None:
            message = check(tags, current)
            if message:
                yield message


def check_preconditions(preconditions: Preconditions, current):
    for message in precondition_errors(preconditions, current):
        raise PreconditionFailed(message)


def not_modified(preconditions: Preconditions, document) -> bool:
    """A GET whose If-None-Match names the current ETag (or "*") gets 304."""
    tags = preconditions.if_none_match
    return bool(tags) and ("*" in tags or document.etag in tags)


def _unconditional_put(address: Address, current, version):
    name = NAMES[address.kind]
    if address.kind == STATE:
        if current is not None and is_v2(version):
            raise Conflict(f"the {name} document already exists: send If-Match with its ETag "
                           "to replace it, or POST to merge into it")
        return
    if current is not None:
        raise Conflict(f"the {name} document already exists: send If-Match with its ETag to "
                       "replace it, or POST to merge into it")
    raise BadRequest(f"a PUT to the {name} resource needs an If-Match header (to replace a "
                     "document) or If-None-Match: * (to create one)")


# -- bodies ---------------------------------------------------------------------------

def check_body(body: Body):
    # A PUT body is stored as sent, JSON or not: only POST needs to read it (to merge).
    if len(body.content_type) > MAX_CONTENT_TYPE:
        raise BadRequest(f"Content-Type is longer than {MAX_CONTENT_TYPE} characters")


def _parse_json(content: bytes, what):
    try:
        return orjson.loads(content)
    except orjson.JSONDecodeError as exc:
        raise BadRequest(f"{what} has Content-Type application/json but is not valid JSON: "
                         f"{exc}") from None


def _json_object(content: bytes, what):
    value = _parse_json(content, what)
    if not isinstance(value, dict):
        raise BadRequest(f"{what} must be a JSON object to be merged")
    return value


def merge(current, body: Body) -> Body:
    """POST: a new document as sent; over an existing one, a merge of two JSON objects."""
    incoming = _json_object(body.content, "the posted document") if body.is_json else None
    if current is None:
        return body
    if incoming is None or not is_json(current.content_type):
        raise BadRequest("POST merges JSON objects only: both the stored and the posted "
                         "document must have Content-Type application/json; use PUT to "
                         "replace a document of another type")
    stored = _json_object(current.content, "the stored document")
    return Body(JSON, orjson.dumps({**stored, **incoming}))


# -- operations -----------------------------------------------------------------------

def get(storage, caller, address: Address, document_id):
    document = storage.documents.get(caller.store_id, address.scope(), document_id)
    if document is None:
        raise NotFound(f"no {NAMES[address.kind]} document {document_id!r}")
    return document


def ids(storage, caller, address: Address, since=None):
    """(ids of the documents in scope updated after ``since``, latest update or None)."""
    return storage.documents.ids(caller.store_id, address.scope(any_registration=True),
                                 since=since)


def put(storage, caller, address: Address, document_id, body: Body,
        preconditions: Preconditions, *, version):
    check_body(body)

    def decide(current):
        if preconditions.given:
            check_preconditions(preconditions, current)
        else:
            _unconditional_put(address, current, version)
        return body.content_type, body.content

    return storage.documents.write(caller.store_id, address.scope(), document_id, decide)


def post(storage, caller, address: Address, document_id, body: Body,
         preconditions: Preconditions):
    check_body(body)

    def decide(current):
        check_preconditions(preconditions, current)
        merged = merge(current, body)
        return merged.content_type, merged.content

    return storage.documents.write(caller.store_id, address.scope(), document_id, decide)


def delete(storage, caller, address: Address, document_id, preconditions: Preconditions):
    """Delete one document (deleting a missing one succeeds, unless If-Match asks for it)."""
    return storage.documents.delete(caller.store_id, address.scope(), document_id,
                                    check=lambda current: check_preconditions(preconditions,
                                                                              current))


def delete_all(storage, caller, address: Address):
    """State only: every document of the activity and agent (and registration, if given)."""
    return storage.documents.delete_all(caller.store_id, address.scope(any_registration=True))
