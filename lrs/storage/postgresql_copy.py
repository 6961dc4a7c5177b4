"""Import's fast path on PostgreSQL: a run of plain statements and their keys through COPY.

Plain means no StatementRef either way (see ``bulk._runs``): nothing to inherit,
nothing to void. The seqs are drawn from the statements' sequence first, in file
order, so the keys can be written in the same go and stored order (stored, seq)
follows the file. Runs inside the caller's transaction, on its connection.
"""

import psycopg

from .models import ForwardOutbox, Statement, StatementKey

S, K = Statement.__tablename__, StatementKey.__tablename__
O = ForwardOutbox.__tablename__  # noqa: E741

NEXT_SEQS = (f"SELECT nextval(pg_get_serial_sequence('{S}', 'seq')) "
             f"FROM generate_series(1, %s)")
COPY_STATEMENTS = (f"COPY {S} (seq, store_id, statement_id, stored, voided, voids, "
                   f"ref_target, body) FROM STDIN")
COPY_KEYS = f"COPY {K} (seq, key, store_id, stored) FROM STDIN"
COPY_OUTBOX = f"COPY {O} (rule_id, statement_seq) FROM STDIN"
IntegrityError = psycopg.IntegrityError  # another writer stored one of the ids meanwhile


def insert(conn, store_id, records, forward=None):
    """Insert ``records`` (none stored yet, none a StatementRef) with their keys, and the
    outbox rows of those ``forward`` sends on ({statement id: [rule ids]})."""
    cursor = conn.connection.driver_connection.cursor()
    cursor.execute(NEXT_SEQS, (len(records),))
    seqs = [row[0] for row in cursor.fetchall()]
    statement_rows, key_rows = [], []
    store = str(store_id)
    instants = {}  # statements stored together share their `stored`
    for seq, record in zip(seqs, records, strict=True):
        stored = instants.get(record.stored)
        if stored is None:
            stored = instants[record.stored] = record.stored.isoformat()
        body = record.body
        if "\\" in body or "\t" in body or "\n" in body or "\r" in body:
            body = _escaped(body)
        statement_rows.append(f"{seq}\t{store}\t{record.statement_id}\t{stored}\tf\t\\N\t\\N\t"
                              f"{body}\n")
        if record.keys:
            tail = f"\t{store}\t{stored}\n"
            key_rows.append(f"{seq}\t" + f"{tail}{seq}\t".join(record.keys) + tail)
    with cursor.copy(COPY_STATEMENTS) as copy:
        copy.write("".join(statement_rows))
    if key_rows:
        with cursor.copy(COPY_KEYS) as copy:
            copy.write("".join(key_rows))
    outbox = [f"{rule_id}\t{seq}\n" for seq, record in zip(seqs, records, strict=True)
              for rule_id in (forward or {}).get(record.statement_id, ())]
    if outbox:
        with cursor.copy(COPY_OUTBOX) as copy:
            copy.write("".join(outbox))
    cursor.close()


def _escaped(text):
    """COPY's text format: backslash, newline, carriage return and tab are escaped."""
    return (text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")
            .replace("\t", "\\t"))


# The batch's ids as one array parameter: no per-id placeholders to expand and parse.
LOOKUP = f"""
SELECT 0, statement_id, body FROM {S}
 WHERE store_id = %(store)s AND statement_id = ANY(%(ids)s)
UNION ALL
SELECT 1, ref_target, NULL FROM {S}
 WHERE store_id = %(store)s AND ref_target = ANY(%(ids)s)
"""


def lookup(conn, store_id, ids):
    """({id: stored body} of the ids stored already, {ids a stored statement targets})."""
    cursor = conn.connection.driver_connection.cursor()
    existing, referred = {}, set()
    for kind, ident, body in cursor.execute(LOOKUP, {"store": store_id, "ids": list(ids)}):
        if kind == 0:
            existing[ident] = body
        else:
            referred.add(ident)
    cursor.close()
    return existing, referred


def relax_commit(conn):
    """This transaction's COMMIT doesn't wait for the WAL flush. Safe for an import: the
    checkpoint commits with its batch, so a crash that loses the last batches loses
    their checkpoint too, and the next run imports them again."""
    conn.exec_driver_sql("SET LOCAL synchronous_commit = off")
