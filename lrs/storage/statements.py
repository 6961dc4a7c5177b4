"""SQL storage of statements, their filter keys, attachments and activity definitions.

Speed matters here (see benchmarks/README.md): the statements are built once,
at import, with bound parameters, so a request only binds values; a save makes
one read round trip before writing (``_LOOKUP``), and on PostgreSQL the common
case goes through ``postgresql_writes`` (one round trip); a query walks
``ix_statement_keys_lookup`` (store, key, stored, seq), newest first, and stops
at ``limit``.
"""

import functools

import orjson
from sqlalchemy import (
    Integer,
    and_,
    bindparam,
    insert,
    literal_column,
    null,
    or_,
    select,
    union_all,
    update,
)
from sqlalchemy.exc import IntegrityError

from ..errors import Conflict
from ..xapi import filters
from ..xapi.identity import key_hash
from .engine import reader
from .forwarding import INSERT_OUTBOX, outbox_rows
from .models import Activity, Attachment, Statement, StatementKey
from .packets import PacketLimit
from .records import StoredStatement

S = Statement.__table__
K = StatementKey.__table__
A = Activity.__table__
ATT = Attachment.__table__

_STORE = bindparam("b_store")
_IDS = bindparam("ids", expanding=True)
_HASHES = bindparam("hashes", expanding=True)

# What a save must know before it writes, in one round trip: which of the ids
# are stored already (kind 0, with their body, to tell a duplicate from a
# conflict), which stored statements target one of them (kind 1: a StatementRef
# or voiding statement that arrived before its target), and the stored
# definitions of the activities the statements carry (kind 2).
_LOOKUP = union_all(
    select(literal_column("0").label("kind"), S.c.seq, S.c.statement_id.label("ident"),
           S.c.body, S.c.voids, S.c.stored)
    .where(S.c.store_id == _STORE, S.c.statement_id.in_(_IDS)),
    select(literal_column("1"), S.c.seq, S.c.ref_target, null(), S.c.voids, S.c.stored)
    .where(S.c.store_id == _STORE, S.c.ref_target.in_(_IDS)),
    select(literal_column("2"), null(), A.c.activity_hash, A.c.definition, null(), null())
    .where(A.c.store_id == _STORE, A.c.activity_hash.in_(_HASHES)),
)
_INSERT_STATEMENTS = insert(S).returning(S.c.seq, sort_by_parameter_order=True)
_INSERT_KEYS = insert(K)
_VOID = (update(S).where(S.c.store_id == _STORE, S.c.statement_id.in_(_IDS),
                         S.c.voids.is_(None)).values(voided=True))
_TARGET_KEYS = (select(S.c.statement_id, K.c.key).join(K, K.c.seq == S.c.seq)
                .where(S.c.store_id == _STORE, S.c.statement_id.in_(_IDS)))
_KEYS_OF = select(K.c.seq, K.c.key).where(K.c.seq.in_(bindparam("seqs", expanding=True)))
_BODIES = select(S.c.statement_id, S.c.body).where(S.c.store_id == _STORE,
                                                   S.c.statement_id.in_(_IDS))
_BODIES_OF = select(S.c.seq, S.c.body).where(S.c.seq.in_(bindparam("seqs", expanding=True)))
_ACTIVITIES = select(A.c.activity_hash, A.c.definition).where(
    A.c.store_id == _STORE, A.c.activity_hash.in_(bindparam("hashes", expanding=True)))
_INSERT_ACTIVITIES = insert(A)
_UPDATE_ACTIVITY = update(A).where(
    A.c.store_id == _STORE, A.c.activity_hash == bindparam("b_hash")
).values(definition=bindparam("b_definition"))
_GET = select(S.c.seq, S.c.statement_id, S.c.stored, S.c.voided, S.c.body).where(
    S.c.store_id == _STORE, S.c.statement_id == bindparam("statement_id"))
_STORED_OF = select(S.c.stored).where(S.c.seq == bindparam("seq"))


class SQLStatements:
    def __init__(self, engine, pool_size=5):
        self.engine = engine
        self.reader = reader(engine, pool_size)
        self._packets = PacketLimit()
        self.fast = None
        if engine.dialect.name == "postgresql":
            from . import postgresql_writes

            self.fast = postgresql_writes

    # -- writing ---------------------------------------------------------

    def save(self, store_id, records, *, is_same, activities=(), merge_definition=None,
             attachments=(), forward=None):
        """Store a batch atomically; returns the ids actually inserted.

        ``is_same(existing_body, record)`` decides whether an id already stored
        holds the same statement (then it is skipped) or a conflicting one
        (then nothing is stored and Conflict is raised). ``forward`` maps a
        statement id to the forwarding rules it goes to: their outbox rows are
        written in the same transaction, for the statements actually inserted.
        """
        by_hash = _activities_by_hash(activities, merge_definition) if merge_definition else {}
        if self.fast is not None and self.fast.handles(records, attachments):
            try:
                return self.fast.save(self.engine, store_id, records, by_hash,
                                      merge_definition, forward)
            except (self.fast.NeedsGeneralPath, self.fast.IntegrityError):
                pass  # a stored id or StatementRef, or a concurrent insert: the general path
        try:
            with self.engine.begin() as conn:
                return self._save(conn, store_id, records, is_same, by_hash,
                                  merge_definition, attachments, forward)
        except IntegrityError:
            # Another worker stored one of these ids (or activities) between our check
            # and insert: check again, now that its transaction has committed.
            with self.engine.begin() as conn:
                return self._save(conn, store_id, records, is_same, by_hash,
                                  merge_definition, attachments, forward)

    def _save(self, conn, store_id, records, is_same, by_hash, merge_definition, attachments,
              forward=None):
        existing, referrers, definitions = {}, [], {}
        for kind, seq, ident, body, voids, stored in conn.execute(_LOOKUP, {
                "b_store": store_id, "ids": [r.statement_id for r in records],
                "hashes": list(by_hash)}):
            if kind == 0:
                existing[ident] = body
            elif kind == 1:
                referrers.append((seq, ident, voids, stored))
            else:
                definitions[ident] = body
        new = new_records(records, existing, is_same)
        if not new:
            return []
        by_id = {r.statement_id: r for r in new}
        referrers = [r for r in referrers if r[1] in by_id]
        if any(r.ref_target for r in new):
            self._inherit_target_keys(conn, store_id, new, by_id)
        # Voided by a voiding statement that arrived first (a voiding statement itself
        # can't be voided).
        voided_late = {target for _, target, voids, _ in referrers if voids}
        seqs = _insert(conn, store_id, new, voided_late)
        outbox = outbox_rows(new, seqs, forward) if forward else None
        if outbox:
            conn.execute(INSERT_OUTBOX, outbox)
        targets = [r.voids for r in new if r.voids]
        if targets:
            conn.execute(_VOID, {"b_store": store_id, "ids": targets})
        if referrers:
            self._propagate_keys_to_referrers(conn, store_id, referrers, by_id)
        if attachments:
            self._save_attachments(conn, store_id, attachments)
        fresh, changed = activity_writes(store_id, by_hash, definitions, merge_definition)
        if fresh:
            conn.execute(_INSERT_ACTIVITIES, fresh)
        for row in changed:
            conn.execute(_UPDATE_ACTIVITY, row)
        return [r.statement_id for r in new]

    def _inherit_target_keys(self, conn, store_id, new, by_id):
        """A statement targeting another (StatementRef) matches the filters its target matches."""
        targets = list({r.ref_target for r in new if r.ref_target})
        inherited = {}
        for target, key in conn.execute(_TARGET_KEYS, {"b_store": store_id, "ids": targets}):
            inherited.setdefault(target, set()).add(key)
        bodies = dict(conn.execute(_BODIES, {"b_store": store_id, "ids": targets}).all())
        for record in new:
            if record.ref_target:
                record.keys |= inherited.get(record.ref_target, set())
                target_body = bodies.get(record.ref_target)
                # A target within the same batch.
                target = by_id.get(record.ref_target)
                if target is not None and target is not record:
                    record.keys |= target.keys
                    target_body = target.body
                if target_body is not None:
                    record.keys |= filters.cross_keys(orjson.loads(record.body),
                                                      orjson.loads(target_body))

    def _propagate_keys_to_referrers(self, conn, store_id, referrers, by_id):
        """Statements stored earlier that target one of these now match its filters too."""
        have = {}
        for seq, key in conn.execute(_KEYS_OF, {"seqs": [r[0] for r in referrers]}):
            have.setdefault(seq, set()).add(key)
        bodies = dict(conn.execute(_BODIES_OF, {"seqs": [r[0] for r in referrers]}).all())
        rows = []
        for seq, target, _, stored in referrers:
            keys = by_id[target].keys | filters.cross_keys(orjson.loads(bodies[seq]),
                                                           orjson.loads(by_id[target].body))
            rows += [dict(seq=seq, key=key, store_id=store_id, stored=stored)
                     for key in keys - have.get(seq, set())]
        if rows:
            conn.execute(_INSERT_KEYS, rows)

    def _save_attachments(self, conn, store_id, attachments):
        for attachment in attachments:
            self._packets.check(conn, len(attachment.content), "an attachment")
        wanted = {a.sha2: a for a in attachments}
        have = set(conn.execute(select(ATT.c.sha2).where(
            ATT.c.store_id == store_id, ATT.c.sha2.in_(list(wanted)))).scalars())
        rows = [dict(store_id=store_id, sha2=a.sha2, content_type=a.content_type,
                     content=a.content) for sha2, a in wanted.items() if sha2 not in have]
        if rows:
            conn.execute(insert(ATT), rows)

    # -- reading ---------------------------------------------------------

    def get(self, store_id, statement_id):
        with self.reader.connect() as conn:
            row = conn.execute(_GET, {"b_store": store_id,
                                      "statement_id": statement_id}).first()
        return StoredStatement(*row) if row else None

    def query(self, store_id, q):
        """Statements matching every key, newest stored first unless ascending; up to limit+1.

        Order is (stored, seq). See ``_query_statement`` for how the databases walk it.
        """
        with self.reader.connect() as conn:
            after_stored = None
            if q.after_seq is not None:
                after_stored = conn.execute(_STORED_OF, {"seq": q.after_seq}).scalar()
            cursor = None if q.after_seq is None else "seq" if after_stored is None else "stored"
            stmt = _query_statement(len(q.keys), q.since is not None, q.until is not None,
                                    cursor, q.ascending, q.body_contains is not None)
            params = {"b_store": store_id, "since": q.since, "until": q.until,
                      "after_stored": after_stored, "after_seq": q.after_seq,
                      "limit": q.limit + 1, "contains": _like(q.body_contains)}
            params.update({f"key{index}": key for index, key in enumerate(q.keys)})
            return [StoredStatement(*row) for row in conn.execute(stmt, params)]

    def attachments(self, store_id, sha2s):
        if not sha2s:
            return {}
        with self.reader.connect() as conn:
            rows = conn.execute(select(ATT.c.sha2, ATT.c.content_type, ATT.c.content).where(
                ATT.c.store_id == store_id, ATT.c.sha2.in_(list(sha2s)))).all()
        return {sha2: (ctype, bytes(content)) for sha2, ctype, content in rows}

    def activity(self, store_id, iri):
        with self.reader.connect() as conn:
            row = conn.execute(select(A.c.definition).where(
                A.c.store_id == store_id, A.c.activity_hash == key_hash(iri))).first()
        return orjson.loads(row[0]) if row else None

    def activities(self, store_id, iris):
        hashes = {key_hash(i): i for i in iris}
        if not hashes:
            return {}
        with self.reader.connect() as conn:
            rows = conn.execute(_ACTIVITIES, {"b_store": store_id,
                                              "hashes": list(hashes)}).all()
        return {hashes[h]: orjson.loads(d) for h, d in rows}


def _insert(conn, store_id, new, voided_late):
    rows = [dict(store_id=store_id, statement_id=r.statement_id, stored=r.stored,
                 voided=r.voids is None and r.statement_id in voided_late,
                 voids=r.voids, ref_target=r.ref_target, body=r.body)
            for r in new]
    seqs = [row[0] for row in conn.execute(_INSERT_STATEMENTS, rows)]
    key_rows = [dict(seq=seq, key=key, store_id=store_id, stored=record.stored)
                for seq, record in zip(seqs, new, strict=True) for key in record.keys]
    if key_rows:
        conn.execute(_INSERT_KEYS, key_rows)
    return seqs


def _activities_by_hash(activities, merge_definition):
    """The batch's activities by IRI hash, definitions merged in batch order."""
    by_hash = {}
    for activity in activities:
        h = key_hash(activity.iri)
        known = by_hash.get(h)
        if known is None:
            by_hash[h] = activity
        elif known.definition != activity.definition:
            known.definition = merge_definition(known.definition, activity.definition)
    return by_hash


def new_records(records, existing, is_same):
    """The records not stored yet; Conflict when a stored id holds a different statement."""
    new = []
    for record in records:
        body = existing.get(record.statement_id)
        if body is None:
            new.append(record)
        elif not is_same(body, record):
            raise Conflict(
                f"statement {record.statement_id} already exists with different content")
    return new


def activity_writes(store_id, by_hash, definitions, merge_definition):
    """(rows to insert, rows to update) for the activities table: activities seen for
    the first time, and stored definitions that the batch's definitions change."""
    fresh, changed = [], []
    for h, activity in by_hash.items():
        stored_text = definitions.get(h)
        if stored_text is None:
            fresh.append(dict(store_id=store_id, activity_hash=h, iri=activity.iri,
                              definition=orjson.dumps(activity.definition).decode()))
            continue
        current = orjson.loads(stored_text)
        if activity.definition == current:
            continue
        merged = merge_definition(current, activity.definition)
        if merged != current:
            changed.append({"b_store": store_id, "b_hash": h,
                            "b_definition": orjson.dumps(merged).decode()})
    return fresh, changed


def _like(text):
    if text is None:
        return None
    return "%" + text.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%"


def keys_join(key_count):
    """Statements joined to ``key_count`` aliases of their keys: (aliases, the lead table
    whose (stored, seq) order a query walks, the join). Every alias carries the statement's
    ``stored`` and is joined on it, so the database walks one key's index in result order."""
    aliases = [K.alias(f"k{index}") for index in range(key_count)]
    lead = aliases[0] if aliases else S
    joined = lead
    for alias in aliases[1:]:
        joined = joined.join(alias, and_(alias.c.seq == lead.c.seq,
                                         alias.c.stored == lead.c.stored))
    if aliases:
        joined = joined.join(S, and_(S.c.seq == lead.c.seq, S.c.stored == lead.c.stored))
    return aliases, lead, joined


@functools.lru_cache(maxsize=128)
def _query_statement(key_count, since, until, cursor, ascending, contains=False):
    """The query for one shape of request, built once; values are bound per request.

    Every key alias carries the statement's ``stored`` and is joined on it, so the
    database walks a key's index, ``(store, key, stored, seq)``, in result order, with
    ``since``/``until`` as its range, and stops at the limit. PostgreSQL picks the key
    to walk (or merges two walks); MariaDB is told the order (STRAIGHT_JOIN): the first
    key, the others probed by primary key, statements last.
    """
    aliases, lead, joined = keys_join(key_count)
    stmt = (select(S.c.seq, S.c.statement_id, S.c.stored, S.c.voided, S.c.body)
            .select_from(joined)
            .where(S.c.store_id == _STORE, S.c.voided.is_(False))
            .prefix_with("STRAIGHT_JOIN", dialect="mysql")
            .prefix_with("STRAIGHT_JOIN", dialect="mariadb"))
    for index, alias in enumerate(aliases):
        stmt = stmt.where(alias.c.store_id == _STORE, alias.c.key == bindparam(f"key{index}"),
                          *_range(alias, since, until, cursor, ascending))
    if not aliases:
        stmt = stmt.where(*_range(S, since, until, cursor, ascending))
    if contains:
        stmt = stmt.where(S.c.body.like(bindparam("contains"), escape="!"))
    order = (lead.c.stored.asc(), lead.c.seq.asc()) if ascending else (
        lead.c.stored.desc(), lead.c.seq.desc())
    return stmt.order_by(*order).limit(bindparam("limit", type_=Integer()))


def _range(table, since, until, cursor, ascending):
    """since/until and the paging position, as conditions on ``table``'s stored and seq."""
    stored_type = S.c.stored.type
    conditions = []
    if since:
        conditions.append(table.c.stored > bindparam("since", type_=stored_type))
    if until:
        conditions.append(table.c.stored <= bindparam("until", type_=stored_type))
    after_seq = bindparam("after_seq", type_=S.c.seq.type)
    after_stored = bindparam("after_stored", type_=stored_type)
    if cursor == "seq":
        # The cursor's statement is unknown (not of this database): seq alone still bounds it.
        conditions.append(table.c.seq > after_seq if ascending else table.c.seq < after_seq)
    elif cursor == "stored":
        # (stored, seq) past the cursor, written so that `stored` alone bounds the index range.
        if ascending:
            conditions += [table.c.stored >= after_stored,
                           or_(table.c.stored > after_stored, table.c.seq > after_seq)]
        else:
            conditions += [table.c.stored <= after_stored,
                           or_(table.c.stored < after_stored, table.c.seq < after_seq)]
    return conditions
