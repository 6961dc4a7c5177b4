"""A real `lrs serve` (gunicorn) on a free loopback port, over the session's database."""

import os
import subprocess
import sys

import pytest

from tests.conftest import KEY, SECRET
from tests.processes import die_with_parent, free_port, stop_session, wait_until_serving


@pytest.fixture(scope="session")
def live_lrs(app, database_url, tmp_path_factory):
    """Base URL of a running LRS (two gunicorn workers) sharing the test database."""
    port = free_port()
    instance = tmp_path_factory.mktemp("live-instance")
    env = dict(os.environ, LRS_DATABASE_URL=database_url, LRS_INSTANCE_PATH=str(instance))
    # The server's log goes to a file: a pipe nobody reads would block it once full.
    log = open(instance / "serve.log", "wb")  # noqa: SIM115 (closed after the process)
    process = subprocess.Popen(
        [sys.executable, "-m", "lrs.cli", "serve", "--port", str(port), "--workers", "2",
         "--no-forward"],  # the forwarding tests run their own senders on this database
        env=env, stdout=subprocess.DEVNULL, stderr=log, start_new_session=True,
        preexec_fn=die_with_parent)
    base = f"http://127.0.0.1:{port}/xapi/"
    try:
        wait_until_serving(process, base + "about", "lrs serve",
                           output=(instance / "serve.log").read_text)
        yield base
        stop_session(process)
    finally:
        log.close()


@pytest.fixture
def credentials():
    return KEY, SECRET
