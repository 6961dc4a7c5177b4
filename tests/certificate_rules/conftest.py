"""A real `lrs serve` for the certificate_rules tests: its own SQLite database, one credential,
one gunicorn worker, on a free loopback port; killed with pytest."""

import os
import subprocess
import sys

import pytest

from tests.processes import die_with_parent, free_port, stop_session, wait_until_serving

LRS_KEY, LRS_SECRET = "certificates-key", "certificates-secret"




@pytest.fixture(scope="session")
def certificates_lrs(tmp_path_factory):
    """(xAPI endpoint, key, secret) of a running LRS."""
    directory = tmp_path_factory.mktemp("certificates-lrs")
    env = dict(os.environ, LRS_DATABASE_URL=f"sqlite:///{directory / 'lrs.sqlite3'}",
               LRS_INSTANCE_PATH=str(directory / "instance"))
    lrs = [sys.executable, "-m", "lrs.cli"]
    for command in (["db", "upgrade"], ["credentials", "create", "certificates", "--key",
                                        LRS_KEY, "--secret", LRS_SECRET]):
        done = subprocess.run(lrs + command, env=env, capture_output=True, text=True)
        if done.returncode:
            raise RuntimeError(f"lrs {command[0]} failed: {done.stderr[-2000:]}")
    port = free_port()
    process = subprocess.Popen(lrs + ["serve", "--port", str(port), "--workers", "1"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               start_new_session=True, preexec_fn=die_with_parent)
    base = f"http://127.0.0.1:{port}/xapi/"
    wait_until_serving(process, base + "about", "lrs serve")
    yield base, LRS_KEY, LRS_SECRET
    stop_session(process)
