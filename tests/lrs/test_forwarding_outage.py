"""Forwarding end to end: two real LRS processes (`lrs serve`, gunicorn), the remote one
stopped while statements keep arriving at the first, then restarted; then the first one
killed mid-backlog and restarted. Every statement reaches the remote as stored, in order,
and `lrs forward status` tells the operator the backlog and the error meanwhile."""

import os
import re
import signal
import subprocess
import sys
import time
import uuid

import orjson
import pytest
import requests

from lrs.service.auth import hash_secret
from lrs.storage import SQLStorage, migrate
from tests.conftest import statement
from tests.lrs.forwarding_support import storage_of
from tests.processes import die_with_parent, free_port

CLI = [sys.executable, "-c", "import sys; from lrs.cli import main; sys.exit(main())"]
FAST_FORWARDING = {
    "LRS_FORWARD_POLL_SECONDS": "0.1", "LRS_FORWARD_BACKOFF_SECONDS": "0.2",
    "LRS_FORWARD_BACKOFF_MAX_SECONDS": "1", "LRS_FORWARD_LEASE_SECONDS": "3",
    "LRS_FORWARD_TIMEOUT_SECONDS": "2", "LRS_FORWARD_RULES_CACHE_SECONDS": "0.5",
}




def _wait_for(check, what, timeout=30):
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


class LRSProcess:
    """`lrs serve` with two workers on a fixed port, stopped and started at will."""

    def __init__(self, env, port, log, workers=2):
        self.env, self.port, self.workers, self.process = env, port, workers, None
        self.log = log  # a file, not a pipe: a full pipe would block the workers
        self.base = f"http://127.0.0.1:{port}/xapi/"

    def cli(self, *args):
        done = subprocess.run([*CLI, *args], env=self.env, capture_output=True, text=True,
                              timeout=60)
        assert done.returncode == 0, done.stderr
        return done.stdout

    def start(self):
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                [*CLI, "serve", "--port", str(self.port), "--workers", str(self.workers),
                 "--no-access-log"],
                env=self.env, stdout=log, stderr=log, start_new_session=True,
                preexec_fn=die_with_parent)

        def up():
            if self.process.poll() is not None:
                raise RuntimeError("lrs serve ended: " + self.log.read_text()[-2000:])
            try:
                return requests.get(self.base + "about", timeout=1).status_code == 200
            except requests.RequestException:
                return False
        _wait_for(up, "lrs serve to start")

    def stop(self, sig=signal.SIGTERM):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, sig)
            self.process.wait(timeout=30)
        self.process = None


@pytest.fixture
def remote_lrs(tmp_path):
    url = f"sqlite:///{tmp_path / 'remote.sqlite3'}"
    storage = SQLStorage(url)  # set up in-process: each CLI start costs seconds here
    migrate.upgrade(storage)
    storage.credentials.create(store_id=storage.credentials.store_id(create=True),
                               key="fwd-key", name="Forwarded from the first LRS",
                               secret_hash=hash_secret("fwd-secret"), scopes=("all",))
    storage.dispose()
    env = dict(os.environ, LRS_DATABASE_URL=url,
               LRS_INSTANCE_PATH=str(tmp_path / "remote-instance"))
    remote = LRSProcess(env, free_port(), tmp_path / "remote.log", workers=1)
    remote.start()
    yield remote
    remote.stop()


@pytest.fixture
def first_lrs(app, database_url, tmp_path):
    storage = storage_of(app)
    store = f"outage-{uuid.uuid4().hex[:6]}"
    key = f"k-{uuid.uuid4().hex[:8]}"
    storage.credentials.create(store_id=storage.credentials.store_id(store, create=True),
                               key=key, name="Open edX", secret_hash=hash_secret("pw"),
                               scopes=("all",))
    env = dict(os.environ, LRS_DATABASE_URL=database_url,
               LRS_INSTANCE_PATH=str(tmp_path / "first-instance"), **FAST_FORWARDING)
    first = LRSProcess(env, free_port(), tmp_path / "first.log")
    first.store, first.auth = store, (key, "pw")
    first.store_id = storage.credentials.store_id(store)
    first.start()
    yield first
    first.stop()
    for rule in storage.forwarding.rules(first.store_id):
        storage.forwarding.remove(rule.id)


def _post(lrs, statements):
    response = requests.post(lrs.base + "statements", json=statements, auth=lrs.auth,
                             headers={"X-Experience-API-Version": "1.0.3"}, timeout=10)
    assert response.status_code == 200, response.text
    return response.json()


def _remote_statements(remote):
    response = requests.get(remote.base + "statements", auth=("fwd-key", "fwd-secret"),
                            params={"ascending": "true", "limit": "500"},
                            headers={"X-Experience-API-Version": "1.0.3"}, timeout=10)
    assert response.status_code == 200, response.text
    return response.json()["statements"]


def _backlog(app, first):
    [status] = storage_of(app).forwarding.status(first.store_id)
    return status.backlog, status.rule.last_error or ""


def _status(first):
    """What `lrs forward status` prints (a CLI start costs seconds on a busy machine)."""
    text = first.cli("forward", "status", "--store", first.store)
    backlog = int(re.search(r"backlog: (\d+)", text).group(1))
    return backlog, re.search(r"last error: (.*)", text).group(1), text


def _arrived(remote, ids):
    return lambda: [s["id"] for s in _remote_statements(remote)] == ids


def _without_lrs_fields(body):
    return {k: v for k, v in body.items() if k not in ("stored", "authority")}


def test_statements_survive_an_outage_of_either_lrs(app, remote_lrs, first_lrs):
    out = first_lrs.cli("forward", "add", "to-remote", "--store", first_lrs.store,
                        "--endpoint", remote_lrs.base, "--username", "fwd-key",
                        "--password", "fwd-secret")
    assert "to-remote" in out
    ids = _post(first_lrs, [statement() for _ in range(5)]) + _post(first_lrs, statement())
    _wait_for(_arrived(remote_lrs, ids), "the first statements at the remote")

    # The remote goes down; statements keep coming, as singles and batches.
    remote_lrs.stop()
    for _ in range(3):
        ids += _post(first_lrs, statement())
        ids += _post(first_lrs, [statement() for _ in range(4)])
    _wait_for(lambda: (lambda b: b[0] == 15 and "ConnectionError" in b[1])(
        _backlog(app, first_lrs)), "the backlog and the error")
    backlog, error, text = _status(first_lrs)
    assert backlog == 15 and "ConnectionError" in error, text
    assert "oldest pending stored 20" in text
    remote_lrs.start()
    _wait_for(_arrived(remote_lrs, ids), "the backlog at the remote", timeout=40)
    # The sender clears its outbox rows once the remote has answered: a moment later.
    _wait_for(lambda: _backlog(app, first_lrs)[0] == 0, "the outbox to empty")

    # Now the first LRS dies (SIGKILL: no lease handed back) with a backlog.
    remote_lrs.stop()
    ids += _post(first_lrs, [statement() for _ in range(10)])
    _wait_for(lambda: _backlog(app, first_lrs)[0] == 10, "the second backlog")
    first_lrs.stop(signal.SIGKILL)
    remote_lrs.start()
    time.sleep(0.5)
    assert len(_remote_statements(remote_lrs)) == len(ids) - 10
    first_lrs.start()
    _wait_for(_arrived(remote_lrs, ids), "the backlog after the restart", timeout=40)

    storage = storage_of(app)
    for remote_statement in _remote_statements(remote_lrs):
        sent = orjson.loads(storage.statements.get(first_lrs.store_id,
                                                   remote_statement["id"]).body)
        assert _without_lrs_fields(remote_statement) == _without_lrs_fields(sent)
    _wait_for(lambda: _backlog(app, first_lrs)[0] == 0, "the outbox to empty again")
    backlog, _, text = _status(first_lrs)
    assert backlog == 0 and "delivered: " in text
    assert int(re.search(r"delivered: (\d+)", text).group(1)) >= len(ids)
