"""SQL storage of statements, their filter keys, attachments and activity definitions."""

import orjson
from sqlalchemy import and_, insert, select, update
from sqlalchemy.exc import IntegrityError

from ..errors import Conflict
from ..xapi.identity import key_hash
from .models import Activity, Attachment, Statement, StatementKey
from .records import StoredStatement

S = Statement.__table__
K = StatementKey.__table__
A = Activity.__table__
ATT = Attachment.__table__


class SQLStatements:
    def __init__(self, engine):
        self.engine = engine

    # -- writing ---------------------------------------------------------

    def save(self, store_id, records, *, is_same, activities=(), merge_definition=None,
             attachments=()):
        """Store a batch atomically; returns the ids actually inserted.

        ``is_same(existing_body, record)`` decides whether an id already stored
        holds the same statement (then it is skipped) or a conflicting one
        (then nothing is stored and Conflict is raised).
        """
        try:
            with self.engine.begin() as conn:
                return self._save(conn, store_id, records, is_same, activities,
                                  merge_definition, attachments)
        except IntegrityError:
            # Another worker stored one of these ids between our check and insert: check again.
            with self.engine.begin() as conn:
                return self._save(conn, store_id, records, is_same, activities,
                                  merge_definition, attachments)

    def _save(self, conn, store_id, records, is_same, activities, merge_definition, attachments):
        ids = [r.statement_id for r in records]
        existing = dict(conn.execute(
            select(S.c.statement_id, S.c.body).where(
                S.c.store_id == store_id, S.c.statement_id.in_(ids))
        ).all()) if ids else {}
        new = []
        for record in records:
            body = existing.get(record.statement_id)
            if body is None:
                new.append(record)
            elif not is_same(body, record):
                raise Conflict(
                    f"statement {record.statement_id} already exists with different content")
        if not new:
            return []
        self._inherit_target_keys(conn, store_id, new)
        rows = [dict(store_id=store_id, statement_id=r.statement_id, stored=r.stored,
                     voided=False, voids=r.voids, ref_target=r.ref_target, body=r.body)
                for r in new]
        seqs = self._insert_returning_seq(conn, rows)
        key_rows = [dict(seq=seq, key=key, store_id=store_id)
                    for seq, record in zip(seqs, new, strict=True) for key in record.keys]
        if key_rows:
            conn.execute(insert(K), key_rows)
        self._apply_voiding(conn, store_id, new)
        self._propagate_keys_to_referrers(conn, store_id, new)
        if attachments:
            self._save_attachments(conn, store_id, attachments)
        if activities and merge_definition:
            self._save_activities(conn, store_id, activities, merge_definition)
        return [r.statement_id for r in new]

    def _insert_returning_seq(self, conn, rows):
        result = conn.execute(
            insert(S).returning(S.c.seq, sort_by_parameter_order=True), rows)
        return [row[0] for row in result]

    def _inherit_target_keys(self, conn, store_id, new):
        """A statement targeting another (StatementRef) matches the filters its target matches."""
        targets = {r.ref_target for r in new if r.ref_target}
        if not targets:
            return
        inherited = {}
        rows = conn.execute(
            select(S.c.statement_id, K.c.key)
            .join(K, K.c.seq == S.c.seq)
            .where(S.c.store_id == store_id, S.c.statement_id.in_(targets))
        ).all()
        for target, key in rows:
            inherited.setdefault(target, set()).add(key)
        batch = {r.statement_id: r for r in new}
        for record in new:
            if record.ref_target:
                record.keys |= inherited.get(record.ref_target, set())
                # A target within the same batch.
                if record.ref_target in batch and batch[record.ref_target] is not record:
                    record.keys |= batch[record.ref_target].keys

    def _propagate_keys_to_referrers(self, conn, store_id, new):
        """Statements stored earlier that target one of these now match its filters too."""
        by_id = {r.statement_id: r for r in new}
        frontier = list(by_id)
        seen = set()
        while frontier:
            referrers = conn.execute(
                select(S.c.seq, S.c.ref_target).where(
                    S.c.store_id == store_id, S.c.ref_target.in_(frontier))
            ).all()
            frontier = []
            for seq, target in referrers:
                if seq in seen or target not in by_id:
                    continue
                seen.add(seq)
                have = set(conn.execute(select(K.c.key).where(K.c.seq == seq)).scalars())
                missing = by_id[target].keys - have
                if missing:
                    conn.execute(insert(K), [dict(seq=seq, key=k, store_id=store_id)
                                             for k in missing])

    def _apply_voiding(self, conn, store_id, new):
        targets = [r.voids for r in new if r.voids]
        if targets:
            # A voiding statement can't be voided (spec: voiding a voiding statement has no effect).
            conn.execute(update(S).where(
                S.c.store_id == store_id, S.c.statement_id.in_(targets), S.c.voids.is_(None)
            ).values(voided=True))
        # A target may arrive after the statement that voids it.
        plain = [r.statement_id for r in new if not r.voids]
        if plain:
            late = conn.execute(select(S.c.voids).where(
                S.c.store_id == store_id, S.c.voids.in_(plain))).scalars().all()
            if late:
                conn.execute(update(S).where(
                    S.c.store_id == store_id, S.c.statement_id.in_(late)).values(voided=True))

    def _save_attachments(self, conn, store_id, attachments):
        wanted = {a.sha2: a for a in attachments}
        have = set(conn.execute(select(ATT.c.sha2).where(
            ATT.c.store_id == store_id, ATT.c.sha2.in_(list(wanted)))).scalars())
        rows = [dict(store_id=store_id, sha2=a.sha2, content_type=a.content_type,
                     content=a.content) for sha2, a in wanted.items() if sha2 not in have]
        if rows:
            conn.execute(insert(ATT), rows)

    def _save_activities(self, conn, store_id, activities, merge_definition):
        by_hash = {}
        for activity in activities:
            h = key_hash(activity.iri)
            if h in by_hash:
                by_hash[h].definition = merge_definition(by_hash[h].definition,
                                                         activity.definition)
            else:
                by_hash[h] = activity
        current = {h: orjson.loads(d) for h, d in conn.execute(select(
            A.c.activity_hash, A.c.definition).where(
                A.c.store_id == store_id, A.c.activity_hash.in_(list(by_hash))))}
        for h, activity in by_hash.items():
            if h not in current:
                conn.execute(insert(A).values(store_id=store_id, activity_hash=h,
                                              iri=activity.iri,
                                              definition=orjson.dumps(activity.definition)
                                              .decode()))
                continue
            merged = merge_definition(current[h], activity.definition)
            if merged != current[h]:
                conn.execute(update(A).where(
                    A.c.store_id == store_id, A.c.activity_hash == h
                ).values(definition=orjson.dumps(merged).decode()))

    # -- reading ---------------------------------------------------------

    def get(self, store_id, statement_id):
        with self.engine.connect() as conn:
            row = conn.execute(select(S.c.seq, S.c.statement_id, S.c.stored, S.c.voided,
                                      S.c.body).where(
                S.c.store_id == store_id, S.c.statement_id == statement_id)).first()
        return StoredStatement(*row) if row else None

    def query(self, store_id, q):
        """Statements matching every key, newest first unless ascending; up to limit+1 rows."""
        stmt = select(S.c.seq, S.c.statement_id, S.c.stored, S.c.voided, S.c.body).where(
            S.c.store_id == store_id, S.c.voided.is_(False))
        for index, key in enumerate(q.keys):
            alias = K.alias(f"k{index}")
            stmt = stmt.join(alias, and_(alias.c.seq == S.c.seq, alias.c.store_id == store_id,
                                         alias.c.key == key))
        if q.since is not None:
            stmt = stmt.where(S.c.stored > q.since)
        if q.until is not None:
            stmt = stmt.where(S.c.stored <= q.until)
        if q.after_seq is not None:
            stmt = stmt.where(S.c.seq > q.after_seq if q.ascending else S.c.seq < q.after_seq)
        stmt = stmt.order_by(S.c.seq.asc() if q.ascending else S.c.seq.desc()).limit(q.limit + 1)
        with self.engine.connect() as conn:
            return [StoredStatement(*row) for row in conn.execute(stmt)]

    def attachments(self, store_id, sha2s):
        if not sha2s:
            return {}
        with self.engine.connect() as conn:
            rows = conn.execute(select(ATT.c.sha2, ATT.c.content_type, ATT.c.content).where(
                ATT.c.store_id == store_id, ATT.c.sha2.in_(list(sha2s)))).all()
        return {sha2: (ctype, bytes(content)) for sha2, ctype, content in rows}

    def activity(self, store_id, iri):
        with self.engine.connect() as conn:
            row = conn.execute(select(A.c.definition).where(
                A.c.store_id == store_id, A.c.activity_hash == key_hash(iri))).first()
        return orjson.loads(row[0]) if row else None

    def activities(self, store_id, iris):
        hashes = {key_hash(i): i for i in iris}
        if not hashes:
            return {}
        with self.engine.connect() as conn:
            rows = conn.execute(select(A.c.activity_hash, A.c.definition).where(
                A.c.store_id == store_id, A.c.activity_hash.in_(list(hashes)))).all()
        return {hashes[h]: orjson.loads(d) for h, d in rows}
