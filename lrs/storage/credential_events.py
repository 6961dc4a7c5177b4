"""PostgreSQL: credential changes pushed to every worker when they commit (LISTEN/NOTIFY).

``revoke``, ``rotate`` and ``set_limits`` send ``pg_notify(CHANNEL, key)`` in the
transaction that makes the change, so the notice goes out at commit, and only if it
commits. Each worker process that wants them has one ``Listener``: a connection of its
own (autocommit, ``application_name`` = ``APPLICATION_NAME`` and the worker's pid)
waiting in a daemon thread, which hands each changed key to ``on_change``.

``live`` is true only while that connection is listening and caught up; the worker
trusts its cache of verified secrets only then (see lrs.service.auth). After a
(re)connection ``on_connect`` runs after LISTEN took effect and before ``live`` turns
true: a change committed before LISTEN is in what ``on_connect`` reads, one committed
after is notified; nothing made during the gap is missed.

The other databases have no such notices: their workers look the credential up on
every request instead (SQLCredentials.version), through ``Lookup``, which reads outside
a transaction to keep that lookup cheap.
"""

import logging
import os
import random
import threading
import weakref

import psycopg
from sqlalchemy import func, select

log = logging.getLogger("lrs.auth")

CHANNEL = "lrs_credentials"
APPLICATION_NAME = "lrs-credential-listener"
# Reconnection: first wait, doubled after each failure up to the longest (with jitter).
RETRY_SECONDS, RETRY_MAX_SECONDS = 0.5, 30.0
# How long the thread waits for a notice before it looks whether it was asked to stop.
WAKE_SECONDS = 0.5
# A dead peer (host gone, no FIN) is noticed within about idle + interval * count seconds.
KEEPALIVES = {"keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 5,
              "keepalives_count": 3}

_listeners = weakref.WeakSet()
# Connections a forked child inherited: never closed there (closing would end the
# parent's session on the server), only kept from being garbage-collected.
_inherited = []


def announce(conn, key):
    """Tell every listener that ``key`` changed once ``conn``'s transaction commits."""
    if conn.dialect.name == "postgresql":
        conn.execute(select(func.pg_notify(CHANNEL, key)))


def listener_for(engine, *, on_change, on_connect):
    """A (not yet started) listener on ``engine``'s database; None where there are no notices."""
    if engine.dialect.name != "postgresql":
        return None
    _args, params = engine.dialect.create_connect_args(engine.url)
    return Listener(dict(params, **KEEPALIVES, autocommit=True),
                    on_change=on_change, on_connect=on_connect)


class Lookup:
    """A one-row query run on a pooled connection outside a transaction, for every request.

    Through SQLAlchemy a read opens a transaction: on SQLite ``BEGIN IMMEDIATE`` (the
    write lock, see engine.py) and on PostgreSQL a BEGIN and a ROLLBACK round trip.
    Measured per lookup: SQLite 138 -> 19 us, PostgreSQL 300 -> 104 us, MariaDB 259 ->
    197 us (PyMySQL still opens one implicitly and the pool rolls it back).
    """

    def __init__(self, engine, query):
        compiled = query.compile(dialect=engine.dialect)
        self._engine = engine
        self._sql = str(compiled)
        self._order = compiled.positiontup if engine.dialect.positional else None
        self._autocommit = engine.dialect.name == "postgresql"

    def first(self, **params):
        args = tuple(params[name] for name in self._order) if self._order else params
        pooled = self._engine.raw_connection()
        try:
            conn = pooled.driver_connection
            if self._autocommit:
                conn.autocommit = True  # (the pool hands connections back idle)
            try:
                cursor = conn.cursor()
                cursor.execute(self._sql, args)
                row = cursor.fetchone()
                cursor.close()
            finally:
                if self._autocommit:
                    conn.autocommit = False
        except Exception:
            pooled.invalidate()  # a connection that failed here is not handed out again
            raise
        pooled.close()
        return row


class Listener:
    def __init__(self, connect_params, *, on_change, on_connect):
        self._params = connect_params
        self._on_change = on_change      # (key) -> None, from the listener thread
        self._on_connect = on_connect    # () -> None, after LISTEN, before live
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread = None
        self._pid = None
        self._conn = None
        self.live = False
        _listeners.add(self)

    def start(self):
        """Start the thread in this process unless it runs already (cheap when it does)."""
        if self._thread is not None and self._pid == os.getpid():
            return
        with self._lock:
            if (self._thread is not None and self._pid == os.getpid()) or self._stop.is_set():
                return
            self._pid = os.getpid()
            self._thread = threading.Thread(target=self._run, name="lrs-credential-listener",
                                            daemon=True)
            self._thread.start()

    def close(self, timeout=5):
        self.live = False
        self._stop.set()
        thread = self._thread
        if thread is not None and self._pid == os.getpid() and thread.is_alive():
            thread.join(timeout)

    def _run(self):
        delay = RETRY_SECONDS
        while not self._stop.is_set():
            try:
                self._listen()
                delay = RETRY_SECONDS  # it was connected: start over from a short wait
            except Exception as exc:  # noqa: BLE001 — any failure: not live, retry later
                self.live = False
                if self._stop.is_set():
                    break
                log.warning("credential listener not connected (%s: %s); credentials are "
                            "looked up per request until it is back", type(exc).__name__, exc)
                self._stop.wait(delay * (0.5 + random.random() / 2))
                delay = min(delay * 2, RETRY_MAX_SECONDS)
            finally:
                self.live = False
                self._close_connection()

    def _listen(self):
        # Named with the worker's pid: an operator (or a test) can tell whose it is.
        self._conn = psycopg.connect(**self._params,
                                     application_name=f"{APPLICATION_NAME} {os.getpid()}")
        self._conn.execute(f"LISTEN {CHANNEL}")
        self._on_connect()
        # Notices that arrived while on_connect read the database: take them in first.
        for notice in self._conn.notifies(timeout=0):
            self._on_change(notice.payload)
        self.live = True
        while not self._stop.is_set():
            for notice in self._conn.notifies(timeout=WAKE_SECONDS):
                self._on_change(notice.payload)
        self.live = False

    def _close_connection(self):
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                conn.close()
            except Exception:  # noqa: BLE001 — a broken connection is closed anyway
                pass

    def _forked(self):
        """In a forked child: the thread is not there, the connection is the parent's."""
        self.live = False
        self._thread = None
        if self._conn is not None:
            _inherited.append(self._conn)
            self._conn = None


def _after_fork_in_child():
    for listener in list(_listeners):
        listener._forked()


os.register_at_fork(after_in_child=_after_fork_in_child)
