"""`lrs import` / `lrs export` benchmark: `python -m benchmarks.lrs_transfer`.

Creates its own database (PostgreSQL by default), writes an NDJSON file of
``--statements`` statements as an LRS export holds them (the realistic, skewed
statements of ``benchmarks/workload.py``, completed with ``stored``, ``authority``
and ``version``), then times, each as the operator runs it (a subprocess):

1. `lrs import FILE` into the empty default store;
2. `lrs import FILE` again (every line skipped: the idempotent re-run);
3. `lrs export -o FILE` (NDJSON), checked byte for byte against the imported file;
4. `lrs export --format csv -o FILE`.

While each runs it samples the resident memory of the `lrs` process and of its
worker processes (``/proc``, every 0.2 s) and counts the CPU seconds of the `lrs`
processes and of the database's PostgreSQL backends. Prints a table and writes JSON
to benchmarks/results/. See benchmarks/README.md.
"""

import argparse
import filecmp
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta

import orjson

from .server import Database, cpu_seconds, database_backend_pids, rss_mb
from .workload import Workload

RESULTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "results")
TARGETS = {"import_statements_per_s": 20000, "export_statements_per_s": 50000,
           "export_rss_mb": 150}
AUTHORITY = {"objectType": "Agent", "name": "Open edX",
             "account": {"homePage": "https://lrs.example.org", "name": "openedx"}}


def parse_args(argv=None):
    p = argparse.ArgumentParser(prog="python -m benchmarks.lrs_transfer", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--backend", choices=("postgresql", "mariadb", "sqlite"),
                   default="postgresql")
    p.add_argument("--statements", type=int, default=1_000_000)
    p.add_argument("--jobs", type=int, default=None,
                   help="lrs import --jobs (default: lrs import's own default)")
    p.add_argument("--batch-lines", type=int, default=None, help="lrs import --batch-lines")
    p.add_argument("--no-reimport", action="store_true", help="skip phase 2")
    p.add_argument("--keep-database", action="store_true")
    p.add_argument("--workdir", help="where the NDJSON/CSV files go (default: a temp dir)")
    return p.parse_args(argv)


def write_export_file(path, count, seed=1):
    """``count`` statements as `lrs export` writes them: one JSON object per line, with
    stored (250 statements per stored instant, as batched POSTs give), authority and
    version, in stored order."""
    workload = Workload(seed=seed)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    written = 0
    with open(path, "wb") as out:
        while written < count:
            batch = workload.statements(min(10_000, count - written))
            for index, statement in enumerate(batch, start=written):
                stored = start + timedelta(milliseconds=(index // 250) * 7)
                statement["stored"] = stored.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
                statement["authority"] = AUTHORITY
                statement["version"] = "1.0.0"
                out.write(orjson.dumps(statement) + b"\n")
            written += len(batch)


class Sampler:
    """Peak RSS of a process and its children, and their CPU seconds, sampled in a thread."""

    def __init__(self, pid, database_name=None):
        self.pid, self.database_name = pid, database_name
        self.peak_mb = 0.0
        self.cpu = {}
        self._backends = {}
        self.backend_cpu_start = self._backend_cpu()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _pids(self):
        try:
            with open(f"/proc/{self.pid}/task/{self.pid}/children") as handle:
                children = [int(p) for p in handle.read().split()]
        except OSError:
            children = []
        return [self.pid, *children]

    def _backend_cpu(self):
        """CPU seconds of the database's backends so far (each remembered after it exits)."""
        if not self.database_name:
            return 0.0
        for pid in database_backend_pids(self.database_name):
            seconds = cpu_seconds(pid)
            if seconds:
                self._backends[pid] = seconds
        return sum(self._backends.values())

    def _run(self):
        while not self._stop.is_set():
            pids = self._pids()
            self.peak_mb = max(self.peak_mb, sum(rss_mb(p) or 0 for p in pids))
            for pid in pids:
                seconds = cpu_seconds(pid)
                if seconds:
                    self.cpu[pid] = seconds
            self.backend_cpu = self._backend_cpu()
            self._stop.wait(0.2)

    def stop(self):
        self._stop.set()
        self._thread.join()
        return {"peak_rss_mb": round(self.peak_mb, 1),
                "lrs_cpu_s": round(sum(self.cpu.values()), 1),
                "database_cpu_s": round(getattr(self, "backend_cpu", 0.0)
                                        - self.backend_cpu_start, 1)}


def run_lrs(env, args, database):
    started = time.monotonic()
    process = subprocess.Popen([sys.executable, "-m", "lrs.cli", *args], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    sampler = Sampler(process.pid, database.name if database.backend == "postgresql"
                      else None)
    stdout, stderr = process.communicate()
    figures = sampler.stop()
    figures["seconds"] = round(time.monotonic() - started, 2)
    if process.returncode != 0:
        raise RuntimeError(f"lrs {' '.join(args)} failed ({process.returncode}): "
                           f"{stderr.decode()[-2000:]}")
    figures["stdout"] = stdout.decode()[-300:].strip()
    return figures


def main(argv=None):
    args = parse_args(argv)
    workdir = args.workdir or tempfile.mkdtemp(prefix="lrs-transfer-")
    database = Database(args.backend, workdir)
    env = {**os.environ, "LRS_DATABASE_URL": database.url,
           "LRS_INSTANCE_PATH": os.path.join(workdir, "instance")}
    source = os.path.join(workdir, "statements.ndjson")
    results = {"backend": args.backend, "statements": args.statements,
               "machine": platform.node(), "cpus": os.cpu_count(),
               "load_average_start": os.getloadavg()[0],
               "started": datetime.now(UTC).isoformat(timespec="seconds")}
    try:
        print(f"writing {args.statements:,} statements to {source} ...", flush=True)
        write_export_file(source, args.statements)
        results["file_mb"] = round(os.path.getsize(source) / 2**20, 1)
        subprocess.run([sys.executable, "-m", "lrs.cli", "db", "upgrade"], env=env,
                       check=True, stdout=subprocess.DEVNULL)
        extra = []
        if args.jobs:
            extra += ["--jobs", str(args.jobs)]
        if args.batch_lines:
            extra += ["--batch-lines", str(args.batch_lines)]
        phases = [("import", ["import", source, *extra])]
        if not args.no_reimport:
            phases.append(("reimport", ["import", source, *extra]))
        exported = os.path.join(workdir, "exported.ndjson")
        phases += [("export_ndjson", ["export", "-o", exported]),
                   ("export_csv", ["export", "--format", "csv", "-o",
                                   os.path.join(workdir, "exported.csv")])]
        for name, lrs_args in phases:
            print(f"{name} ...", flush=True)
            figures = run_lrs(env, lrs_args, database)
            figures["statements_per_s"] = round(args.statements / figures["seconds"])
            results[name] = figures
            print(f"  {figures}", flush=True)
        results["round_trip_identical"] = filecmp.cmp(source, exported, shallow=False)
    finally:
        if not args.keep_database:
            database.drop()
        if not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    results["load_average_end"] = os.getloadavg()[0]
    report(results)
    os.makedirs(RESULTS, exist_ok=True)
    path = os.path.join(RESULTS, f"lrs_transfer-{args.backend}-"
                                 f"{datetime.now(UTC).strftime('%Y%m%dT%H%M%S')}"
                                 f"-{uuid.uuid4().hex[:4]}.json")
    with open(path, "w") as handle:
        json.dump(results, handle, indent=2)
    print(f"results: {path}")
    return 0 if results.get("round_trip_identical") else 1


def report(results):
    print(f"\n{results['statements']:,} statements on {results['backend']} "
          f"({results['file_mb']} MB NDJSON), load average "
          f"{results['load_average_start']:.1f} -> {results['load_average_end']:.1f}")
    print(f"{'phase':<14}{'seconds':>9}{'stmt/s':>10}{'peak RSS MB':>13}{'lrs CPU s':>11}"
          f"{'db CPU s':>10}")
    for name in ("import", "reimport", "export_ndjson", "export_csv"):
        figures = results.get(name)
        if figures:
            print(f"{name:<14}{figures['seconds']:>9}{figures['statements_per_s']:>10,}"
                  f"{figures['peak_rss_mb']:>13}{figures['lrs_cpu_s']:>11}"
                  f"{figures['database_cpu_s']:>10}")
    print(f"round trip identical (exported file == imported file): "
          f"{results.get('round_trip_identical')}")
    print(f"targets: {TARGETS}")


if __name__ == "__main__":
    sys.exit(main())
