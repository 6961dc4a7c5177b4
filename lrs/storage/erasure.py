"""SQL side of erasing an agent: find the statements that may name it, then change them,
their keys, documents, attachments and outbox rows in one transaction, with an audit record."""

import json
from dataclasses import dataclass, field

from sqlalchemy import and_, delete, insert, or_, select, update

from .models import (
    Attachment,
    AuditRecord,
    Document,
    ForwardOutbox,
    Statement,
    StatementKey,
)

S = Statement.__table__
K = StatementKey.__table__
D = Document.__table__
ATT = Attachment.__table__
OUT = ForwardOutbox.__table__
AUD = AuditRecord.__table__

PAGE = 2000
CHUNK = 500  # ids per IN (...) list


def _like(token: str) -> str:
    # "!" escapes: a backslash means different things in MariaDB's and others' literals.
    escaped = token.replace("!", "!!").replace("%", "!%").replace("_", "!_")
    return f"%{escaped}%"


def _chunks(items, size=CHUNK):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start:start + size]


@dataclass
class ErasurePlan:
    delete_seqs: list[int] = field(default_factory=list)
    # seq -> (new body, that body's keys) for pseudonymised statements
    rewrites: dict[int, tuple[str, set[str]]] = field(default_factory=dict)
    agent_keys: set[str] = field(default_factory=set)
    agent_hashes: set[str] = field(default_factory=set)   # documents of the agent
    pseudonym_hash: str | None = None                     # re-key documents to it
    pseudonym_agent: str | None = None                    # and the agent they keep (JSON)
    attachment_sha2s: set[str] = field(default_factory=set)  # of deleted statements


class SQLErasure:
    def __init__(self, engine):
        self.engine = engine

    def candidates(self, store_id, tokens):
        """(seq, body) of statements whose JSON contains one of ``tokens``, in pages."""
        sieve = or_(*[S.c.body.like(_like(t), escape="!") for t in tokens])
        after = 0
        while True:
            with self.engine.connect() as conn:
                rows = conn.execute(select(S.c.seq, S.c.body)
                                    .where(S.c.store_id == store_id, S.c.seq > after, sieve)
                                    .order_by(S.c.seq).limit(PAGE)).all()
            yield from rows
            if len(rows) < PAGE:
                return
            after = rows[-1][0]

    def bodies_referring_to(self, store_id, seqs):
        """Bodies of statements whose StatementRef targets one of these statements."""
        out = []
        with self.engine.connect() as conn:
            for chunk in _chunks(seqs):
                ids = select(S.c.statement_id).where(S.c.seq.in_(chunk))
                out += conn.execute(select(S.c.body).where(
                    S.c.store_id == store_id, S.c.ref_target.in_(ids))).scalars().all()
        return out

    def erase(self, store_id, plan: ErasurePlan, *, operator, details) -> None:
        with self.engine.begin() as conn:
            for chunk in _chunks(plan.delete_seqs):
                conn.execute(delete(K).where(K.c.seq.in_(chunk)))
                conn.execute(delete(OUT).where(OUT.c.statement_seq.in_(chunk)))
                conn.execute(delete(S).where(S.c.seq.in_(chunk)))
            for chunk in _chunks(plan.agent_keys):
                # Wherever they are: also inherited by statements that refer to the agent's.
                conn.execute(delete(K).where(K.c.store_id == store_id, K.c.key.in_(chunk)))
            self._rewrite(conn, store_id, plan.rewrites)
            self._documents(conn, store_id, plan)
            self._orphaned_attachments(conn, store_id, plan.attachment_sha2s)
            conn.execute(insert(AUD).values(at=details["at"], store_id=store_id,
                                            action="forget-agent", operator=operator,
                                            details=json.dumps(details, default=str)))

    def _rewrite(self, conn, store_id, rewrites):
        for chunk in _chunks(rewrites):
            present = {(seq, key) for seq, key in conn.execute(
                select(K.c.seq, K.c.key).where(K.c.seq.in_(chunk)))}
            stored = {seq: moment for seq, moment in conn.execute(
                select(S.c.seq, S.c.stored).where(S.c.seq.in_(chunk)))}
            rows = [dict(seq=seq, key=key, store_id=store_id, stored=stored[seq])
                    for seq in chunk for key in rewrites[seq][1] if (seq, key) not in present]
            for seq in chunk:
                conn.execute(update(S).where(S.c.seq == seq).values(body=rewrites[seq][0]))
            if rows:
                conn.execute(insert(K), rows)

    def _documents(self, conn, store_id, plan):
        mine = and_(D.c.store_id == store_id, D.c.agent_hash.in_(plan.agent_hashes))
        if plan.pseudonym_hash:
            conn.execute(update(D).where(mine).values(agent_hash=plan.pseudonym_hash,
                                                      agent=plan.pseudonym_agent))
        else:
            conn.execute(delete(D).where(mine))

    def _orphaned_attachments(self, conn, store_id, sha2s):
        for sha2 in sha2s:
            still_used = conn.execute(select(S.c.seq).where(
                S.c.store_id == store_id, S.c.body.like(_like(sha2), escape="!")).limit(1)
            ).first()
            if not still_used:
                conn.execute(delete(ATT).where(ATT.c.store_id == store_id, ATT.c.sha2 == sha2))

    def documents_count(self, store_id, agent_hashes):
        with self.engine.connect() as conn:
            return len(conn.execute(select(D.c.id).where(
                D.c.store_id == store_id, D.c.agent_hash.in_(agent_hashes))).all())

    def audit(self, store_id=None):
        query = select(AUD).order_by(AUD.c.id)
        if store_id is not None:
            query = query.where(AUD.c.store_id == store_id)
        with self.engine.connect() as conn:
            return conn.execute(query).all()
