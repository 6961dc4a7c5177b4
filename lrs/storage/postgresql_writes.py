"""Storing a batch of statements on PostgreSQL in one round trip, or two.

The general path (``statements.SQLStatements._save``) goes through SQLAlchemy
and psycopg's own transaction handling: BEGIN, the lookup, the inserts and
COMMIT are a round trip each, plus SQLAlchemy's per-statement work. Here the
common case (no StatementRefs either way, no attachments) is one SQL statement
in autocommit (``AT_ONCE``): it inserts the statements, their keys, outbox rows
and first-seen activities only if none of the ids is stored yet and no stored
statement refers to one of them, and returns what stood in the way and the
stored definitions of the batch's activities. A stored definition the batch
changes costs a second statement. When an id is already stored (a client
resending), the two-round-trip pipeline below sorts duplicates from conflicts.
Anything else, and any retry, goes the general path.
"""

import orjson
import psycopg
from psycopg.pq import TransactionStatus

from .models import Activity, ForwardOutbox, Statement, StatementKey
from .statements import activity_writes, new_records

S, K, A = Statement.__tablename__, StatementKey.__tablename__, Activity.__tablename__
O = ForwardOutbox.__tablename__  # noqa: E741

# Ids, hashes and keys are hex and UUIDs: comma-joined, split by the server in C.
LOOKUP = f"""
SELECT 0, seq, statement_id, body, voids FROM {S}
 WHERE store_id = %(store)s AND statement_id = ANY(string_to_array(%(ids)s, ','))
UNION ALL
SELECT 1, seq, ref_target, NULL, voids FROM {S}
 WHERE store_id = %(store)s AND ref_target = ANY(string_to_array(%(ids)s, ','))
UNION ALL
SELECT 2, NULL, activity_hash, definition, NULL FROM {A}
 WHERE store_id = %(store)s AND activity_hash = ANY(string_to_array(%(hashes)s, ','))
"""

# A batch's statements and all their keys in one statement (one plan however large
# the batch). The bodies travel as one JSON array: ``json`` keeps each element's
# text exactly as sent (json_array_elements, not the _text variant, which would
# decode escapes and refuses \u0000). The new seqs flow from the first INSERT's
# RETURNING.
INSERT = f"""
WITH new AS (
    INSERT INTO {S} (store_id, statement_id, stored, voided, voids, ref_target, body)
    SELECT %(store)s, i.statement_id, i.stored, false, NULL, NULL, CAST(b.body AS text)
    FROM unnest(string_to_array(%(ids)s, ','),
                CAST(string_to_array(%(stored)s, ',') AS timestamp[]))
         WITH ORDINALITY AS i(statement_id, stored, n)
    JOIN json_array_elements(CAST(%(bodies)s AS json)) WITH ORDINALITY AS b(body, n)
         ON b.n = i.n
    ORDER BY i.n
    RETURNING seq, statement_id, stored
)
INSERT INTO {K} (seq, key, store_id, stored)
SELECT new.seq, k.key, %(store)s, new.stored
FROM new JOIN unnest(string_to_array(%(key_ids)s, ','), string_to_array(%(keys)s, ','))
     AS k(statement_id, key) ON k.statement_id = new.statement_id
"""
# Forwarding: the outbox rows of the statements just inserted (same transaction; the
# seqs are looked up by id, as the INSERT above doesn't hand them over).
INSERT_OUTBOX = f"""
INSERT INTO {O} (rule_id, statement_seq)
SELECT f.rule_id, s.seq
FROM unnest(string_to_array(%(f_ids)s, ','), CAST(string_to_array(%(f_rules)s, ',') AS int[]))
     AS f(statement_id, rule_id)
JOIN {S} s ON s.store_id = %(store)s AND s.statement_id = f.statement_id
"""
# Everything of the common case in one statement. The final SELECT sees the table as it
# was before the statement (data-modifying CTEs share one snapshot), so its kind-2 rows
# are the definitions stored before this batch: those the batch may change.
AT_ONCE = f"""
WITH blockers AS (
    SELECT 0 AS kind, statement_id AS ident FROM {S}
     WHERE store_id = %(store)s AND statement_id = ANY(string_to_array(%(ids)s, ','))
    UNION ALL
    SELECT 1, ref_target FROM {S}
     WHERE store_id = %(store)s AND ref_target = ANY(string_to_array(%(ids)s, ','))
), new AS (
    INSERT INTO {S} (store_id, statement_id, stored, voided, voids, ref_target, body)
    SELECT %(store)s, i.statement_id, i.stored, false, NULL, NULL, CAST(b.body AS text)
    FROM unnest(string_to_array(%(ids)s, ','),
                CAST(string_to_array(%(stored)s, ',') AS timestamp[]))
         WITH ORDINALITY AS i(statement_id, stored, n)
    JOIN json_array_elements(CAST(%(bodies)s AS json)) WITH ORDINALITY AS b(body, n)
         ON b.n = i.n
    WHERE NOT EXISTS (SELECT 1 FROM blockers)
    ORDER BY i.n
    RETURNING seq, statement_id, stored
), new_keys AS (
    INSERT INTO {K} (seq, key, store_id, stored)
    SELECT new.seq, k.key, %(store)s, new.stored
    FROM new JOIN unnest(string_to_array(%(key_ids)s, ','), string_to_array(%(keys)s, ','))
         AS k(statement_id, key) ON k.statement_id = new.statement_id
), new_outbox AS (
    INSERT INTO {O} (rule_id, statement_seq)
    SELECT f.rule_id, new.seq
    FROM new JOIN unnest(string_to_array(%(f_ids)s, ','),
                         CAST(string_to_array(%(f_rules)s, ',') AS int[]))
         AS f(statement_id, rule_id) ON f.statement_id = new.statement_id
), new_activities AS (
    INSERT INTO {A} (store_id, activity_hash, iri, definition)
    SELECT %(store)s, h.hash, CAST(i.iri AS text), CAST(d.definition AS text)
    FROM unnest(string_to_array(%(hashes)s, ',')) WITH ORDINALITY AS h(hash, n)
    JOIN json_array_elements_text(CAST(%(iris)s AS json)) WITH ORDINALITY AS i(iri, n)
         ON i.n = h.n
    JOIN json_array_elements(CAST(%(definitions)s AS json)) WITH ORDINALITY
         AS d(definition, n) ON d.n = h.n
    WHERE NOT EXISTS (SELECT 1 FROM blockers)
    ON CONFLICT DO NOTHING
)
SELECT kind, ident, NULL FROM blockers
UNION ALL
SELECT 2, activity_hash, definition FROM {A}
 WHERE store_id = %(store)s AND activity_hash = ANY(string_to_array(%(hashes)s, ','))
"""
# Parameter names as statements.activity_writes produces them.
INSERT_ACTIVITY = (f"INSERT INTO {A} (store_id, activity_hash, iri, definition) "
                   f"VALUES (%(store_id)s, %(activity_hash)s, %(iri)s, %(definition)s)")
UPDATE_ACTIVITY = (f"UPDATE {A} SET definition = %(b_definition)s "
                   f"WHERE store_id = %(b_store)s AND activity_hash = %(b_hash)s")
IntegrityError = psycopg.IntegrityError


class NeedsGeneralPath(Exception):
    """The batch involves StatementRefs: the general path handles it."""


def handles(records, attachments):
    # Ids are validated UUIDs; the comma check only guards the comma-joined transport.
    return not attachments and not any(r.ref_target or "," in r.statement_id
                                       for r in records)


def save(engine, store_id, records, is_same, by_hash, merge_definition, forward=None):
    """Store the batch; returns the ids inserted. Raises NeedsGeneralPath,
    Conflict, or psycopg.IntegrityError (a concurrent insert: retry elsewhere)."""
    pooled = engine.raw_connection()
    try:
        connection = pooled.driver_connection
        connection.autocommit = True  # one statement, or BEGIN/COMMIT ourselves, pipelined
        try:
            inserted = _save_at_once(connection, store_id, records, by_hash, merge_definition,
                                     forward)
            if inserted is None:  # some id is stored already: duplicates or a conflict
                inserted = _save(connection, store_id, records, is_same, by_hash,
                                 merge_definition, forward)
            return inserted
        except BaseException:
            if connection.info.transaction_status != TransactionStatus.IDLE:
                connection.execute("ROLLBACK")
            raise
        finally:
            connection.autocommit = False
    except psycopg.OperationalError:
        pooled.invalidate()
        raise
    finally:
        pooled.close()


def _save_at_once(connection, store_id, records, by_hash, merge_definition, forward):
    """The ids inserted, or None when one of the ids is stored already (nothing written)."""
    key_ids, keys = [], []
    for record in records:
        key_ids += [record.statement_id] * len(record.keys)
        keys += record.keys
    pairs = [(record.statement_id, str(rule_id)) for record in records
             for rule_id in (forward or {}).get(record.statement_id, ())]
    activities = list(by_hash.values())
    rows = connection.execute(AT_ONCE, {
        "store": store_id, "ids": ",".join(r.statement_id for r in records),
        "stored": ",".join(r.stored.isoformat() for r in records),
        "bodies": "[" + ",".join(r.body for r in records) + "]",
        "key_ids": ",".join(key_ids), "keys": ",".join(keys),
        "f_ids": ",".join(p[0] for p in pairs), "f_rules": ",".join(p[1] for p in pairs),
        "hashes": ",".join(by_hash),
        "iris": orjson.dumps([a.iri for a in activities]).decode(),
        "definitions": orjson.dumps([a.definition for a in activities]).decode(),
    }).fetchall()
    definitions = {}
    for kind, ident, definition in rows:
        if kind == 1:
            raise NeedsGeneralPath()  # a stored statement targets one of these
        if kind == 0:
            return None
        definitions[ident] = definition
    if definitions:
        _, changed = activity_writes(store_id, {h: by_hash[h] for h in definitions},
                                     definitions, merge_definition)
        for row in changed:
            connection.execute(UPDATE_ACTIVITY, row)
    return [r.statement_id for r in records]


def _save(connection, store_id, records, is_same, by_hash, merge_definition, forward):
    ids = [r.statement_id for r in records]
    with connection.pipeline():
        cursor = connection.cursor()
        cursor.execute("BEGIN")
        cursor.execute(LOOKUP, {"store": store_id, "ids": ",".join(ids),
                                "hashes": ",".join(by_hash)})
        rows = cursor.fetchall()
    existing, definitions = {}, {}
    for kind, _seq, ident, body, _voids in rows:
        if kind == 0:
            existing[ident] = body
        elif kind == 1:
            raise NeedsGeneralPath()  # a stored statement targets one of these
        else:
            definitions[ident] = body
    new = new_records(records, existing, is_same)
    if not new:
        connection.execute("ROLLBACK")
        return []
    key_ids, keys = [], []
    for record in new:
        key_ids += [record.statement_id] * len(record.keys)
        keys += record.keys
    fresh, changed = activity_writes(store_id, by_hash, definitions, merge_definition)
    with connection.pipeline():
        cursor = connection.cursor()
        cursor.execute(INSERT, {
            "store": store_id, "ids": ",".join(r.statement_id for r in new),
            "stored": ",".join(r.stored.isoformat() for r in new),
            "bodies": "[" + ",".join(r.body for r in new) + "]",
            "key_ids": ",".join(key_ids), "keys": ",".join(keys)})
        if forward:
            _enqueue(cursor, store_id, new, forward)
        for row in fresh:
            cursor.execute(INSERT_ACTIVITY, row)
        for row in changed:
            cursor.execute(UPDATE_ACTIVITY, row)
        cursor.execute("COMMIT")
    return [r.statement_id for r in new]


def _enqueue(cursor, store_id, new, forward):
    pairs = [(record.statement_id, str(rule_id)) for record in new
             for rule_id in forward.get(record.statement_id, ())]
    if pairs:
        cursor.execute(INSERT_OUTBOX, {"store": store_id,
                                       "f_ids": ",".join(p[0] for p in pairs),
                                       "f_rules": ",".join(p[1] for p in pairs)})
