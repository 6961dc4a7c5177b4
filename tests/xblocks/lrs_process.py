"""A real LRS (``lrs serve``, gunicorn, SQLite) that a test can stop and start again on the same
port: the pattern of tests/lrs/clients/conftest.py, made restartable for the outbox test."""

import os
import signal
import subprocess
import sys

import requests

from tests.processes import die_with_parent, free_port, wait_until_serving

KEY, SECRET = "xblocks-key", "xblocks-secret"
# What `lrs serve` executes (it execs gunicorn with these arguments); started directly to skip
# one interpreter start-up, which costs seconds on a busy two-core machine.
SERVE = [sys.executable, "-m", "gunicorn", "lrs:create_app()", "--worker-class", "gthread",
         "--workers", "1", "--threads", "4", "--timeout", "60", "--no-control-socket"]




class LRSProcess:
    def __init__(self, directory):
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}/xapi/"
        self.env = dict(os.environ, LRS_DATABASE_URL=f"sqlite:///{directory}/lrs.sqlite3",
                        LRS_INSTANCE_PATH=str(directory / "instance"))
        self.process = None
        self._prepare(self.env["LRS_DATABASE_URL"])

    @staticmethod
    def _prepare(database_url):
        """Schema and a credential, in-process as tests/conftest.py does (faster than the CLI)."""
        from lrs import create_app
        from lrs.service.auth import hash_secret
        from lrs.storage import migrate

        storage = create_app({"DATABASE_URL": database_url}).extensions["lrs.storage"]
        migrate.upgrade(storage)
        storage.credentials.create(store_id=storage.credentials.store_id(create=True), key=KEY,
                                   name="XBlocks tests", secret_hash=hash_secret(SECRET),
                                   scopes=("all",))
        storage.dispose()

    def start(self):
        self.process = subprocess.Popen(
            [*SERVE, "--bind", f"127.0.0.1:{self.port}"],
            env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            start_new_session=True, preexec_fn=die_with_parent)
        wait_until_serving(self.process, self.endpoint + "about", "lrs serve", interval=0.1)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGQUIT)  # gunicorn: quick shutdown
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
        self.process = None

    def settings(self, outbox_dir, **extra):
        return {"LRS_ENDPOINT": self.endpoint, "LRS_KEY": KEY, "LRS_SECRET": SECRET,
                "OUTBOX_DIR": str(outbox_dir), "LMS_ROOT_URL": "https://lms.test",
                "RETRY_MAX_SECONDS": "0.5", **{k: str(v) for k, v in extra.items()}}

    def statements(self, **params):
        """Every statement matching ``params`` (following ``more`` links)."""
        headers = {"X-Experience-API-Version": "1.0.3"}
        response = requests.get(self.endpoint + "statements", params=params, auth=(KEY, SECRET),
                                headers=headers, timeout=5)
        response.raise_for_status()
        found = response.json()
        statements = list(found["statements"])
        while found.get("more"):
            url = f"http://127.0.0.1:{self.port}" + found["more"]
            found = requests.get(url, auth=(KEY, SECRET), headers=headers, timeout=5).json()
            statements += found["statements"]
        return statements

    def post(self, statement):
        response = requests.post(self.endpoint + "statements", json=statement, auth=(KEY, SECRET),
                                 headers={"X-Experience-API-Version": "1.0.3"}, timeout=5)
        response.raise_for_status()
        return response.json()
