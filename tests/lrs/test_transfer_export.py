"""`lrs export`: filters, CSV columns, one store only, and streaming page by page."""

import csv
import io
import json

import pytest
from sqlalchemy import event

from lrs.service.transfer_export import ExportFilter, export
from tests.lrs.transfer_support import learner_statement, lines, lrs, ndjson, new_store

VERB = "http://adlnet.gov/expapi/verbs/"
MODULE = "https://learning.example.org/modules/"


@pytest.fixture
def filled_store(app, database_url, tmp_path):
    """Nine statements in a store of their own: three learners x (completed, passed,
    failed) on two modules, stored an hour apart."""
    store = new_store(app.extensions["lrs.storage"])
    statements = []
    for index, (learner, verb) in enumerate(
            (learner, verb) for learner in range(3) for verb in ("completed", "passed",
                                                                "failed")):
        statements.append(learner_statement(
            learner, verb={"id": VERB + verb, "display": {"en-US": verb, "fr": f"fr-{verb}"}},
            object={"objectType": "Activity", "id": MODULE + ("a" if index % 2 else "b"),
                    "definition": {"name": {"en-US": f"Module {index % 2}"}}},
            stored=f"2026-04-01T{index:02d}:00:00.000Z"))
    path = ndjson(tmp_path / "nine.ndjson", statements)
    assert lrs(database_url, "import", path, "--store", store, "--jobs", 1).exit_code == 0
    return store, statements


def _ids(database_url, store, tmp_path, *args):
    out = tmp_path / "out.ndjson"
    result = lrs(database_url, "export", "--store", store, "-o", out, *args)
    assert result.exit_code == 0, result.output
    return [s["id"] for s in lines(out)]


def test_filters(database_url, filled_store, tmp_path):
    store, statements = filled_store
    ids = [s["id"] for s in statements]
    learner1 = json.dumps({"mbox": "mailto:learner1@example.org"})
    assert _ids(database_url, store, tmp_path) == ids
    assert _ids(database_url, store, tmp_path, "--agent", learner1) == ids[3:6]
    assert _ids(database_url, store, tmp_path, "--verb", VERB + "passed") == ids[1::3]
    assert _ids(database_url, store, tmp_path, "--activity", MODULE + "a") == ids[1::2]
    assert _ids(database_url, store, tmp_path, "--agent", learner1, "--verb",
                VERB + "failed", "--activity", MODULE + "a") == [ids[5]]
    # since is exclusive and until inclusive, as in the API.
    assert _ids(database_url, store, tmp_path, "--since", "2026-04-01T02:00:00Z",
                "--until", "2026-04-01T05:00:00Z") == ids[3:6]
    assert _ids(database_url, store, tmp_path, "--since", "2026-04-01T03:30:00+01:00",
                "--verb", VERB + "completed") == ids[3::3]


def test_bad_filters_are_usage_errors(database_url, filled_store):
    store, _ = filled_store
    for args in (["--agent", "{not json"], ["--agent", '{"name": "no identifier"}'],
                 ["--since", "yesterday"]):
        result = lrs(database_url, "export", "--store", store, *args)
        assert result.exit_code == 2, args
        assert "Invalid value" in result.stderr


def test_csv_columns(app, database_url, filled_store, tmp_path, client_for):
    store, statements = filled_store
    first = statements[0]
    rich = learner_statement(
        7, actor={"name": "=HYPERLINK(\"http://evil.example\")",
                  "mbox": "mailto:formula@example.org"},
        result={"score": {"scaled": -0.5, "raw": 4, "min": 0, "max": 10}, "success": False,
                "completion": True, "duration": "PT4M"},
        context={"registration": "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9",
                 "contextActivities": {"parent": [{"id": MODULE + "course"}]}},
        stored="2026-04-02T00:00:00.000Z")
    voiding = learner_statement(8, verb={"id": VERB + "voided"},
                                object={"objectType": "StatementRef", "id": first["id"]},
                                stored="2026-04-03T00:00:00.000Z")
    path = ndjson(tmp_path / "more.ndjson", [rich, voiding])
    assert lrs(database_url, "import", path, "--store", store, "--jobs", 1).exit_code == 0
    out = tmp_path / "out.csv"
    result = lrs(database_url, "export", "--store", store, "--format", "csv", "-o", out,
                 "--language", "fr-CA")
    assert result.exit_code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: spreadsheets read UTF-8
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig"))))
    assert len(rows) == 11
    assert list(rows[0]) == [
        "id", "stored", "timestamp", "actor_type", "actor_name", "actor_ifi", "verb_id",
        "verb_display", "object_type", "object_id", "object_name", "result_score_scaled",
        "result_score_raw", "result_score_min", "result_score_max", "result_success",
        "result_completion", "result_duration", "result_response", "context_registration",
        "context_platform", "context_language", "context_parent", "context_grouping",
        "authority", "version", "voided"]
    assert rows[0]["id"] == first["id"]
    assert rows[0]["voided"] == "true" and rows[1]["voided"] == "false"
    assert rows[0]["actor_name"] == "Learner 0"
    assert rows[0]["actor_ifi"] == "mbox:mailto:learner0@example.org"
    assert rows[0]["verb_display"] == "fr-completed"   # fr-CA: the French display
    assert rows[0]["object_name"] == "Module 0"        # only en-US there: that one
    assert rows[0]["stored"] == "2026-04-01T00:00:00.000Z"
    row = rows[9]
    assert row["actor_name"].startswith("'=")  # never run as a formula
    assert (row["result_score_scaled"], row["result_score_raw"], row["result_score_max"],
            row["result_success"], row["result_completion"], row["result_duration"]) == (
        "-0.5", "4", "10", "false", "true", "PT4M")
    assert row["context_registration"] == "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9"
    assert row["context_parent"] == MODULE + "course"
    assert (rows[10]["object_type"], rows[10]["object_id"]) == ("StatementRef", first["id"])


def test_export_holds_only_the_store_asked_for(app, database_url, tmp_path):
    storage = app.extensions["lrs.storage"]
    one, two = new_store(storage), new_store(storage)
    shared = learner_statement(1)  # the same statement id in both stores
    path_one = ndjson(tmp_path / "one.ndjson", [shared, learner_statement(2)])
    path_two = ndjson(tmp_path / "two.ndjson", [dict(shared, verb={"id": VERB + "failed"}),
                                                learner_statement(3)])
    for store, path in ((one, path_one), (two, path_two)):
        assert "2 accepted" in lrs(database_url, "import", path, "--store", store,
                                   "--jobs", 1).stdout
    out = tmp_path / "out.ndjson"
    lrs(database_url, "export", "--store", two, "-o", out)
    exported = lines(out)
    assert [s["id"] for s in exported] == [shared["id"],
                                           lines(path_two)[1]["id"]]
    assert exported[0]["verb"]["id"] == VERB + "failed"


def test_export_streams_page_by_page(app, filled_store):
    """Memory stays flat: each page is written before the next is read (the full-size
    figure is the benchmark's)."""
    storage = app.extensions["lrs.storage"]
    store, statements = filled_store
    store_id = storage.credentials.store_id(store)
    queries = []

    def count(_conn, _cursor, sql, *_args):
        if sql.lstrip().upper().startswith("SELECT") and "statements" in sql:
            queries.append(sql)

    event.listen(storage.bulk.reader, "before_cursor_execute", count)
    writes = []

    class Sink(io.BytesIO):
        def write(self, data):
            writes.append((len(queries), data.count(b"\n")))
            return super().write(data)

    try:
        sink = Sink()
        written = export(storage, store_id, sink, page_size=4,
                         where=ExportFilter())
    finally:
        event.remove(storage.bulk.reader, "before_cursor_execute", count)
    assert written == 9
    # Pages of 4, 4 and 1 rows, each written out right after its own query.
    assert writes == [(1, 4), (2, 4), (3, 1)]
    assert [json.loads(line)["id"] for line in sink.getvalue().splitlines()] == \
        [s["id"] for s in statements]


def test_imports_and_exports_leave_audit_records_without_personal_data(database_url,
                                                                       filled_store,
                                                                       tmp_path):
    store, _ = filled_store
    learner = json.dumps({"mbox": "mailto:learner1@example.org"})
    result = lrs(database_url, "export", "--store", store, "--agent", learner,
                 "--operator", "Data protection officer", "-o", tmp_path / "one.ndjson")
    assert result.exit_code == 0
    audit = lrs(database_url, "audit", "--store", store).stdout.splitlines()
    assert len(audit) == 2  # the fixture's import, then this export
    assert "\timport\t" in audit[0] and '"accepted": 9' in audit[0]
    assert "\texport\tData protection officer\t" in audit[1]
    assert '"filters": ["agent"]' in audit[1] and '"statements": 3' in audit[1]
    assert "learner1" not in "\n".join(audit)
