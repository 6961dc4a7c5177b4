"""The load benchmark runs end to end at a tiny size: SQLite, one worker, 2,000 statements."""

from benchmarks import lrs_load


def test_benchmark_runs_every_phase_without_errors(capsys):
    document = lrs_load.main([
        "--backend", "sqlite", "--workers", "1", "--statements", "2000",
        "--batch-statements", "500", "--singles", "100", "--queries", "50",
        "--agents", "50", "--warmup", "2", "--phase-seconds", "20", "--fill-seconds", "20",
        "--no-results-file",
    ])
    results = document["results"]
    assert "errors" not in document, capsys.readouterr().out
    assert results["stored_statements"] == 2000
    assert results["batch"]["statements"] == 500
    assert results["single"]["requests"] == 100
    assert results["query"]["requests"] == 50
    assert results["query"]["p95_ms"] > 0
    assert all(0 < mb < 1000 for mb in results["worker_rss_mb"]["peak"].values())
    assert set(document["targets"]) == set(lrs_load.TARGETS)
    table = capsys.readouterr().out
    assert "batch_statements_per_s" in table and "query_p95_ms" in table
