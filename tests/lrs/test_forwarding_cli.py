"""`lrs forward`: what an operator types and sees; `lrs forward run` as a process."""

import os
import signal
import subprocess
import sys
import time
import uuid

import pytest
from click.testing import CliRunner

from lrs.cli import main
from lrs.service import forwarding
from tests.conftest import statement
from tests.lrs.forwarding_support import COMPLETED, Remote, new_store, post, storage_of


@pytest.fixture
def lrs(database_url, app):
    runner = CliRunner()

    def run(*args, code=0):
        result = runner.invoke(main, list(args), env={
            "LRS_DATABASE_URL": database_url, "LRS_FORWARD_RULES_CACHE_SECONDS": "0"})
        assert result.exit_code == code, result.output
        return result.output
    return run


def _store_name(app, store_id):
    return next(s.name for s in storage_of(app).credentials.stores() if s.id == store_id)


def test_add_list_pause_resume_status_remove(app, client_for, lrs):
    client, store_id = new_store(app, client_for)
    store = _store_name(app, store_id)
    out = lrs("forward", "add", "partner", "--store", store, "--endpoint",
              "http://127.0.0.1:9/xapi", "--username", "k", "--password", "s3cret",
              "--verb", COMPLETED)
    assert "partner" in out and "http://127.0.0.1:9/xapi/" in out
    forwarding.rule_cache(storage_of(app)).reload()
    listed = lrs("forward", "list", "--store", store)
    assert "partner" in listed and COMPLETED in listed and "s3cret" not in listed
    post(client, statement())
    assert "paused rule partner" in lrs("forward", "pause", "partner", "--store", store)
    status = lrs("forward", "status", "--store", store)
    assert "[paused]" in status and "backlog: 1 " in status
    assert "s3cret" not in status
    lrs("forward", "resume", "partner", "--store", store)
    assert "[active]" in lrs("forward", "status", "--store", store)
    assert lrs("forward", "dead", "partner", "--store", store) == ""
    lrs("forward", "remove", "partner", "--store", store)
    assert lrs("forward", "list", "--store", store) == ""


def test_bad_input_is_one_line_and_exit_2(app, client_for, lrs):
    _, store_id = new_store(app, client_for)
    store = _store_name(app, store_id)
    for args, message in [
        (("--endpoint", "ftp://x", "--username", "k", "--password", "s"), "http(s) URL"),
        (("--endpoint", "http://h/x", "--username", "k", "--password", "s", "--verb", "done"),
         "absolute IRI"),
        (("--endpoint", "http://h/x", "--username", "k", "--password", "s",
          "--xapi-version", "0.9"), "0.9"),
    ]:
        out = lrs("forward", "add", "r", "--store", store, *args, code=2)
        assert message in out and "Traceback" not in out
    assert "no store named" in lrs("forward", "status", "--store", "nope-" + store, code=2)
    assert "no forwarding rule" in lrs("forward", "pause", "nope", "--store", store, code=2)


def test_forward_run_sends_until_sigterm(app, client_for, database_url, tmp_path):
    remote = Remote()
    client, store_id = new_store(app, client_for)
    storage = storage_of(app)
    rule, _ = forwarding.add_rule(storage, store_id=store_id, name=f"run-{uuid.uuid4().hex[:6]}",
                                  endpoint=remote.endpoint, username="k", password="s",
                                  settle_seconds=0)
    forwarding.rule_cache(storage).reload()
    ids = post(client, [statement(), statement(), statement()])
    env = dict(os.environ, LRS_DATABASE_URL=database_url, LRS_FORWARD_POLL_SECONDS="0.1",
               LRS_INSTANCE_PATH=str(tmp_path))
    process = subprocess.Popen(
        [sys.executable, "-c", "import sys; from lrs.cli import main; sys.exit(main())",
         "forward", "run"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while remote.received_ids()[-3:] != ids and time.monotonic() < deadline:
            time.sleep(0.1)
        assert remote.received_ids()[-3:] == ids
    finally:
        process.send_signal(signal.SIGTERM)
        output = process.communicate(timeout=30)[0].decode()
        remote.close()
        storage.forwarding.remove(rule.id)
    assert process.returncode == 0, output
    assert "forwarding as" in output
