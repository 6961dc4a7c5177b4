"""Configuration: defaults, then the instance file ``lrs.cfg``, then ``LRS_*`` variables."""

import os

from flask import Flask

DEFAULTS = {
    # None means "a SQLite file in the instance folder"; see database_url().
    "DATABASE_URL": None,
    # Largest request body accepted, in bytes (413 above it).
    "MAX_BODY_BYTES": 20 * 1024 * 1024,
    # Most statements a single GET returns; a client's `limit` is capped by it.
    "STATEMENT_PAGE_LIMIT": 500,
    # How long a verified secret stays in the in-memory cache, in seconds.
    "AUTH_CACHE_SECONDS": 300,
    # PostgreSQL, in `lrs serve` workers: learn of revoked, rotated or re-limited credentials
    # through LISTEN/NOTIFY (a connection per worker) instead of one lookup per request.
    # Off for poolers that don't carry LISTEN (PgBouncer in transaction mode).
    "AUTH_CHANGE_LISTENER": True,
    # Allowed CORS origins; "*" answers any origin.
    "CORS_ORIGINS": "*",
    # Public base URL of the LRS, used as the homePage of authority accounts.
    "PUBLIC_URL": "http://127.0.0.1:8080",
    # Other WSGI apps on the same host: "/PREFIX=module:factory ..." (see lrs.mounts).
    "MOUNTS": "",
    # Connections each pool of a process keeps open (the writes' and, on PostgreSQL, the
    # statement reads'). `lrs serve` raises it to its threads + 1 (the forwarding sender):
    # with fewer, requests open and close a connection each.
    "DATABASE_POOL_SIZE": 5,
    # Echo SQL (debugging).
    "SQL_ECHO": False,
    # Forwarding (`lrs forward`): seconds a worker caches the rules before it looks again.
    "FORWARD_RULES_CACHE_SECONDS": 2,
    # Run a sender inside each `lrs serve` worker (leases keep one sender per rule).
    "FORWARD_IN_SERVE": True,
    # Sender: idle poll, statements per POST, lease, HTTP timeout, first and longest backoff.
    "FORWARD_POLL_SECONDS": 1,
    "FORWARD_BATCH_SIZE": 100,
    "FORWARD_LEASE_SECONDS": 30,
    "FORWARD_TIMEOUT_SECONDS": 10,
    "FORWARD_BACKOFF_SECONDS": 1,
    "FORWARD_BACKOFF_MAX_SECONDS": 300,
}


def flask_app(config=None):
    """A Flask app named ``lrs`` with the configuration loaded, nothing built yet."""
    app = Flask("lrs", instance_path=instance_path_from_env(), instance_relative_config=True)
    load(app, config)
    return app


def load(app, config=None):
    app.config.from_mapping(DEFAULTS)
    app.config.from_pyfile("lrs.cfg", silent=True)
    app.config.from_prefixed_env(prefix="LRS")
    if config:
        app.config.from_mapping(config)
    if not app.config["DATABASE_URL"]:
        app.config["DATABASE_URL"] = default_database_url(app.instance_path)


def default_database_url(instance_path):
    os.makedirs(instance_path, exist_ok=True)
    return "sqlite:///" + os.path.join(instance_path, "lrs.sqlite3")


def instance_path_from_env():
    """The instance folder: ``LRS_INSTANCE_PATH`` or ``./instance`` in the working directory."""
    return os.path.abspath(os.environ.get("LRS_INSTANCE_PATH", "instance"))
