"""Configuration: defaults, then the instance file ``lrs.cfg``, then ``LRS_*`` variables."""

import os

DEFAULTS = {
    # None means "a SQLite file in the instance folder"; see database_url().
    "DATABASE_URL": None,
    # Largest request body accepted, in bytes (413 above it).
    "MAX_BODY_BYTES": 20 * 1024 * 1024,
    # Most statements a single GET returns; a client's `limit` is capped by it.
    "STATEMENT_PAGE_LIMIT": 500,
    # How long a verified secret stays in the in-memory cache, in seconds.
    "AUTH_CACHE_SECONDS": 300,
    # Seconds between checks for revoked credentials (shared across workers through the DB).
    "AUTH_REVOCATION_CHECK_SECONDS": 2,
    # Allowed CORS origins; "*" answers any origin.
    "CORS_ORIGINS": "*",
    # Public base URL of the LRS, used as the homePage of authority accounts.
    "PUBLIC_URL": "http://127.0.0.1:8080",
    # Echo SQL (debugging).
    "SQL_ECHO": False,
}


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
