"""Tables of the LRS (SQLAlchemy 2.0 declarative).

Identifiers that can be long (agent IFIs, activity IRIs, document ids) are
indexed through a 32-hex-digit SHA-256 prefix (``*_hash`` columns, see
``lrs.xapi.identity``) so that every database, MariaDB included, indexes them
in full. Statements keep their exact JSON for ``format=exact``; ``seq`` is the
stored order and the paging cursor.
"""

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    text,
)
from sqlalchemy.dialects import mysql
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# SQLite only auto-increments an INTEGER PRIMARY KEY.
SeqType = BigInteger().with_variant(Integer(), "sqlite")
Timestamp = DateTime().with_variant(mysql.DATETIME(fsp=6), "mysql", "mariadb")
LongText = Text().with_variant(mysql.LONGTEXT(), "mysql", "mariadb")
LongBlob = LargeBinary().with_variant(mysql.LONGBLOB(), "mysql", "mariadb")
Hash = String(32)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Store(Base):
    __tablename__ = "stores"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    created: Mapped[datetime] = mapped_column(Timestamp)


class Credential(Base):
    __tablename__ = "credentials"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"), index=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    secret_hash: Mapped[str] = mapped_column(String(255))
    scopes: Mapped[str] = mapped_column(String(500))
    created: Mapped[datetime] = mapped_column(Timestamp)
    revoked: Mapped[datetime | None] = mapped_column(Timestamp, nullable=True)
    last_used: Mapped[datetime | None] = mapped_column(Timestamp, nullable=True)
    # When the secret was last replaced (`lrs credentials rotate`): workers drop cached
    # verifications of the key, as for a revocation.
    secret_changed: Mapped[datetime | None] = mapped_column(Timestamp, nullable=True)
    # Per-credential limits; NULL means the LRS-wide default.
    max_body_bytes: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    requests_per_minute: Mapped[int | None] = mapped_column(Integer, nullable=True)


class Statement(Base):
    __tablename__ = "statements"
    seq: Mapped[int] = mapped_column(SeqType, primary_key=True, autoincrement=True)
    store_id: Mapped[int] = mapped_column(Integer)
    statement_id: Mapped[str] = mapped_column(String(36))
    stored: Mapped[datetime] = mapped_column(Timestamp)
    voided: Mapped[bool] = mapped_column(Boolean, default=False)
    # The statement id this statement voids, when it is a voiding statement.
    voids: Mapped[str | None] = mapped_column(String(36), nullable=True)
    # The statement id its object refers to (StatementRef), voiding or not.
    ref_target: Mapped[str | None] = mapped_column(String(36), nullable=True)
    body: Mapped[str] = mapped_column(LongText)

    __table_args__ = (
        Index("uq_statements_store_statement", "store_id", "statement_id", unique=True),
        # Unfiltered queries walk this, in the order results are returned: (stored, seq).
        Index("ix_statements_store_stored", "store_id", "stored", "seq"),
        # Only StatementRefs have a ref_target: where the database can, index just those.
        Index("ix_statements_store_ref_target", "store_id", "ref_target",
              postgresql_where=text("ref_target IS NOT NULL"),
              sqlite_where=text("ref_target IS NOT NULL")),
    )


class StatementKey(Base):
    """What a statement can be found by: one row per (statement, filter key).

    A key is ``lrs.xapi.filters`` hash of a filter kind and value (agent, related
    agent, verb, activity, related activity, registration). A statement that
    targets another through a StatementRef also carries its target's keys, as
    the spec's filter rules for StatementRefs require.
    """

    __tablename__ = "statement_keys"
    # No foreign key to statements: keys are written with their statement, in the same
    # statement or transaction, and a per-row FK check cost a third of a batch insert.
    seq: Mapped[int] = mapped_column(SeqType, primary_key=True, autoincrement=False)
    key: Mapped[str] = mapped_column(Hash, primary_key=True)
    store_id: Mapped[int] = mapped_column(Integer)
    # The statement's `stored`, copied so that a filtered query is one index range
    # (key, then since/until), already in result order, that stops at the limit.
    stored: Mapped[datetime] = mapped_column(Timestamp)

    __table_args__ = (Index("ix_statement_keys_lookup", "store_id", "key", "stored", "seq"),)


class Activity(Base):
    """The canonical definition of an activity, merged from the statements that carry it."""

    __tablename__ = "activities"
    store_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    activity_hash: Mapped[str] = mapped_column(Hash, primary_key=True)
    iri: Mapped[str] = mapped_column(Text)
    definition: Mapped[str] = mapped_column(LongText)


class Attachment(Base):
    __tablename__ = "attachments"
    store_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha2: Mapped[str] = mapped_column(String(128), primary_key=True)
    content_type: Mapped[str] = mapped_column(String(255))
    content: Mapped[bytes] = mapped_column(LongBlob)


class Document(Base):
    """State, activity profile and agent profile documents."""

    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(SeqType, primary_key=True, autoincrement=True)
    store_id: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    activity_hash: Mapped[str] = mapped_column(String(32), default="")
    agent_hash: Mapped[str] = mapped_column(String(32), default="")
    registration: Mapped[str] = mapped_column(String(36), default="")
    document_hash: Mapped[str] = mapped_column(Hash)
    document_id: Mapped[str] = mapped_column(Text)
    # What the hashes stand for (the activity IRI, the agent's JSON as last written), so
    # that `lrs export` can take documents out; NULL for documents written before 0004.
    activity_id: Mapped[str | None] = mapped_column(Text, nullable=True)
    agent: Mapped[str | None] = mapped_column(LongText, nullable=True)
    content_type: Mapped[str] = mapped_column(String(255))
    content: Mapped[bytes] = mapped_column(LongBlob)
    etag: Mapped[str] = mapped_column(String(64))
    updated: Mapped[datetime] = mapped_column(Timestamp)

    __table_args__ = (
        Index(
            "uq_documents_key",
            "store_id", "kind", "activity_hash", "agent_hash", "registration", "document_hash",
            unique=True,
        ),
    )


class CredentialUsage(Base):
    """Requests per credential and minute, for credentials with a rate limit: shared by every
    worker on every host, so the limit holds for the LRS as a whole."""

    __tablename__ = "credential_usage"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    window: Mapped[datetime] = mapped_column(Timestamp, primary_key=True)
    count: Mapped[int] = mapped_column(BigInteger)


class AuditRecord(Base):
    """What an operator did to a store's records (erasure, import): who, when, how many.

    Never holds personal data of learners: counts and the kind of action only.
    """

    __tablename__ = "audit_records"
    id: Mapped[int] = mapped_column(SeqType, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(Timestamp)
    store_id: Mapped[int] = mapped_column(Integer, index=True)
    action: Mapped[str] = mapped_column(String(40))
    operator: Mapped[str] = mapped_column(String(200))
    details: Mapped[str] = mapped_column(Text)


class ForwardRule(Base):
    """Statements of a store that go on to another LRS, and how far delivery has got."""

    __tablename__ = "forward_rules"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    store_id: Mapped[int] = mapped_column(Integer, index=True)
    name: Mapped[str] = mapped_column(String(100))
    endpoint: Mapped[str] = mapped_column(Text)
    username: Mapped[str] = mapped_column(String(255))
    password: Mapped[str] = mapped_column(String(255))
    xapi_version: Mapped[str] = mapped_column(String(10))
    # Space-separated verb IRIs (empty: every verb) and an activity IRI prefix (empty: any).
    verbs: Mapped[str] = mapped_column(Text)
    activity_prefix: Mapped[str] = mapped_column(Text)
    created: Mapped[datetime] = mapped_column(Timestamp)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    # One sender at a time per rule, on any host: whoever holds an unexpired lease.
    lease_owner: Mapped[str | None] = mapped_column(String(100), nullable=True)
    lease_until: Mapped[datetime | None] = mapped_column(Timestamp, nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt: Mapped[datetime | None] = mapped_column(Timestamp, nullable=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    last_error_at: Mapped[datetime | None] = mapped_column(Timestamp, nullable=True)
    last_success: Mapped[datetime | None] = mapped_column(Timestamp, nullable=True)
    delivered: Mapped[int] = mapped_column(BigInteger, default=0)

    # SQLite: never reuse a removed rule's id (queued rows of a removed rule must not be
    # adopted by a new one).
    __table_args__ = (Index("uq_forward_rules_store_name", "store_id", "name", unique=True),
                      {"sqlite_autoincrement": True})


class ForwardOutbox(Base):
    """Statements waiting to be forwarded, written in the same transaction as the statement.

    Sent in ``statement_seq`` (stored) order per rule, which also puts rows added by a
    rule's backfill in their place. A row the remote refused for good stays, with
    ``error`` set (dead-lettered), out of the queue.
    """

    __tablename__ = "forward_outbox"
    seq: Mapped[int] = mapped_column(SeqType, primary_key=True, autoincrement=True)
    rule_id: Mapped[int] = mapped_column(Integer)
    statement_seq: Mapped[int] = mapped_column(BigInteger)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    failed: Mapped[datetime | None] = mapped_column(Timestamp, nullable=True)

    __table_args__ = (
        Index("uq_forward_outbox_rule_statement", "rule_id", "statement_seq", unique=True),
    )


class ImportCheckpoint(Base):
    """How far `lrs import` got with a file, committed with each batch, so it can resume."""

    __tablename__ = "import_checkpoints"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    store_id: Mapped[int] = mapped_column(Integer)
    # A digest of the file's size and first bytes: the same file, wherever it lies.
    source: Mapped[str] = mapped_column(String(64))
    line_no: Mapped[int] = mapped_column(BigInteger, default=0)
    byte_offset: Mapped[int] = mapped_column(BigInteger, default=0)
    accepted: Mapped[int] = mapped_column(BigInteger, default=0)
    rejected: Mapped[int] = mapped_column(BigInteger, default=0)
    # Lines holding a statement the store already had (same id, same statement).
    skipped: Mapped[int] = mapped_column(BigInteger, default=0)
    updated: Mapped[datetime] = mapped_column(Timestamp)
    finished: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (Index("uq_import_checkpoints_store_source", "store_id", "source",
                            unique=True),)
