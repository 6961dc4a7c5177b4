"""SQL storage of State, Activity Profile and Agent Profile documents.

A document is addressed by its store, its kind and a scope (activity, agent and
registration hashes; a part the kind does not use is "") plus its own id. Writes
are read-modify-write in one transaction with the row locked, so preconditions
and merges are decided on the version actually replaced.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import datetime

import orjson
from sqlalchemy import and_, bindparam, delete, insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError

from ..errors import Conflict, PayloadTooLarge
from ..xapi.identity import key_hash
from ..xapi.timestamps import now_utc
from .models import Document
from .packets import PacketLimit

D = Document.__table__
_COLUMNS = (D.c.id, D.c.document_id, D.c.content_type, D.c.content, D.c.etag, D.c.updated)


@dataclass(frozen=True)
class DocumentScope:
    """Where documents live: a kind and the hashes of what it is scoped by."""
    kind: str
    activity_hash: str = ""
    agent_hash: str = ""
    registration: str | None = ""   # None: any registration (listing, deleting all)
    # What the hashes stand for, kept with a written document for `lrs export`; they
    # play no part in finding documents.
    activity_id: str | None = field(default=None, compare=False)
    agent: dict | None = field(default=None, compare=False)


@dataclass
class StoredDocument:
    document_id: str
    content_type: str
    content: bytes
    etag: str            # SHA-1 hex of the content, unquoted
    updated: datetime    # naive UTC


def content_etag(content: bytes) -> str:
    return hashlib.sha1(content).hexdigest()


def _where(store_id, scope: DocumentScope, document_id=None):
    clauses = [D.c.store_id == store_id, D.c.kind == scope.kind,
               D.c.activity_hash == scope.activity_hash, D.c.agent_hash == scope.agent_hash]
    if scope.registration is not None:
        clauses.append(D.c.registration == scope.registration)
    if document_id is not None:
        clauses.append(D.c.document_hash == key_hash(document_id))
    return and_(*clauses)


_KEY = (D.c.kind, D.c.activity_hash, D.c.agent_hash, D.c.registration, D.c.document_hash)
_KEY_NAMES = tuple(f"k_{column.name}" for column in _KEY)
_HELD = select(D.c.content_type, D.c.content).where(
    D.c.store_id == bindparam("store"),
    *(column == bindparam(name) for column, name in zip(_KEY, _KEY_NAMES, strict=True)))


def _key(scope, document_id):
    """A document's unique key within its store, in ``_KEY``'s order."""
    return (scope.kind, scope.activity_hash, scope.agent_hash, scope.registration or "",
            key_hash(document_id))


def _address(store_id, scope, document_id):
    """The columns that say where a document belongs, as written with it."""
    return dict(store_id=store_id, kind=scope.kind, activity_hash=scope.activity_hash,
                agent_hash=scope.agent_hash, registration=scope.registration or "",
                document_hash=key_hash(document_id), document_id=document_id,
                **_described(scope))


def _described(scope):
    return dict(activity_id=scope.activity_id,
                agent=orjson.dumps(scope.agent).decode() if scope.agent is not None else None)


def _record(row):
    return StoredDocument(document_id=row.document_id, content_type=row.content_type,
                          content=bytes(row.content), etag=row.etag, updated=row.updated)


def _too_large(error):
    # MariaDB refuses statements over its max_allowed_packet (error 1153).
    return "max_allowed_packet" in str(error.orig)


class SQLDocuments:
    def __init__(self, engine):
        self.engine = engine
        self._packets = PacketLimit()

    def get(self, store_id, scope: DocumentScope, document_id) -> StoredDocument | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(*_COLUMNS).where(
                _where(store_id, scope, document_id))).first()
        return _record(row) if row else None

    def ids(self, store_id, scope: DocumentScope, since=None):
        """(ids of the documents in scope updated after ``since``, latest update or None)."""
        stmt = select(D.c.document_id, D.c.updated).where(_where(store_id, scope))
        if since is not None:
            stmt = stmt.where(D.c.updated > since)
        with self.engine.connect() as conn:
            rows = conn.execute(stmt.order_by(D.c.updated, D.c.id)).all()
        latest = max((row.updated for row in rows), default=None)
        return [row.document_id for row in rows], latest

    def write(self, store_id, scope: DocumentScope, document_id, decide) -> StoredDocument:
        """Store what ``decide(current or None)`` returns as ``(content_type, content)``.

        ``decide`` may raise to refuse the write (failed precondition, bad merge).
        A concurrent insert of the same document makes the first try fail on the
        unique key; the second try then sees that document and decides again.
        """
        try:
            try:
                return self._write_once(store_id, scope, document_id, decide)
            except IntegrityError:
                try:
                    return self._write_once(store_id, scope, document_id, decide)
                except IntegrityError:
                    raise Conflict("the document was changed by another request at the same "
                                   "time; fetch it again and retry") from None
        except OperationalError as error:
            if _too_large(error):
                raise PayloadTooLarge("the document is larger than the database accepts")\
                    from None
            raise

    def _write_once(self, store_id, scope, document_id, decide):
        with self.engine.begin() as conn:
            row = conn.execute(select(*_COLUMNS).where(
                _where(store_id, scope, document_id)).with_for_update()).first()
            current = _record(row) if row else None
            content_type, content = decide(current)
            self._packets.check(conn, len(content), "a document")
            stored = StoredDocument(document_id=document_id, content_type=content_type,
                                    content=content, etag=content_etag(content),
                                    updated=now_utc())
            values = dict(content_type=content_type, content=content, etag=stored.etag,
                          updated=stored.updated)
            if row is None:
                conn.execute(insert(D).values(**_address(store_id, scope, document_id),
                                              **values))
            else:  # (also fills in what documents written before schema 0004 lack)
                conn.execute(update(D).where(D.c.id == row.id).values(**values,
                                                                      **_described(scope)))
            return stored

    def restore(self, store_id, items) -> list[str]:
        """Store documents `lrs import` brings, ``(scope, StoredDocument)`` pairs, as they
        were (``updated`` included), in one transaction; the outcome of each, in order:
        "stored", "same" (the store holds it already, byte for byte) or "different" (it
        holds another version, left as it is). A document written meanwhile by another
        request makes the first try fail on the unique key; the second compares with it.
        """
        try:
            try:
                return self._restore(store_id, items)
            except IntegrityError:
                try:
                    return self._restore(store_id, items)
                except IntegrityError:
                    raise Conflict("documents were changed by other requests at the same "
                                   "time; import again") from None
        except OperationalError as error:
            if _too_large(error):
                raise PayloadTooLarge("the documents are larger than the database accepts")\
                    from None
            raise

    def _restore(self, store_id, items):
        keys = [_key(scope, document.document_id) for scope, document in items]
        with self.engine.begin() as conn:
            held = {}
            # One lookup per document: a list of keys in one query (a row-value IN) leads
            # PostgreSQL to scan every document sharing the keys' common parts (every
            # "bookmark" of the store) instead of probing the unique index for each.
            for key in set(keys):
                row = conn.execute(_HELD, {"store": store_id, **dict(zip(_KEY_NAMES, key,
                                                                          strict=True))}).first()
                if row is not None:
                    held[key] = (row.content_type, bytes(row.content))
            outcomes, rows = [], []
            for key, (scope, document) in zip(keys, items, strict=True):
                if key in held:
                    same = held[key] == (document.content_type, document.content)
                    outcomes.append("same" if same else "different")
                    continue
                self._packets.check(conn, len(document.content), "a document")
                held[key] = (document.content_type, document.content)
                rows.append(dict(**_address(store_id, scope, document.document_id),
                                 content_type=document.content_type, content=document.content,
                                 etag=content_etag(document.content), updated=document.updated))
                outcomes.append("stored")
            if rows:
                conn.execute(insert(D), rows)
            return outcomes

    def pages(self, store_id, *, since=None, until=None, activity_hash=None, agent_hash=None,
              page_size=500):
        """The store's documents, in pages of rows in id order (for `lrs export`)."""
        clauses = [D.c.store_id == store_id]
        if activity_hash is not None:
            clauses.append(D.c.activity_hash == activity_hash)
        if agent_hash is not None:
            clauses.append(D.c.agent_hash == agent_hash)
        if since is not None:
            clauses.append(D.c.updated > since)
        if until is not None:
            clauses.append(D.c.updated <= until)
        after = 0
        while True:
            with self.engine.connect() as conn:
                rows = conn.execute(select(
                    D.c.id, D.c.kind, D.c.activity_id, D.c.agent, D.c.registration,
                    D.c.document_id, D.c.content_type, D.c.content, D.c.updated
                ).where(D.c.id > after, *clauses).order_by(D.c.id).limit(page_size)).all()
            if rows:
                yield rows
            if len(rows) < page_size:
                return
            after = rows[-1].id

    def delete(self, store_id, scope: DocumentScope, document_id, check=None) -> bool:
        """Delete one document; ``check(current or None)`` may raise to refuse."""
        with self.engine.begin() as conn:
            row = conn.execute(select(D.c.id, D.c.document_id, D.c.content_type, D.c.etag,
                                      D.c.updated)
                               .where(_where(store_id, scope, document_id))
                               .with_for_update()).first()
            if check is not None:
                check(StoredDocument(row.document_id, row.content_type, b"", row.etag,
                                     row.updated) if row else None)
            if row is None:
                return False
            conn.execute(delete(D).where(D.c.id == row.id))
            return True

    def delete_all(self, store_id, scope: DocumentScope) -> int:
        with self.engine.begin() as conn:
            return conn.execute(delete(D).where(_where(store_id, scope))).rowcount
