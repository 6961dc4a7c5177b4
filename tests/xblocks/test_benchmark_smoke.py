"""The path render benchmark runs end to end at a tiny size against the session's LRS."""

from benchmarks import xblocks_path_render


def test_benchmark_reports_warm_render_figures(lrs_server):
    figures = xblocks_path_render.run(renders=20, steps=20, lrs=lrs_server)
    assert figures["steps"] == 20 and figures["renders"] == 20
    assert 0 < figures["p50_ms"] <= figures["p95_ms"] <= figures["max_ms"]
    assert figures["cold_ms"] > 0
