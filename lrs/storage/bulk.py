"""Bulk transfer of a store's statements: streaming reads for export, batch writes for import.

Export walks the statements in stored order, ``(stored, seq)``, a page at a time
(keyset paging: each page starts after the last row of the one before), so memory
stays flat whatever the store's size, and no transaction stays open between pages.
Unfiltered, a page is one range of ``ix_statements_store_stored``; filtered, of
``ix_statement_keys_lookup``, as the statement queries do. Voided statements are
exported too: with the voiding statements after them, they come back voided.

Import writes a batch and its checkpoint in one transaction: after a crash the
checkpoint names exactly the lines whose statements are stored. PostgreSQL takes
runs of plain statements through COPY (``postgresql_copy``); statements that
target another (StatementRef, voiding) or that a stored statement targets, and
every batch elsewhere, go through the general path of ``SQLStatements._save``, so
keys are inherited and statements voided exactly as the API does.
"""

import functools
import json
from dataclasses import dataclass

from sqlalchemy import Integer, bindparam, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from ..xapi.timestamps import now_utc
from .models import Activity, AuditRecord, ImportCheckpoint, Statement
from .records import StoredStatement
from .statements import activity_writes, keys_join

S = Statement.__table__
A = Activity.__table__
CP = ImportCheckpoint.__table__
AUD = AuditRecord.__table__

_IDS = bindparam("ids", expanding=True)
_EXISTING = select(S.c.statement_id, S.c.body).where(
    S.c.store_id == bindparam("store"), S.c.statement_id.in_(_IDS))
_REFERRED = select(S.c.ref_target).where(
    S.c.store_id == bindparam("store"), S.c.ref_target.in_(_IDS))
_DEFINITIONS = select(A.c.activity_hash, A.c.definition).where(
    A.c.store_id == bindparam("store"),
    A.c.activity_hash.in_(bindparam("hashes", expanding=True)))
_INSERT_ACTIVITIES = insert(A)
_UPDATE_ACTIVITY = update(A).where(
    A.c.store_id == bindparam("b_store"), A.c.activity_hash == bindparam("b_hash")
).values(definition=bindparam("b_definition"))
# Lookups go in slices: SQLite and MariaDB take a bounded number of bound parameters.
LOOKUP_SLICE = 1000


@dataclass
class Checkpoint:
    id: int
    line_no: int = 0
    byte_offset: int = 0
    accepted: int = 0
    rejected: int = 0
    skipped: int = 0
    finished: bool = False


@dataclass
class BatchOutcome:
    """What the service decided for a batch, given the statements already stored."""
    new: list            # StatementRecords to insert, in file order
    activities: dict     # activity hash -> ActivityRecord (definitions merged in order)
    checkpoint: Checkpoint
    detail: object = None  # the service's own account of the batch (rejections ...)
    # statement id -> ids of the forwarding rules it goes to (outbox rows, as the API's)
    forward: dict | None = None
    # AttachmentRecords to store with it, stored one at a time as they come (each may be
    # large: an iterator keeps only one in memory)
    attachments: object = ()


class SQLBulk:
    def __init__(self, engine, statements):
        self.engine = engine
        self.statements = statements
        self.reader = statements.reader
        self.copy = None
        self._driver_integrity_errors = ()
        if engine.dialect.name == "postgresql":
            from . import postgresql_copy

            self.copy = postgresql_copy
            # COPY runs on the driver's cursor: its errors come unwrapped.
            self._driver_integrity_errors = (postgresql_copy.IntegrityError,)

    # -- export ----------------------------------------------------------

    def pages(self, store_id, *, keys=(), since=None, until=None, page_size=5000):
        """Lists of StoredStatement, each at most ``page_size`` long, in stored order."""
        shape = (len(keys), since is not None, until is not None)
        stmt = _page_statement(*shape, False)
        params = {"store": store_id, "since": since, "until": until, "limit": page_size}
        params.update({f"key{index}": key for index, key in enumerate(keys)})
        while True:
            with self.reader.connect() as conn:
                rows = [StoredStatement(*row) for row in conn.execute(stmt, params).all()]
            if not rows:
                return
            yield rows
            if len(rows) < page_size:
                return
            stmt = _page_statement(*shape, True)
            params.update(after_stored=rows[-1].stored, after_seq=rows[-1].seq)

    # -- import checkpoints -------------------------------------------------

    def checkpoint(self, store_id, source, *, restart=False):
        """The checkpoint of this file in this store: resumed when unfinished, else new."""
        with self.engine.begin() as conn:
            row = conn.execute(select(CP).where(CP.c.store_id == store_id,
                                                CP.c.source == source)).first()
            if row is not None and not row.finished and not restart:
                return Checkpoint(id=row.id, line_no=row.line_no, byte_offset=row.byte_offset,
                                  accepted=row.accepted, rejected=row.rejected,
                                  skipped=row.skipped)
            zero = dict(line_no=0, byte_offset=0, accepted=0, rejected=0, skipped=0,
                        finished=False, updated=now_utc())
            if row is None:
                ident = conn.execute(insert(CP).values(store_id=store_id, source=source,
                                                       **zero)).inserted_primary_key[0]
            else:
                ident = row.id
                conn.execute(update(CP).where(CP.c.id == ident).values(**zero))
            return Checkpoint(id=ident)

    def finish(self, checkpoint, *, audit):
        """Mark the file's import finished and write its audit record, together."""
        with self.engine.begin() as conn:
            _save_checkpoint(conn, checkpoint, finished=True)
            _audit(conn, audit)

    def audit(self, record):
        with self.engine.begin() as conn:
            _audit(conn, record)

    # -- import batches -------------------------------------------------------

    def import_batch(self, store_id, ids, decide, merge_definition):
        """Write one batch with its checkpoint, in one transaction; returns the outcome.

        ``decide(existing)`` gets ``{statement id: stored body}`` for those of ``ids``
        the store has, and returns a BatchOutcome: what to insert, the activities,
        the checkpoint after this batch. It may be called twice: when another writer
        stored one of the ids meanwhile, the batch is decided again.
        """
        try:
            return self._import_batch(store_id, ids, decide, merge_definition)
        except (IntegrityError, *self._driver_integrity_errors):
            return self._import_batch(store_id, ids, decide, merge_definition)

    def _import_batch(self, store_id, ids, decide, merge_definition):
        with self.engine.begin() as conn:
            if self.copy is not None:
                self.copy.relax_commit(conn)
                existing, referred = self.copy.lookup(conn, store_id, set(ids))
            else:
                existing, referred = self._lookup(conn, store_id, ids)
            outcome = decide(existing)
            for general, run in _runs(outcome.new, referred, self.copy is not None):
                if general:
                    self.statements._save(conn, store_id, run, _never_same, {},
                                          merge_definition, (), outcome.forward)
                else:
                    self.copy.insert(conn, store_id, run, outcome.forward)
            for attachment in outcome.attachments:
                self.statements._save_attachments(conn, store_id, [attachment])
            self._write_activities(conn, store_id, outcome.activities, merge_definition)
            _save_checkpoint(conn, outcome.checkpoint)
            return outcome

    def _lookup(self, conn, store_id, ids):
        existing, referred = {}, set()
        for part in _slices(sorted(set(ids))):
            existing.update(conn.execute(_EXISTING, {"store": store_id, "ids": part}).all())
            referred.update(conn.execute(_REFERRED, {"store": store_id, "ids": part}).scalars())
        return existing, referred

    def _write_activities(self, conn, store_id, by_hash, merge_definition):
        if not by_hash:
            return
        definitions = {}
        for part in _slices(list(by_hash)):
            definitions.update(conn.execute(_DEFINITIONS, {"store": store_id,
                                                           "hashes": part}).all())
        fresh, changed = activity_writes(store_id, by_hash, definitions, merge_definition)
        if fresh:
            conn.execute(_INSERT_ACTIVITIES, fresh)
        if changed:
            conn.execute(_UPDATE_ACTIVITY, changed)


def _never_same(_body, _record):
    return False  # decide() left out every id already stored


def _slices(items, size=LOOKUP_SLICE):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _runs(records, referred, fast):
    """Consecutive runs of records as (needs the general path, records), in file order.

    Without a fast path everything is one general run; with one, a statement that
    targets another or is targeted by a stored one takes the general path, so that
    keys are inherited and voiding applied.
    """
    if not fast:
        if records:
            yield True, records
        return
    # A target that arrives after the statement targeting it (same batch) is voided, or
    # passes on its keys, through the general path too.
    targeted = referred | {r.ref_target for r in records if r.ref_target}
    run, general = [], None
    for record in records:
        needs = bool(record.ref_target) or record.statement_id in targeted
        if run and needs != general:
            yield general, run
            run = []
        run.append(record)
        general = needs
    if run:
        yield general, run


@dataclass
class Audit:
    """What an operator did: counts and kinds only, never personal data."""
    store_id: int
    action: str
    operator: str
    details: dict


def _audit(conn, record):
    conn.execute(insert(AUD).values(at=now_utc(), store_id=record.store_id,
                                    action=record.action, operator=record.operator[:200],
                                    details=json.dumps(record.details, sort_keys=True)))


def _save_checkpoint(conn, checkpoint, finished=False):
    conn.execute(update(CP).where(CP.c.id == checkpoint.id).values(
        line_no=checkpoint.line_no, byte_offset=checkpoint.byte_offset,
        accepted=checkpoint.accepted, rejected=checkpoint.rejected,
        skipped=checkpoint.skipped, finished=finished, updated=now_utc()))


@functools.lru_cache(maxsize=64)
def _page_statement(key_count, since, until, after):
    """One page of export: like the statement query (``statements._query_statement``),
    ascending, voided statements included, cursor on (stored, seq)."""
    aliases, lead, joined = keys_join(key_count)
    stmt = (select(S.c.seq, S.c.statement_id, S.c.stored, S.c.voided, S.c.body)
            .select_from(joined).where(S.c.store_id == bindparam("store"))
            .prefix_with("STRAIGHT_JOIN", dialect="mysql")
            .prefix_with("STRAIGHT_JOIN", dialect="mariadb"))
    stored_type = S.c.stored.type
    for index, alias in enumerate(aliases):
        stmt = stmt.where(alias.c.store_id == bindparam("store"),
                          alias.c.key == bindparam(f"key{index}"))
    if after:
        # Past the last row of the page before; `stored` alone bounds the index range.
        after_stored = bindparam("after_stored", type_=stored_type)
        stmt = stmt.where(lead.c.stored >= after_stored,
                          or_(lead.c.stored > after_stored,
                              lead.c.seq > bindparam("after_seq", type_=S.c.seq.type)))
    if since:
        stmt = stmt.where(lead.c.stored > bindparam("since", type_=stored_type))
    if until:
        stmt = stmt.where(lead.c.stored <= bindparam("until", type_=stored_type))
    return stmt.order_by(lead.c.stored.asc(), lead.c.seq.asc()).limit(
        bindparam("limit", type_=Integer()))
