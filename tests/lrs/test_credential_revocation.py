"""A revoked, rotated or re-limited credential is refused (or limited anew) at once by every
worker of a running `lrs serve`: both workers have the credential's verification cached,
the real `lrs credentials` command changes it, and the very next requests, on fresh
connections, meet the change in both workers. On PostgreSQL the workers learn of it
through their listeners; a change made while a listener's connection is down is refused
at once too, and still after it reconnects."""

import collections
import os
import re
import signal
import subprocess
import sys
import time
import uuid

import pytest
import requests
from sqlalchemy import create_engine, text

from lrs.service.auth import hash_secret
from lrs.storage.credential_events import APPLICATION_NAME
from lrs.storage.engine import normalise_url
from tests.conftest import statement
from tests.processes import die_with_parent, free_port

WORKERS = 2
HEADERS = {"X-Experience-API-Version": "1.0.3"}
# Every access-log line says which worker answered whom: "<pid> key METHOD status".
ACCESS_LOG = re.compile(r"^<(\d+)> (\S+) ([A-Z]+) (\d{3})$", re.MULTILINE)
# Requests on fresh connections before both workers must have answered one.
MOST_REQUESTS = 300


def _wait_for(check, what, timeout=30):
    deadline = time.monotonic() + timeout
    while not (value := check()):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)
    return value


class Served:
    """`lrs serve --workers 2`, its access log naming the worker of each answer."""

    def __init__(self, database_url, instance, log):
        self.env = dict(os.environ, LRS_DATABASE_URL=database_url,
                        LRS_INSTANCE_PATH=str(instance),
                        GUNICORN_CMD_ARGS="--access-logformat '%(p)s %(u)s %(m)s %(s)s'")
        self.log = log  # a file, not a pipe: a full pipe would block the workers
        self.sent = collections.Counter()  # requests made through every_worker, per key
        port = free_port()
        self.base = f"http://127.0.0.1:{port}/xapi/"
        with open(log, "ab") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-c", "import sys; from lrs.cli import main; sys.exit(main())",
                 "serve", "--port", str(port), "--workers", str(WORKERS), "--no-forward"],
                env=self.env, stdout=out, stderr=out, start_new_session=True,
                preexec_fn=die_with_parent)

        def up():
            if self.process.poll() is not None:
                raise RuntimeError("lrs serve ended: " + log.read_text()[-2000:])
            try:
                return requests.get(self.base + "about", timeout=1).status_code == 200
            except requests.RequestException:
                return False
        _wait_for(up, "lrs serve to start")

    @property
    def worker_pids(self):
        """The gunicorn workers' pids (``lrs serve`` execs gunicorn: its pid is the master's)."""
        path = f"/proc/{self.process.pid}/task/{self.process.pid}/children"
        with open(path) as children:
            return [int(pid) for pid in children.read().split()]

    def stop(self):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)

    def answers(self, key, skip, count):
        """``{worker pid: [status, ...]}`` of requests ``skip`` to ``skip + count`` by ``key``
        in the log. A worker writes its line after the response has gone: waits for them."""
        deadline = time.monotonic() + 5
        while True:
            lines = [(pid, int(status)) for pid, user, _method, status in
                     ACCESS_LOG.findall(self.log.read_bytes().decode()) if user == key]
            if len(lines) >= skip + count or time.monotonic() > deadline:
                break
            time.sleep(0.01)
        by_worker = {}
        for pid, status in lines[skip:skip + count]:
            by_worker.setdefault(pid, []).append(status)
        return by_worker

    def every_worker(self, send, key):
        """Send requests (each on a new connection) until both workers answered one;
        return what the client got and what each worker logged."""
        # Counted per key, not from the log's size: the line of the previous request may
        # not be written yet when this one starts.
        earlier = self.sent[key]
        got = []
        for _ in range(MOST_REQUESTS):
            got.append(send().status_code)
            self.sent[key] += 1
            answers = self.answers(key, earlier, len(got))
            if len(answers) == WORKERS:
                return got, answers
        raise AssertionError(f"only one worker answered {len(got)} requests: {got}")


class HeldCommand:
    """`lrs ARGS`, started ahead and held, its imports done, until ``run()``: Python's
    start and the imports take a second or more here, and the requests after it should
    race the command's own work, not the interpreter's start."""

    def __init__(self, env, *args):
        self.process = subprocess.Popen(
            [sys.executable, "-c", "import sys; from lrs.cli import main; print(flush=True); "
             "sys.stdin.readline(); sys.exit(main())", *args],
            env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True, preexec_fn=die_with_parent)
        assert self.process.stdout.readline() == "\n", self.process.communicate()[1]

    def run(self):
        out, err = self.process.communicate("go\n", timeout=60)
        assert self.process.returncode == 0, err
        return out


def _get(served, key, secret):
    return lambda: requests.get(served.base + "statements", params={"limit": "1"},
                                auth=(key, secret), headers=HEADERS, timeout=10)


def _post(served, key, secret):
    return lambda: requests.post(served.base + "statements", json=statement(),
                                 auth=(key, secret), headers=HEADERS, timeout=10)


@pytest.fixture(scope="module")
def server_database(database_url):
    """On PostgreSQL, an admin connection to the test database (else None)."""
    if not database_url.startswith("postgresql"):
        yield None
        return
    engine = create_engine(normalise_url(database_url), isolation_level="AUTOCOMMIT")
    yield engine
    engine.dispose()


def _backends(admin, where="true"):
    with admin.connect() as conn:
        return conn.execute(text(
            "SELECT count(*) FROM pg_stat_activity "
            f"WHERE datname = current_database() AND pid <> pg_backend_pid() AND {where}"
        )).scalar()


def _listeners(served):
    """SQL: the backends of this server's workers' listeners (other `lrs serve`s of the test
    session may listen on the same database)."""
    names = ", ".join(f"'{APPLICATION_NAME} {pid}'" for pid in served.worker_pids)
    return f"application_name IN ({names})"


def _listeners_ready(served):
    """Both workers' listeners connected and past LISTEN."""
    return _backends(served.admin, f"{_listeners(served)} AND state = 'idle' "
                                   "AND query LIKE 'LISTEN%'") == WORKERS


@pytest.fixture(scope="module")
def served(app, database_url, server_database, tmp_path_factory):
    directory = tmp_path_factory.mktemp("revocation")
    lrs = Served(database_url, directory / "instance", directory / "serve.log")
    lrs.storage = app.extensions["lrs.storage"]
    lrs.admin = server_database
    yield lrs
    listeners = _listeners(lrs)
    lrs.stop()
    if server_database:  # no listener left behind
        _wait_for(lambda: _backends(server_database, listeners) == 0,
                  "the workers' listeners to close", timeout=10)


def _credential(served, secret="pw"):
    key = f"k-{uuid.uuid4().hex[:10]}"
    credentials = served.storage.credentials
    credentials.create(store_id=credentials.store_id(), key=key, name="Open edX",
                       secret_hash=hash_secret(secret), scopes=("all",))
    return key


def _warm(served, send, key, status=200):
    """Both workers verify the credential and cache it; on PostgreSQL, until both
    listeners are live (from then on a cached verification needs no lookup)."""
    got, by_worker = served.every_worker(send, key)
    assert set(got) == {status} and all(set(s) == {status} for s in by_worker.values())
    if served.admin:
        _wait_for(lambda: _listeners_ready(served), "both listeners")
        time.sleep(0.1)  # (the catch-up query right after LISTEN)


def _answered_by_every_worker(served, send, key, status=401):
    got, by_worker = served.every_worker(send, key)
    assert set(got) == {status}, got
    assert all(set(statuses) == {status} for statuses in by_worker.values()), by_worker


def test_a_revoked_credential_is_refused_at_once_by_every_worker(served):
    key = _credential(served)
    revoke = HeldCommand(served.env, "credentials", "revoke", key)
    _warm(served, _get(served, key, "pw"), key)
    assert f"revoked {key}" in revoke.run()
    _answered_by_every_worker(served, _get(served, key, "pw"), key)


def test_a_rotated_secret_is_refused_at_once_and_the_new_one_accepted(served):
    key = _credential(served, secret="old")
    rotate = HeldCommand(served.env, "credentials", "rotate", key, "--secret", "new")
    _warm(served, _get(served, key, "old"), key)
    assert "secret: new" in rotate.run()
    _answered_by_every_worker(served, _get(served, key, "old"), key)
    _answered_by_every_worker(served, _get(served, key, "new"), key, status=200)


def test_a_new_limit_applies_at_once_in_every_worker(served):
    key = _credential(served)
    limit = HeldCommand(served.env, "credentials", "limit", key, "--max-body-bytes", "100")
    _warm(served, _post(served, key, "pw"), key)
    assert f"limits of {key} updated" in limit.run()
    _answered_by_every_worker(served, _post(served, key, "pw"), key, status=413)


def test_a_revocation_while_the_listener_is_down_is_refused_at_once(served):
    """PostgreSQL: both listeners' connections are killed, two credentials revoked while
    they are down: one is refused at once (the workers look it up while not listening),
    the other, first tried once the listeners are back, too (they catch up on reconnecting).
    The other databases have no listener: the same revocations are refused at once."""
    first, second = _credential(served), _credential(served)
    _warm(served, _get(served, first, "pw"), first)
    _warm(served, _get(served, second, "pw"), second)
    if served.admin:
        with served.admin.connect() as conn:
            killed = conn.execute(text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                f"WHERE datname = current_database() AND {_listeners(served)}")).scalar()
        assert killed == WORKERS
        _wait_for(lambda: _backends(served.admin, _listeners(served)) == 0,
                  "the listeners' backends to end")
    served.storage.credentials.revoke(first)
    served.storage.credentials.revoke(second)
    _answered_by_every_worker(served, _get(served, first, "pw"), first)
    if served.admin:
        _wait_for(lambda: _listeners_ready(served), "the listeners to reconnect")
        time.sleep(0.2)  # live again (without the catch-up, the cache would be trusted)
    _answered_by_every_worker(served, _get(served, second, "pw"), second)
