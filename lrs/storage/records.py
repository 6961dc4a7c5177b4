"""Plain records passed between the services and the storage interface."""

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class StatementRecord:
    statement_id: str          # lower-case UUID
    stored: datetime           # naive UTC
    body: str                  # the exact JSON returned for format=exact
    keys: set[str] = field(default_factory=set)
    voids: str | None = None   # target id when this is a voiding statement
    ref_target: str | None = None

    def __reduce__(self):
        # `lrs import` sends records between processes: as a tuple, not a __dict__.
        return StatementRecord, (self.statement_id, self.stored, self.body, self.keys,
                                 self.voids, self.ref_target)


@dataclass
class StoredStatement:
    seq: int
    statement_id: str
    stored: datetime
    voided: bool
    body: str


@dataclass
class StatementQuery:
    keys: list[str]
    since: datetime | None = None
    until: datetime | None = None
    limit: int = 100
    ascending: bool = False
    after_seq: int | None = None   # paging cursor: continue past this seq
    # Only statements whose JSON contains this text (statements/read/mine: the authority).
    body_contains: str | None = None


@dataclass
class AttachmentRecord:
    sha2: str
    content_type: str
    content: bytes


@dataclass
class ActivityRecord:
    iri: str
    definition: dict


@dataclass
class CredentialRecord:
    id: int
    store_id: int
    key: str
    name: str
    secret_hash: str
    scopes: tuple[str, ...]
    revoked: datetime | None = None
    last_used: datetime | None = None
    max_body_bytes: int | None = None
    requests_per_minute: int | None = None


@dataclass
class StoreRecord:
    id: int
    name: str
    statements: int = 0
    credentials: int = 0
