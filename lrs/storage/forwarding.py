"""SQL storage of forwarding rules and their durable outbox.

A statement's outbox rows are written by ``SQLStatements.save`` in the statement's
own transaction (``outbox_rows``, ``INSERT_OUTBOX``); everything else a sender or
an operator does to rules and rows lives here. The lease on a rule (one sender at
a time, on any host) is claimed with one conditional UPDATE, which every database
applies atomically.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, delete, exists, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from .models import ForwardOutbox, ForwardRule, Statement

R = ForwardRule.__table__
O = ForwardOutbox.__table__  # noqa: E741 - the outbox, as S is statements
S = Statement.__table__

INSERT_OUTBOX = insert(O)
_PENDING_OF_RULE = and_(O.c.rule_id == R.c.id, O.c.error.is_(None))


@dataclass
class ForwardRuleRecord:
    id: int
    store_id: int
    name: str
    endpoint: str
    username: str
    password: str
    xapi_version: str
    verbs: tuple[str, ...]
    activity_prefix: str
    created: datetime
    enabled: bool
    lease_owner: str | None = None
    lease_until: datetime | None = None
    attempts: int = 0
    next_attempt: datetime | None = None
    last_error: str | None = None
    last_error_at: datetime | None = None
    last_success: datetime | None = None
    delivered: int = 0


@dataclass
class ForwardStatus:
    rule: ForwardRuleRecord
    backlog: int
    dead: int
    oldest_pending: datetime | None


@dataclass
class PendingStatement:
    outbox_seq: int
    statement_id: str | None   # None: the statement is gone (erased); nothing to send
    body: str | None


def _rule(row):
    values = dict(row._mapping)
    values["verbs"] = tuple(values["verbs"].split())
    return ForwardRuleRecord(**values)


def outbox_rows(records, seqs, forward):
    """Outbox rows for the statements just inserted: ``forward`` maps a statement id to
    the ids of the rules it goes to."""
    return [dict(rule_id=rule_id, statement_seq=seq)
            for seq, record in zip(seqs, records, strict=True)
            for rule_id in forward.get(record.statement_id, ())]


class SQLForwarding:
    def __init__(self, engine):
        self.engine = engine

    # -- rules -----------------------------------------------------------

    def create_rule(self, *, store_id, name, endpoint, username, password, xapi_version,
                    verbs, activity_prefix, created, next_attempt=None):
        """The new rule, or None when the store has a rule of that name already."""
        try:
            with self.engine.begin() as conn:
                rule_id = conn.execute(insert(R).values(
                    store_id=store_id, name=name, endpoint=endpoint, username=username,
                    password=password, xapi_version=xapi_version, verbs=" ".join(verbs),
                    activity_prefix=activity_prefix or "", created=created, enabled=True,
                    attempts=0, delivered=0, next_attempt=next_attempt)
                ).inserted_primary_key[0]
        except IntegrityError:
            return None
        return self.rule(rule_id)

    def rule(self, rule_id):
        with self.engine.connect() as conn:
            row = conn.execute(select(R).where(R.c.id == rule_id)).first()
        return _rule(row) if row else None

    def find(self, store_id, name):
        with self.engine.connect() as conn:
            row = conn.execute(select(R).where(R.c.store_id == store_id,
                                               R.c.name == name)).first()
        return _rule(row) if row else None

    def rules(self, store_id=None):
        query = select(R).order_by(R.c.id)
        if store_id is not None:
            query = query.where(R.c.store_id == store_id)
        with self.engine.connect() as conn:
            return [_rule(row) for row in conn.execute(query)]

    def remove(self, rule_id):
        """Delete a rule and everything still queued for it."""
        with self.engine.begin() as conn:
            conn.execute(delete(O).where(O.c.rule_id == rule_id))
            return conn.execute(delete(R).where(R.c.id == rule_id)).rowcount

    def drop_queued(self, rule_id):
        """Delete rows queued for a removed rule by workers that hadn't seen it go."""
        with self.engine.begin() as conn:
            return conn.execute(delete(O).where(O.c.rule_id == rule_id)).rowcount

    def set_enabled(self, rule_id, enabled):
        values = {"enabled": enabled}
        if enabled:
            values.update(next_attempt=None, attempts=0)  # resume: try at once
        with self.engine.begin() as conn:
            return conn.execute(update(R).where(R.c.id == rule_id).values(**values)).rowcount

    def open_rule(self, rule_id):
        """Let senders start (a new rule waits until its backfill is done)."""
        with self.engine.begin() as conn:
            conn.execute(update(R).where(R.c.id == rule_id).values(next_attempt=None))

    # -- backfill --------------------------------------------------------

    def statements_since(self, store_id, since, *, after=None, limit=500):
        """(seq, stored, body) of the store's statements stored at or after ``since``, in
        (stored, seq) order (the index's), continuing past ``after`` = (stored, seq)."""
        query = select(S.c.seq, S.c.stored, S.c.body).where(S.c.store_id == store_id,
                                                            S.c.stored >= since)
        if after is not None:
            query = query.where(S.c.stored >= after[0],
                                or_(S.c.stored > after[0], S.c.seq > after[1]))
        with self.engine.connect() as conn:
            return conn.execute(query.order_by(S.c.stored, S.c.seq).limit(limit)).all()

    def enqueue_statements(self, rule_id, store_id, statement_ids):
        """``enqueue_missing`` for statements given by id."""
        seqs = []
        with self.engine.connect() as conn:
            for start in range(0, len(statement_ids), 500):
                seqs += conn.execute(select(S.c.seq).where(
                    S.c.store_id == store_id,
                    S.c.statement_id.in_(statement_ids[start:start + 500]))).scalars().all()
        return self.enqueue_missing(rule_id, sorted(seqs))

    def enqueue_missing(self, rule_id, seqs):
        """Queue these statements for the rule unless they are queued already; returns
        how many were added."""
        if not seqs:
            return 0
        queued = select(O.c.statement_seq).where(O.c.rule_id == rule_id,
                                                 O.c.statement_seq.in_(seqs))
        for attempt in (1, 2):
            try:
                with self.engine.begin() as conn:
                    missing = set(seqs) - set(conn.execute(queued).scalars())
                    if missing:
                        conn.execute(insert(O), [dict(rule_id=rule_id, statement_seq=seq)
                                                 for seq in sorted(missing)])
                    return len(missing)
            except IntegrityError:
                if attempt == 2:  # a worker queued one of them meanwhile: check again
                    raise
        return 0

    # -- sending ---------------------------------------------------------

    def due(self, owner, now):
        """Enabled rules with something to send, not backing off, not leased by another."""
        has_pending = exists().where(_PENDING_OF_RULE)
        query = select(R).where(
            R.c.enabled.is_(True),
            or_(R.c.next_attempt.is_(None), R.c.next_attempt <= now),
            or_(R.c.lease_owner.is_(None), R.c.lease_owner == owner, R.c.lease_until < now),
            has_pending).order_by(R.c.id)
        with self.engine.connect() as conn:
            return [_rule(row) for row in conn.execute(query)]

    def claim(self, rule_id, owner, now, until):
        """Take or renew the rule's lease; False when another sender holds it (or the rule
        was paused or removed meanwhile)."""
        with self.engine.begin() as conn:
            return conn.execute(update(R).where(
                R.c.id == rule_id, R.c.enabled.is_(True),
                or_(R.c.lease_owner.is_(None), R.c.lease_owner == owner, R.c.lease_until < now)
            ).values(lease_owner=owner, lease_until=until)).rowcount == 1

    def release(self, owner, rule_id=None):
        condition = R.c.lease_owner == owner
        if rule_id is not None:
            condition = and_(condition, R.c.id == rule_id)
        with self.engine.begin() as conn:
            conn.execute(update(R).where(condition).values(lease_owner=None, lease_until=None))

    def pending(self, rule_id, limit):
        """The next statements to send for the rule, in stored order."""
        query = (select(O.c.seq, S.c.statement_id, S.c.body)
                 .select_from(O.outerjoin(S, S.c.seq == O.c.statement_seq))
                 .where(O.c.rule_id == rule_id, O.c.error.is_(None))
                 .order_by(O.c.statement_seq).limit(limit))
        with self.engine.connect() as conn:
            return [PendingStatement(*row) for row in conn.execute(query)]

    def delivered(self, rule_id, outbox_seqs, now):
        """The remote has these: unqueue them and count them, in one transaction."""
        with self.engine.begin() as conn:
            conn.execute(delete(O).where(O.c.seq.in_(outbox_seqs)))
            conn.execute(update(R).where(R.c.id == rule_id).values(
                attempts=0, next_attempt=None, last_success=now,
                delivered=R.c.delivered + len(outbox_seqs)))

    def unqueue(self, outbox_seqs):
        with self.engine.begin() as conn:
            conn.execute(delete(O).where(O.c.seq.in_(outbox_seqs)))

    def failed(self, rule_id, *, attempts, next_attempt, error, now):
        with self.engine.begin() as conn:
            conn.execute(update(R).where(R.c.id == rule_id).values(
                attempts=attempts, next_attempt=next_attempt, last_error=error,
                last_error_at=now))

    def dead_letter(self, rule_id, outbox_seq, error, now):
        """The remote refused this statement for good: keep it aside with the reason."""
        with self.engine.begin() as conn:
            conn.execute(update(O).where(O.c.seq == outbox_seq).values(error=error, failed=now))
            conn.execute(update(R).where(R.c.id == rule_id).values(
                last_error=error, last_error_at=now))

    # -- operators -------------------------------------------------------

    def status(self, store_id=None):
        counts = (select(O.c.rule_id, func.count(O.c.error).label("dead"),
                         (func.count() - func.count(O.c.error)).label("backlog"))
                  .group_by(O.c.rule_id).subquery())
        oldest = (select(O.c.rule_id, func.min(S.c.stored).label("oldest"))
                  .select_from(O.join(S, S.c.seq == O.c.statement_seq))
                  .where(O.c.error.is_(None)).group_by(O.c.rule_id).subquery())
        query = (select(R, func.coalesce(counts.c.backlog, 0), func.coalesce(counts.c.dead, 0),
                        oldest.c.oldest)
                 .outerjoin(counts, counts.c.rule_id == R.c.id)
                 .outerjoin(oldest, oldest.c.rule_id == R.c.id).order_by(R.c.id))
        if store_id is not None:
            query = query.where(R.c.store_id == store_id)
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        width = len(R.c)
        return [ForwardStatus(_rule(_Columns(R, row[:width])), int(row[width]),
                              int(row[width + 1]), row[width + 2]) for row in rows]

    def dead_letters(self, rule_id):
        """(statement id, error, when) of the statements the remote refused."""
        query = (select(S.c.statement_id, O.c.error, O.c.failed)
                 .select_from(O.outerjoin(S, S.c.seq == O.c.statement_seq))
                 .where(O.c.rule_id == rule_id, O.c.error.is_not(None))
                 .order_by(O.c.statement_seq))
        with self.engine.connect() as conn:
            return conn.execute(query).all()

    def requeue_dead(self, rule_id):
        with self.engine.begin() as conn:
            return conn.execute(update(O).where(O.c.rule_id == rule_id, O.c.error.is_not(None))
                                .values(error=None, failed=None)).rowcount


class _Columns:
    """A row slice that ``_rule`` reads like a full rule row."""

    def __init__(self, table, values):
        self._mapping = {column.name: value for column, value in zip(table.c, values,
                                                                      strict=True)}
