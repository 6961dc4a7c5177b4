"""LRS load benchmark: `python -m benchmarks.lrs_load` (`make bench`).

Creates its own database (PostgreSQL by default), runs `lrs db upgrade`,
creates a credential, starts `lrs serve` with 2-4 gunicorn workers, and drives
it from this process over loopback:

1. batched POSTs, 50 statements each;
2. single-statement POSTs;
3. fill: batched POSTs (same API, larger batches) until ``--statements`` are stored;
4. GET /statements?agent=..&verb=..&since=..&limit=100, latency percentiles.

Each worker's resident memory is sampled from /proc throughout. Prints a table
and writes JSON to benchmarks/results/. See benchmarks/README.md.
"""

import argparse
import asyncio
import base64
import json
import os
import platform
import shutil
import signal
import sys
import time
from datetime import UTC, datetime

from . import server as sut
from .http_load import run_phase, stop_requested
from .workload import Workload

RESULTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "results")
TARGETS = {
    "batch_statements_per_s": 5000,
    "single_requests_per_s": 800,
    "query_p95_ms": 20,
    "worker_rss_mb": 200,
}


def parse_args(argv=None):
    p = argparse.ArgumentParser(prog="python -m benchmarks.lrs_load", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--backend", choices=("postgresql", "mariadb", "sqlite"),
                   default="postgresql",
                   help="database (admin URL from LRS_BENCH_POSTGRES_URL / LRS_BENCH_MYSQL_URL)")
    p.add_argument("--statements", type=int, default=1_000_000,
                   help="statements stored before the query phase (default 1,000,000)")
    p.add_argument("--workers", type=int, default=4, help="gunicorn workers (2-4)")
    p.add_argument("--threads", type=int, default=None,
                   help="threads per worker (default: lrs serve's default)")
    p.add_argument("--batch-statements", type=int, default=50_000,
                   help="statements sent in the batched phase (batches of --batch-size)")
    p.add_argument("--batch-size", type=int, default=50)
    p.add_argument("--batch-concurrency", type=int, default=8)
    p.add_argument("--singles", type=int, default=10_000, help="single-statement POSTs")
    p.add_argument("--single-concurrency", type=int, default=16)
    p.add_argument("--fill-batch-size", type=int, default=250)
    p.add_argument("--fill-concurrency", type=int, default=6)
    p.add_argument("--warmup", type=int, default=40, help="warm-up POSTs of 10 statements")
    p.add_argument("--queries", type=int, default=3000)
    p.add_argument("--query-concurrency", type=int, default=2)
    p.add_argument("--agents", type=int, default=5000, help="distinct learners")
    p.add_argument("--phase-seconds", type=float, default=120,
                   help="most seconds a measured phase runs (it stops at its count or here)")
    p.add_argument("--fill-seconds", type=float, default=900, help="most seconds the fill runs")
    p.add_argument("--no-vacuum", dest="vacuum", action="store_false",
                   help="query right after the fill, without VACUUM ANALYZE / ANALYZE TABLE")
    p.add_argument("--serve-arg", action="append", default=[],
                   help="extra argument for `lrs serve` (repeatable)")
    p.add_argument("--keep-database", action="store_true", help="don't drop the database")
    p.add_argument("--no-results-file", action="store_true")
    p.add_argument("--seed", type=int, default=1)
    return p.parse_args(argv)


def prepared(make_request, count):
    """``make_request`` for a phase, with its ``count`` requests made beforehand."""
    return iter([make_request() for _ in range(count)]).__next__


def _headers(server):
    token = base64.b64encode(f"{server.key}:{server.secret}".encode()).decode()
    return {"Authorization": f"Basic {token}", "X-Experience-API-Version": "1.0.3"}


async def _phases(args, server, workload, report, results):
    common = dict(host="127.0.0.1", port=server.port, headers=_headers(server))
    stored = 0
    cpu = sut.CPUMeter(server, server.database)
    last = {"cpu": cpu.snapshot()}

    def measured(name, phase):
        # CPU seconds per phase: on a shared 2-core machine, a load-independent cost.
        now = cpu.snapshot()
        report(name, phase, cpu.delta(last["cpu"], now))
        last["cpu"] = now

    def batch(size):
        return lambda: ("POST", "/xapi/statements", workload.batch_body(size))

    warm = await run_phase("warm-up", **common, make_request=batch(10), total=args.warmup,
                           concurrency=4, deadline_s=60, statements_per_request=10)
    stored += warm.statements
    last["cpu"] = cpu.snapshot()
    since_from = datetime.now(UTC)

    # The measured phases' requests are made before each phase, so the client spends its
    # CPU during the phase on HTTP alone, not on building statements (1.5 ms a batch of 50).
    batches = await run_phase(
        "batch", **common,
        make_request=prepared(batch(args.batch_size),
                              max(1, args.batch_statements // args.batch_size)),
        total=max(1, args.batch_statements // args.batch_size),
        concurrency=args.batch_concurrency, deadline_s=args.phase_seconds,
        statements_per_request=args.batch_size)
    stored += batches.statements
    measured("batch", batches)

    singles = await run_phase(
        "single", **common,
        make_request=prepared(lambda: ("POST", "/xapi/statements", workload.single_body()),
                              args.singles),
        total=args.singles, concurrency=args.single_concurrency,
        deadline_s=args.phase_seconds, statements_per_request=1)
    stored += singles.statements
    measured("single", singles)

    remaining = args.statements - stored
    if remaining > 0:
        # Full batches, then one with the rest, so that exactly --statements are stored.
        sizes = [args.fill_batch_size] * (remaining // args.fill_batch_size)
        sizes += [remaining % args.fill_batch_size] if remaining % args.fill_batch_size else []

        def fill_request():
            size = sizes.pop()
            return "POST", "/xapi/statements", workload.batch_body(size), size

        fill = await run_phase(
            "fill", **common, make_request=fill_request, total=len(sizes),
            concurrency=args.fill_concurrency, deadline_s=args.fill_seconds)
        stored += fill.statements
        measured("fill", fill)
    since_to = datetime.now(UTC)
    if args.vacuum and not stop_requested.is_set():
        # What autovacuum reaches in steady state, and what PostgreSQL advises after a
        # bulk load: statistics and the visibility map (index-only scans skip the heap).
        seconds = server.database.vacuum_analyze()
        results["vacuum_analyze_seconds"] = seconds
        print(f"vacuum/analyze after the fill: {seconds} s", flush=True)

    queries = await run_phase(
        "query", **common,
        make_request=lambda: ("GET", workload.query_path(since_from, since_to), b""),
        total=args.queries, concurrency=args.query_concurrency,
        deadline_s=args.phase_seconds, expect=(200,))
    measured("query", queries)
    return stored


def _verdicts(results):
    out = {}
    if "batch" in results:
        out["batch_statements_per_s"] = results["batch"].get("statements_per_s", 0)
    if "single" in results:
        out["single_requests_per_s"] = results["single"]["requests_per_s"]
    if "query" in results:
        out["query_p95_ms"] = results["query"].get("p95_ms")
    if "worker_rss_mb" in results:
        out["worker_rss_mb"] = max(results["worker_rss_mb"]["peak"].values(), default=None)
    checks = {}
    for name, value in out.items():
        target = TARGETS[name]
        ok = value is not None and (value <= target if name.endswith(("_ms", "_mb"))
                                    else value >= target)
        checks[name] = {"value": value, "target": target, "met": ok}
    return checks


def _print_table(results, checks):
    print()
    print(f"{'phase':<8} {'requests':>9} {'errors':>6} {'stmts/s':>9} {'req/s':>8} "
          f"{'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}   CPU ms/request: lrs, db, client")
    for name in ("batch", "single", "fill", "query"):
        r = results.get(name)
        if not r:
            continue
        cpu = r.get("cpu_seconds", {})
        per = ", ".join("-" if cpu.get(k) is None else f"{cpu[k] * 1000 / r['requests']:.2f}"
                        for k in ("workers", "database", "load_client"))
        print(f"{name:<8} {r['requests']:>9} {r['errors']:>6} "
              f"{r.get('statements_per_s', ''):>9} {r['requests_per_s']:>8} "
              f"{r.get('p50_ms', ''):>8} {r.get('p95_ms', ''):>8} {r.get('p99_ms', ''):>8}"
              f"   {per}")
    rss = results.get("worker_rss_mb", {})
    if rss:
        peaks = ", ".join(f"{v:.0f}" for v in rss["peak"].values())
        print(f"worker RSS peak (MB): {peaks}")
    print()
    for name, check in checks.items():
        mark = "met" if check["met"] else "NOT MET"
        print(f"{name:<24} {check['value']!s:>10}  target {check['target']:<6} {mark}")


def main(argv=None):
    args = parse_args(argv)
    if not 1 <= args.workers <= 8:
        raise SystemExit("--workers must be between 1 and 8")
    started = datetime.now(UTC)
    results = {}

    def interrupted(signum, _frame):
        # End the phases at once; the server and the database are still cleaned up.
        print(f"signal {signum}: stopping", file=sys.stderr, flush=True)
        stop_requested.set()

    stop_requested.clear()
    previous = {signum: signal.signal(signum, interrupted)
                for signum in (signal.SIGINT, signal.SIGTERM)}

    def report(name, phase, cpu=None):
        results[name] = phase.summary()
        if cpu:
            results[name]["cpu_seconds"] = cpu
        print(f"{name}: {json.dumps(results[name])}", flush=True)

    server = sut.Server("", workers=args.workers, threads=args.threads,
                        extra_args=args.serve_arg)
    database = sut.Database(args.backend, server.workdir)
    server.env["LRS_DATABASE_URL"] = database.url
    server.database = database
    sampler = None
    try:
        server.prepare()
        server.start()
        sampler = sut.RSSSampler(server)
        sampler.start()
        workload = Workload(agents=args.agents, seed=args.seed)
        t0 = time.perf_counter()
        stored = asyncio.run(_phases(args, server, workload, report, results))
        sampler.stop()
        results["stored_statements"] = stored
        results["total_seconds"] = round(time.perf_counter() - t0, 1)
        results["worker_rss_mb"] = {
            "peak": {str(pid): round(v, 1) for pid, v in sampler.peak.items()},
            "last": {str(pid): round(v, 1) for pid, v in sampler.last.items()},
            "samples": sampler.samples}
    except Exception:
        print(server.log_tail(), file=sys.stderr)
        raise
    finally:
        if sampler:
            sampler.stop()
        server.stop()
        if not args.keep_database:
            database.drop()
        else:
            print(f"kept database: {database.url}")
        shutil.rmtree(server.workdir, ignore_errors=True)
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    checks = _verdicts(results)
    _print_table(results, checks)
    document = {
        "started": started.isoformat(), "backend": args.backend, "workers": args.workers,
        "threads": args.threads, "machine": {"cpus": os.cpu_count(),
                                             "python": platform.python_version()},
        "options": vars(args), "results": results, "targets": checks,
    }
    if not args.no_results_file:
        os.makedirs(RESULTS, exist_ok=True)
        path = os.path.join(RESULTS, f"lrs_load-{args.backend}-"
                                     f"{started.strftime('%Y%m%dT%H%M%S')}.json")
        with open(path, "w") as handle:
            json.dump(document, handle, indent=2)
        print(f"\nresults: {path}")
    errors = sum(r.get("errors", 0) for r in results.values() if isinstance(r, dict))
    return document if errors == 0 else document | {"errors": errors}


if __name__ == "__main__":
    outcome = main()
    sys.exit(1 if outcome.get("errors") else 0)
