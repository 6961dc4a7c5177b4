"""Fixtures: every LRS test runs once per database (SQLite always; PostgreSQL and MariaDB
when LRS_TEST_POSTGRES_URL / LRS_TEST_MYSQL_URL are set). Each test session makes its own
databases and drops them at the end."""

import base64
import os
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from lrs import create_app
from lrs.service.auth import hash_secret
from lrs.storage import migrate
from lrs.storage.engine import normalise_url

SERVER_URLS = {
    "postgresql": os.environ.get("LRS_TEST_POSTGRES_URL"),
    "mariadb": os.environ.get("LRS_TEST_MYSQL_URL"),
}
DATABASES = ["sqlite"] + [name for name, url in SERVER_URLS.items() if url]

KEY, SECRET = "test-key", "test-secret"


def _server_database(kind, name):
    """Create database `name` on the server; return its URL and a drop function."""
    base = make_url(normalise_url(SERVER_URLS[kind]))
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    quote = '"' if kind == "postgresql" else "`"
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {quote}{name}{quote}"))
        extra = " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin" if kind == "mariadb" else ""
        conn.execute(text(f"CREATE DATABASE {quote}{name}{quote}{extra}"))

    def drop():
        with admin.connect() as conn:
            if kind == "postgresql":
                conn.execute(text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = :n AND pid <> pg_backend_pid()"), {"n": name})
            conn.execute(text(f"DROP DATABASE IF EXISTS {quote}{name}{quote}"))
        admin.dispose()

    return base.set(database=name).render_as_string(hide_password=False), drop


@pytest.fixture(scope="session", params=DATABASES)
def database_url(request, tmp_path_factory):
    kind = request.param
    if kind == "sqlite":
        yield "sqlite:///" + str(tmp_path_factory.mktemp("db") / "lrs.sqlite3")
        return
    name = f"lrs_test_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    url, drop = _server_database(kind, name)
    yield url
    drop()


@pytest.fixture(scope="session")
def app(database_url, tmp_path_factory):
    os.environ.setdefault("LRS_INSTANCE_PATH", str(tmp_path_factory.mktemp("instance")))
    application = create_app({"DATABASE_URL": database_url, "TESTING": True})
    storage = application.extensions["lrs.storage"]
    migrate.upgrade(storage)
    if not storage.credentials.find(KEY):
        storage.credentials.create(store_id=storage.credentials.store_id(), key=KEY,
                                   name="Test client", secret_hash=hash_secret(SECRET),
                                   scopes=("all",))
    yield application
    storage.dispose()


def basic_auth(key=KEY, secret=SECRET):
    return "Basic " + base64.b64encode(f"{key}:{secret}".encode()).decode()


class XAPIClient:
    """Flask's test client with the xAPI version and credentials filled in."""

    def __init__(self, flask_client, version="1.0.3", key=KEY, secret=SECRET):
        self.flask = flask_client
        self.version = version
        self.key, self.secret = key, secret

    def request(self, method, path, *, headers=None, version="default", auth=True, **kwargs):
        """``version=None`` sends no version header; ``auth=False`` no credentials."""
        all_headers = {}
        version = self.version if version == "default" else version
        if version is not None:
            all_headers["X-Experience-API-Version"] = version
        if auth:
            all_headers["Authorization"] = basic_auth(self.key, self.secret)
        all_headers.update(headers or {})
        return self.flask.open(path, method=method, headers=all_headers, **kwargs)

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, **kw):
        return self.request("POST", path, **kw)

    def put(self, path, **kw):
        return self.request("PUT", path, **kw)

    def delete(self, path, **kw):
        return self.request("DELETE", path, **kw)

    def head(self, path, **kw):
        return self.request("HEAD", path, **kw)


@pytest.fixture(params=["1.0.3", "2.0.0"])
def xapi(app, request):
    """A client per xAPI version: tests using it run for 1.0.3 and for 2.0.0."""
    return XAPIClient(app.test_client(), version=request.param)


@pytest.fixture
def client_for(app):
    """A client with a credential of its own: ``client_for(store="default", scopes=("all",),
    version="1.0.3", **limits)``; a store named here is created when missing."""
    storage = app.extensions["lrs.storage"]

    def make(store="default", scopes=("all",), version="1.0.3", **limits):
        key = f"k-{uuid.uuid4().hex[:12]}"
        storage.credentials.create(store_id=storage.credentials.store_id(store, create=True),
                                   key=key, name=f"Client of {store}",
                                   secret_hash=hash_secret("pw"), scopes=scopes, **limits)
        return XAPIClient(app.test_client(), version=version, key=key, secret="pw")
    return make


@pytest.fixture
def xapi103(app):
    return XAPIClient(app.test_client(), version="1.0.3")


@pytest.fixture
def xapi20(app):
    return XAPIClient(app.test_client(), version="2.0.0")


def statement(**overrides):
    """A small valid statement with a fresh actor, written for these tests."""
    base = {
        "actor": {"objectType": "Agent", "name": "Amina Diallo",
                  "mbox": f"mailto:amina.{uuid.uuid4().hex[:8]}@example.org"},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/completed",
                 "display": {"en-US": "completed"}},
        "object": {"objectType": "Activity",
                   "id": "https://learning.example.org/modules/first-reporting-officer/feedback",
                   "definition": {"name": {"en-US": "Giving feedback"}}},
    }
    base.update(overrides)
    return base
