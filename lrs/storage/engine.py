"""Engines for the three databases; every dialect difference of connection set-up lives here."""

import time

from sqlalchemy import create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DisconnectionError

# A pooled connection idle longer than this is pinged before use (see _ping_after_idle).
PING_AFTER_IDLE_SECONDS = 5


def normalise_url(url: str) -> str:
    """Pick the drivers we ship: psycopg 3 for PostgreSQL, PyMySQL for MariaDB/MySQL."""
    parsed = make_url(url)
    driver = parsed.drivername
    if driver in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    elif driver in ("mysql", "mariadb"):
        parsed = parsed.set(drivername=driver + "+pymysql")
    if parsed.get_backend_name() in ("mysql", "mariadb") and "charset" not in parsed.query:
        parsed = parsed.update_query_dict({"charset": "utf8mb4"})
    return parsed.render_as_string(hide_password=False)


def make_engine(url: str, *, echo=False, pool_size=5):
    url = normalise_url(url)
    backend = make_url(url).get_backend_name()
    kwargs = {"echo": echo, "future": True}
    if backend == "sqlite":
        kwargs["connect_args"] = {"timeout": 30, "check_same_thread": False}
    else:
        kwargs["pool_recycle"] = 1800
    if backend == "postgresql":
        kwargs["connect_args"] = {"options": WRITER_PLANNER_OPTIONS}
    if make_url(url).database not in (None, "", ":memory:"):  # not SQLite's one-connection pool
        kwargs.update(pool_size=pool_size, max_overflow=10)
    engine = create_engine(url, **kwargs)
    if backend != "sqlite":
        _ping_after_idle(engine)
    if backend == "sqlite":
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
    elif backend in ("mysql", "mariadb"):
        event.listen(engine, "connect", _mysql_on_connect)
    return engine


# The one-statement write of postgresql_writes is prepared by psycopg, but under the
# default plan_cache_mode PostgreSQL plans it anew on every execution: its generic plan
# (the same for any batch) looks costlier than a plan for one batch's values, since it
# can't know the arrays are short. Planning cost half of PostgreSQL's CPU per single-
# statement POST (0.70 ms with, 0.37 ms without). Writes and lookups by key, all this
# engine runs (statement queries have the reader's), gain nothing from custom plans.
WRITER_PLANNER_OPTIONS = "-c plan_cache_mode=force_generic_plan"

# Statement queries are a LIMIT over keys walked in (stored, seq) order. Right after
# a bulk load, or for `since` past the last ANALYZE's histogram, PostgreSQL can
# estimate a handful of rows and pick a hash join or a bitmap scan plus sort that
# reads every matching row (0.9 s instead of 2 ms over 1M statements). With these
# off for the read connections, it walks the indexes in order and stops at LIMIT.
# psycopg prepares repeated statements; a generic plan can't see which key is rare
# (p95 27 ms instead of 12 ms over 1M statements): plan each query for its values.
READER_PLANNER_OPTIONS = ("-c enable_hashjoin=off -c enable_bitmapscan=off -c enable_sort=off "
                         "-c plan_cache_mode=force_custom_plan")


def reader(engine, pool_size=5):
    """The engine for statement reads.

    On PostgreSQL, a pool of its own: autocommit (psycopg otherwise spends a round
    trip on BEGIN and another on ROLLBACK around each read) and the planner options
    above. Elsewhere, the engine itself (PyMySQL starts transactions implicitly).
    """
    if engine.dialect.name != "postgresql":
        return engine
    read_engine = create_engine(
        engine.url, echo=engine.echo, isolation_level="AUTOCOMMIT", pool_recycle=1800,
        pool_size=pool_size, max_overflow=5, connect_args={"options": READER_PLANNER_OPTIONS})
    _ping_after_idle(read_engine)
    return read_engine


def _ping_after_idle(engine):
    """Check a pooled connection before use only when it sat idle for a while.

    A ping on every checkout (pool_pre_ping) costs a round trip per request; under
    load connections come back to work within milliseconds, and a connection the
    server dropped (restart, idle timeout) has been idle, so it is the one pinged.
    A failed ping makes the pool open a fresh connection instead.
    """

    @event.listens_for(engine.pool, "checkin")
    def _checkin(_dbapi_connection, record):
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine.pool, "checkout")
    def _checkout(dbapi_connection, record, _proxy):
        idle_since = record.info.get("idle_since")
        if idle_since is None or time.monotonic() - idle_since < PING_AFTER_IDLE_SECONDS:
            return
        try:
            alive = engine.dialect.do_ping(dbapi_connection)
        except Exception:
            alive = False
        if not alive:
            raise DisconnectionError("pooled connection failed its ping")


def _sqlite_on_connect(dbapi_connection, _record):
    # Let SQLAlchemy emit BEGIN itself, so a write transaction takes its lock up front.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _sqlite_on_begin(connection):
    # IMMEDIATE avoids SQLITE_BUSY deadlocks between concurrent writers (several gunicorn workers).
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def _mysql_on_connect(dbapi_connection, _record):
    cursor = dbapi_connection.cursor()
    cursor.execute("SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION'")
    cursor.execute("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED")
    cursor.close()
