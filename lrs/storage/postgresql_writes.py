"""Storing a batch of statements on PostgreSQL in one round trip.

The general path (``statements.SQLStatements._save``) goes through SQLAlchemy
and psycopg's own transaction handling: BEGIN, the lookup, the inserts and
COMMIT are a round trip each, plus SQLAlchemy's per-statement work. Here the
common case (no StatementRefs either way, no attachments) is one SQL statement
in autocommit (``AT_ONCE``): it inserts the statements, their keys, outbox rows
and first-seen activities only if none of the ids is stored yet and no stored
statement refers to one of them, and returns what stood in the way and the
stored definitions of the batch's activities. A stored definition the batch
changes costs a second statement. Anything else (an id already stored, as when a
client resends; StatementRefs; attachments) and any retry goes the general path,
which tells duplicates from conflicts.
"""

import orjson
import psycopg

from .models import Activity, ForwardOutbox, Statement, StatementKey
from .statements import activity_writes

S, K, A = Statement.__tablename__, StatementKey.__tablename__, Activity.__tablename__
O = ForwardOutbox.__tablename__  # noqa: E741

# Ids, hashes and keys are hex and UUIDs: comma-joined, split by the server in C.
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
UPDATE_ACTIVITY = (f"UPDATE {A} SET definition = %(b_definition)s "
                   f"WHERE store_id = %(b_store)s AND activity_hash = %(b_hash)s")
IntegrityError = psycopg.IntegrityError


class NeedsGeneralPath(Exception):
    """An id is stored already, or a stored statement refers to one: the general path."""


def handles(records, attachments):
    # Ids are validated UUIDs; the comma check only guards the comma-joined transport.
    return not attachments and not any(r.ref_target or "," in r.statement_id
                                       for r in records)


def save(engine, store_id, records, by_hash, merge_definition, forward=None):
    """Store the batch; returns the ids inserted. Raises NeedsGeneralPath (nothing
    written) or psycopg.IntegrityError (a concurrent insert: retry elsewhere)."""
    pooled = engine.raw_connection()
    try:
        connection = pooled.driver_connection
        connection.autocommit = True  # one statement: its own transaction
        try:
            return _save_at_once(connection, store_id, records, by_hash, merge_definition,
                                 forward)
        finally:
            connection.autocommit = False
    except psycopg.OperationalError:
        pooled.invalidate()
        raise
    finally:
        pooled.close()


def _save_at_once(connection, store_id, records, by_hash, merge_definition, forward):
    """The ids inserted; NeedsGeneralPath (nothing written) when an id is stored already
    or a stored statement refers to one of them."""
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
        if kind in (0, 1):
            raise NeedsGeneralPath()
        definitions[ident] = definition
    if definitions:
        _, changed = activity_writes(store_id, {h: by_hash[h] for h in definitions},
                                     definitions, merge_definition)
        for row in changed:
            connection.execute(UPDATE_ACTIVITY, row)
    return [r.statement_id for r in records]

