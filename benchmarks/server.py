"""The system under test: a fresh database, its schema, a credential, and `lrs serve`."""

import os
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from urllib.request import Request, urlopen

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from lrs.storage.engine import normalise_url

ADMIN_URLS = {
    "postgresql": ("LRS_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"),
    "mariadb": ("LRS_BENCH_MYSQL_URL", "mysql://root@127.0.0.1:3306/test"),
}


class Database:
    """A database of its own on the server (dropped at the end), or a SQLite file."""

    def __init__(self, backend, workdir):
        self.backend = backend
        self.name = f"lrs_bench_{uuid.uuid4().hex[:8]}"
        self.admin = None
        if backend == "sqlite":
            self.url = "sqlite:///" + os.path.join(workdir, "lrs.sqlite3")
            return
        variable, default = ADMIN_URLS[backend]
        base = make_url(normalise_url(os.environ.get(variable, default)))
        self.admin = create_engine(base, isolation_level="AUTOCOMMIT")
        self.quote = '"' if backend == "postgresql" else "`"
        extra = " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin" if backend == "mariadb" else ""
        with self.admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE {self.quote}{self.name}{self.quote}{extra}"))
        self.url = base.set(database=self.name).render_as_string(hide_password=False)

    def vacuum_analyze(self):
        """VACUUM ANALYZE (PostgreSQL) / ANALYZE TABLE (MariaDB) the statement tables;
        returns the seconds it took."""
        started = time.monotonic()
        if self.backend == "sqlite":
            return 0.0
        engine = create_engine(make_url(self.url), isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            if self.backend == "postgresql":
                conn.execute(text("VACUUM (ANALYZE) statements, statement_keys"))
            else:
                conn.execute(text("ANALYZE TABLE statements, statement_keys"))
        engine.dispose()
        return round(time.monotonic() - started, 1)

    def drop(self):
        if self.admin is None:
            return
        with self.admin.connect() as conn:
            if self.backend == "postgresql":
                conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                  "WHERE datname = :n AND pid <> pg_backend_pid()"),
                             {"n": self.name})
            conn.execute(text(f"DROP DATABASE IF EXISTS {self.quote}{self.name}{self.quote}"))
        self.admin.dispose()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """Schema, credential and `lrs serve` as a subprocess, in a scratch instance folder."""

    def __init__(self, database_url, *, workers, threads=None, extra_args=()):
        self.workdir = tempfile.mkdtemp(prefix="lrs-bench-")
        self.env = {**os.environ, "LRS_DATABASE_URL": database_url,
                    "LRS_INSTANCE_PATH": os.path.join(self.workdir, "instance")}
        self.workers, self.threads, self.extra_args = workers, threads, list(extra_args)
        self.port = free_port()
        self.key, self.secret = "bench", secrets.token_urlsafe(18)
        self.process = None
        self.log_path = os.path.join(self.workdir, "serve.log")

    def _lrs(self, *args):
        subprocess.run([sys.executable, "-m", "lrs.cli", *args], env=self.env, check=True,
                       stdout=subprocess.DEVNULL, timeout=300)

    def prepare(self):
        self._lrs("db", "upgrade")
        self._lrs("credentials", "create", "Benchmark", "--key", self.key,
                  "--secret", self.secret)

    def start(self, timeout=60):
        args = [sys.executable, "-m", "lrs.cli", "serve", "--host", "127.0.0.1",
                "--port", str(self.port), "--workers", str(self.workers), *self.extra_args]
        if self.threads:
            args += ["--threads", str(self.threads)]
        self.log = open(self.log_path, "wb")
        self.process = subprocess.Popen(args, env=self.env, stdout=self.log,
                                        stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"lrs serve exited: {self.log_tail()}")
            try:
                with urlopen(Request(f"http://127.0.0.1:{self.port}/xapi/about"),
                             timeout=2) as response:
                    if response.status == 200 and len(self.worker_pids()) >= self.workers:
                        return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"lrs serve did not answer within {timeout} s: {self.log_tail()}")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if self.process:
            self.log.close()

    def log_tail(self, size=3000):
        try:
            with open(self.log_path, "rb") as handle:
                return handle.read()[-size:].decode("utf-8", "replace")
        except OSError:
            return ""

    def worker_pids(self):
        """The gunicorn workers: children of the master (`lrs serve` execs into it)."""
        if not self.process:
            return []
        master = self.process.pid
        try:
            with open(f"/proc/{master}/task/{master}/children") as handle:
                return [int(p) for p in handle.read().split()]
        except OSError:
            return []


def rss_mb(pid):
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    """User + system CPU time of a process so far (0 if it is gone)."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    except (OSError, IndexError, ValueError):
        return 0.0


def database_backend_pids(database_name):
    """PostgreSQL backends serving this database (their process title names it)."""
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as handle:
                title = handle.read()
        except OSError:
            continue
        if title.startswith(b"postgres:") and f" {database_name} ".encode() in title:
            pids.append(int(entry))
    return pids


class CPUMeter:
    """CPU seconds spent by the workers, the database backends and this load process."""

    def __init__(self, server, database):
        self.server, self.database = server, database
        self.totals = {}

    def snapshot(self):
        workers = sum(cpu_seconds(p) for p in self.server.worker_pids())
        backends = (sum(cpu_seconds(p) for p in database_backend_pids(self.database.name))
                    if self.database.backend == "postgresql" else None)
        times = os.times()
        return {"workers": workers, "database": backends, "load_client": times.user + times.system}

    @staticmethod
    def delta(before, after):
        return {k: (round(after[k] - before[k], 2) if after[k] is not None else None)
                for k in before}


class RSSSampler(threading.Thread):
    """Samples every worker's resident memory from /proc while the benchmark runs."""

    def __init__(self, server, interval=0.5):
        super().__init__(daemon=True)
        self.server, self.interval = server, interval
        self.peak: dict[int, float] = {}
        self.last: dict[int, float] = {}
        self.samples = 0
        self._stop_event = threading.Event()

    def run(self):
        while not self._stop_event.wait(self.interval):
            for pid in self.server.worker_pids():
                value = rss_mb(pid)
                if value is not None:
                    self.last[pid] = value
                    self.peak[pid] = max(self.peak.get(pid, 0.0), value)
            self.samples += 1

    def stop(self):
        self._stop_event.set()
        self.join(timeout=5)
