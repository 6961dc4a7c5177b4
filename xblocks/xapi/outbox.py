"""A durable outbox: statements wait in a SQLite file until the LRS has accepted them.

Several processes (LMS workers) may share one file; a sender leases rows before sending so two
senders never post the same batch at once. A statement leaves the file only after the LRS said
yes; one the LRS refuses for good stays, marked ``rejected``, for an operator to look at.
"""

import json
import os
import random
import sqlite3
import time
from contextlib import closing

SCHEMA = """
CREATE TABLE IF NOT EXISTS outbox (
    id TEXT PRIMARY KEY,
    body TEXT NOT NULL,
    created REAL NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt REAL NOT NULL,
    lease_until REAL NOT NULL DEFAULT 0,
    state TEXT NOT NULL DEFAULT 'pending',
    last_error TEXT
);
CREATE INDEX IF NOT EXISTS outbox_due ON outbox (state, next_attempt);
"""


def backoff_seconds(attempts, ceiling):
    """Exponential backoff with jitter: about 1, 2, 4 ... seconds, never above ``ceiling``."""
    return min(ceiling, 2 ** max(attempts - 1, 0)) * random.uniform(0.75, 1.0)


class Outbox:
    def __init__(self, path, retry_max_seconds=300.0):
        self.path = path
        self.retry_max_seconds = retry_max_seconds
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        with closing(self._connect()) as conn, conn:
            conn.executescript(SCHEMA)

    def _connect(self):
        conn = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        # WAL lets page requests append while the sender reads; FULL makes a commit survive
        # a power cut, which is the whole point of an outbox.
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        return conn

    def add(self, statements):
        """Keep statements (dicts with an ``id``) until delivered; adding twice is harmless."""
        now = time.time()
        rows = [(s["id"], json.dumps(s, separators=(",", ":")), now, now) for s in statements]
        with closing(self._connect()) as conn:
            conn.executemany("INSERT OR IGNORE INTO outbox (id, body, created, next_attempt) "
                             "VALUES (?, ?, ?, ?)", rows)

    def claim(self, limit=50, lease_seconds=60):
        """Lease up to ``limit`` due statements, oldest first: ``[(id, statement dict)]``."""
        now = time.time()
        with closing(self._connect()) as conn:
            conn.execute("BEGIN IMMEDIATE")
            rows = conn.execute(
                "SELECT id, body FROM outbox WHERE state = 'pending' AND next_attempt <= ? "
                "AND lease_until <= ? ORDER BY created, id LIMIT ?", (now, now, limit)).fetchall()
            conn.executemany("UPDATE outbox SET lease_until = ? WHERE id = ?",
                             [(now + lease_seconds, row[0]) for row in rows])
            conn.execute("COMMIT")
        return [(row[0], json.loads(row[1])) for row in rows]

    def delivered(self, ids):
        with closing(self._connect()) as conn:
            conn.executemany("DELETE FROM outbox WHERE id = ?", [(i,) for i in ids])

    def retry_later(self, ids, error):
        with closing(self._connect()) as conn:
            conn.execute("BEGIN IMMEDIATE")
            for statement_id in ids:
                row = conn.execute("SELECT attempts FROM outbox WHERE id = ?",
                                   (statement_id,)).fetchone()
                if row is None:
                    continue
                attempts = row[0] + 1
                conn.execute(
                    "UPDATE outbox SET attempts = ?, next_attempt = ?, lease_until = 0, "
                    "last_error = ? WHERE id = ?",
                    (attempts, time.time() + backoff_seconds(attempts, self.retry_max_seconds),
                     str(error)[:500], statement_id))
            conn.execute("COMMIT")

    def reject(self, ids, error):
        """The LRS refused these for good (invalid): keep them aside, never resend."""
        with closing(self._connect()) as conn:
            conn.executemany("UPDATE outbox SET state = 'rejected', lease_until = 0, "
                             "last_error = ? WHERE id = ?", [(str(error)[:500], i) for i in ids])

    def next_due_in(self):
        """Seconds until the next pending statement is due (None when nothing is pending)."""
        with closing(self._connect()) as conn:
            row = conn.execute("SELECT MIN(MAX(next_attempt, lease_until)) FROM outbox "
                               "WHERE state = 'pending'").fetchone()
        return None if row[0] is None else max(0.0, row[0] - time.time())

    def counts(self):
        """``{"pending": n, "rejected": m}``."""
        with closing(self._connect()) as conn:
            rows = conn.execute("SELECT state, COUNT(*) FROM outbox GROUP BY state").fetchall()
        return {"pending": 0, "rejected": 0, **dict(rows)}
