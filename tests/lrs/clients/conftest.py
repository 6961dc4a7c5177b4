"""A real `lrs serve` (gunicorn) on a free loopback port, over the session's database."""

import ctypes
import os
import signal
import socket
import subprocess
import sys
import time

import pytest
import requests

from tests.conftest import KEY, SECRET


def _die_with_parent():
    """Linux: SIGTERM the server if pytest itself is killed (no teardown runs then)."""
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def live_lrs(app, database_url, tmp_path_factory):
    """Base URL of a running LRS (two gunicorn workers) sharing the test database."""
    port = _free_port()
    env = dict(os.environ, LRS_DATABASE_URL=database_url,
               LRS_INSTANCE_PATH=str(tmp_path_factory.mktemp("live-instance")))
    process = subprocess.Popen(
        [sys.executable, "-m", "lrs.cli", "serve", "--port", str(port), "--workers", "2"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
        preexec_fn=_die_with_parent)
    base = f"http://127.0.0.1:{port}/xapi/"
    deadline = time.monotonic() + 30
    while True:
        try:
            if requests.get(base + "about", timeout=1).status_code == 200:
                break
        except requests.RequestException:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError("lrs serve did not start: " + process.stderr.read().decode())
        time.sleep(0.2)
    yield base
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=15)


@pytest.fixture
def credentials():
    return KEY, SECRET
