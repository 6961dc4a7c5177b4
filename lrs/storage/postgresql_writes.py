"""Storing a batch of statements on PostgreSQL in two round trips.

The general path (``statements.SQLStatements._save``) goes through SQLAlchemy
and psycopg's own transaction handling: BEGIN, the lookup, the inserts and
COMMIT are a round trip each, plus SQLAlchemy's per-statement work. Here the
driver connection runs in pipeline mode, so ``BEGIN`` + lookup travel
together, then inserts + ``COMMIT``: a single-statement POST costs two round
trips and a fraction of the CPU. It handles the common case only (no
StatementRefs either way, no attachments); anything else, and any retry, goes
the general path.
"""

import psycopg
from psycopg.pq import TransactionStatus

from .models import Activity, Statement, StatementKey
from .statements import activity_writes, new_records

S, K, A = Statement.__tablename__, StatementKey.__tablename__, Activity.__tablename__

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


def save(engine, store_id, records, is_same, by_hash, merge_definition):
    """Store the batch; returns the ids inserted. Raises NeedsGeneralPath,
    Conflict, or psycopg.IntegrityError (a concurrent insert: retry elsewhere)."""
    pooled = engine.raw_connection()
    try:
        connection = pooled.driver_connection
        connection.autocommit = True  # we send BEGIN/COMMIT ourselves, pipelined
        try:
            return _save(connection, store_id, records, is_same, by_hash, merge_definition)
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


def _save(connection, store_id, records, is_same, by_hash, merge_definition):
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
        for row in fresh:
            cursor.execute(INSERT_ACTIVITY, row)
        for row in changed:
            cursor.execute(UPDATE_ACTIVITY, row)
        cursor.execute("COMMIT")
    return [r.statement_id for r in new]
