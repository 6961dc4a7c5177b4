"""`lrs import`: bad lines reported by line number with the good ones kept, resuming after
an interruption, statements without ids imported once, xAPI versions, attachments."""

import os
import subprocess
import sys
import time

import pytest
from sqlalchemy import select

from lrs.service import forwarding, transfer_import
from lrs.storage import bulk
from tests.lrs.transfer_support import learner_statement, lines, lrs, ndjson, new_store

PASSED = "http://adlnet.gov/expapi/verbs/passed"


def _export_ids(database_url, store, tmp_path):
    out = tmp_path / f"{store}.ndjson"
    assert lrs(database_url, "export", "--store", store, "-o", out).exit_code == 0
    return [s["id"] for s in lines(out)]


def test_bad_lines_are_reported_with_their_numbers_and_good_lines_kept(app, database_url,
                                                                        tmp_path):
    store = new_store(app.extensions["lrs.storage"])
    good = [learner_statement(i) for i in range(6)]
    path = ndjson(tmp_path / "mixed.ndjson", [
        good[0],
        b'{"actor": {"mbox": "mailto:x@example.org"}, "verb": ',     # line 2: cut short
        good[1],
        b"[1, 2, 3]",                                                # line 4: not an object
        b"",                                                         # line 5: blank
        good[2],
        learner_statement(90, verb={"display": {"en-US": "did"}}),   # line 7: no verb id
        learner_statement(91, id="not-a-uuid"),                      # line 8
        good[3],
        good[4],
        good[5],
    ])
    # Two worker processes and batches of three: the report still comes in line order.
    result = lrs(database_url, "import", path, "--store", store, "--batch-lines", 3,
                 "--jobs", 2)
    assert result.exit_code == 1
    assert "6 accepted, 4 rejected, 0 skipped" in result.stdout
    report = [line for line in result.stderr.splitlines() if "rejected:" in line]
    assert [line.split(":")[0] for line in report] == ["line 2", "line 4", "line 7", "line 8"]
    assert "malformed JSON" in report[0]
    assert "not a statement" in report[1]
    assert "verb" in report[2] and "invalid statement" in report[2]
    assert "not-a-uuid" in report[3]
    assert _export_ids(database_url, store, tmp_path) == [s["id"] for s in good]


def test_an_interrupted_import_resumes_after_the_last_batch_written(app, database_url,
                                                                   tmp_path, monkeypatch):
    store = new_store(app.extensions["lrs.storage"])
    statements = [learner_statement(i) for i in range(10)]
    path = ndjson(tmp_path / "ten.ndjson", statements)
    real_save = bulk._save_checkpoint
    calls = []

    def crash_on_third_batch(conn, checkpoint, finished=False):
        calls.append(checkpoint.line_no)
        if len(calls) == 3:
            raise RuntimeError("power cut")  # inside the batch's transaction: rolled back
        real_save(conn, checkpoint, finished)

    monkeypatch.setattr(bulk, "_save_checkpoint", crash_on_third_batch)
    crashed = lrs(database_url, "import", path, "--store", store, "--batch-lines", 3,
                  "--jobs", 1, catch_exceptions=True)
    assert isinstance(crashed.exception, RuntimeError)
    assert _export_ids(database_url, store, tmp_path) == [s["id"] for s in statements[:6]]

    monkeypatch.setattr(bulk, "_save_checkpoint", real_save)
    resumed = lrs(database_url, "import", path, "--store", store, "--batch-lines", 3,
                  "--jobs", 1)
    assert resumed.exit_code == 0, resumed.output
    assert "resumed after line 6; before that: 6 accepted, 0 rejected, 0 skipped" \
        in resumed.stderr
    # Lines 7-10 only: nothing before the checkpoint was read again.
    assert "4 accepted, 0 rejected, 0 skipped" in resumed.stdout
    assert _export_ids(database_url, store, tmp_path) == [s["id"] for s in statements]

    # Finished: the next import of the file reads it all again, and stores nothing twice.
    again = lrs(database_url, "import", path, "--store", store, "--jobs", 1)
    assert "0 accepted, 0 rejected, 10 skipped" in again.stdout
    assert "resumed" not in again.stderr


def test_statements_without_ids_are_imported_once(app, database_url, tmp_path):
    store = new_store(app.extensions["lrs.storage"])
    anonymous = [{k: v for k, v in learner_statement(i).items() if k != "id"}
                 for i in range(3)]
    path = ndjson(tmp_path / "no-ids.ndjson", anonymous)
    first = lrs(database_url, "import", path, "--store", store, "--jobs", 1)
    assert "3 accepted" in first.stdout
    second = lrs(database_url, "import", path, "--store", store, "--jobs", 1, "--restart")
    assert "0 accepted, 0 rejected, 3 skipped" in second.stdout
    assert len(_export_ids(database_url, store, tmp_path)) == 3


def test_stored_and_authority_are_kept_and_filled_in_when_missing(app, database_url,
                                                                  tmp_path):
    store = new_store(app.extensions["lrs.storage"])
    authority = {"objectType": "Agent", "account": {"homePage": "https://old-lrs.example.org",
                                                    "name": "moodle"}}
    kept = learner_statement(1, stored="2025-06-01T08:00:00.000Z", authority=authority)
    bare = learner_statement(2, timestamp="2025-06-01T10:00:00+02:00")
    path = ndjson(tmp_path / "two.ndjson", [kept, bare])
    assert "2 accepted" in lrs(database_url, "import", path, "--store", store,
                               "--jobs", 1).stdout
    out = tmp_path / "out.ndjson"
    lrs(database_url, "export", "--store", store, "-o", out)
    first, second = lines(out)
    assert first == {**kept, "version": "1.0.0"}
    assert second["timestamp"] == "2025-06-01T08:00:00.000Z"  # UTC, as the API stores it
    assert second["authority"]["account"]["name"] == "lrs-import"
    assert second["stored"] > first["stored"]


@pytest.mark.parametrize("version, accepted", [("auto", True), ("2.0.0", True),
                                               ("1.0.3", False)])
def test_xapi_version_rules(app, database_url, tmp_path, version, accepted):
    store = new_store(app.extensions["lrs.storage"])
    only_in_2 = learner_statement(1, version="2.0.0", context={"contextAgents": [
        {"objectType": "contextAgent", "agent": {"mbox": "mailto:coach@example.org"}}]})
    path = ndjson(tmp_path / "v2.ndjson", [only_in_2])
    result = lrs(database_url, "import", path, "--store", store, "--xapi-version", version,
                 "--jobs", 1)
    assert ("1 accepted" in result.stdout) is accepted, result.output


def test_attachment_content_is_reported_as_not_transferred(app, database_url, tmp_path):
    store = new_store(app.extensions["lrs.storage"])
    attachment = {"usageType": "http://example.org/usage/certificate",
                  "display": {"en-US": "certificate"}, "contentType": "application/pdf",
                  "length": 1200, "sha2": "b" * 64}
    with_url = dict(attachment, fileUrl="https://files.example.org/certificate.pdf")
    path = ndjson(tmp_path / "att.ndjson", [
        learner_statement(1, attachments=[with_url]),
        learner_statement(2, attachments=[attachment])])
    result = lrs(database_url, "import", path, "--store", store, "--jobs", 1)
    assert "2 accepted, 0 rejected" in result.stdout
    assert "1 statements have attachments whose content is not transferred" in result.stderr
    assert "lines 2" in result.stderr


def test_unknown_store_is_a_usage_error(database_url, tmp_path):
    path = ndjson(tmp_path / "one.ndjson", [learner_statement(1)])
    result = lrs(database_url, "import", path, "--store", "no-such-store")
    assert result.exit_code == 2
    assert "no store named 'no-such-store'" in result.stderr


def test_a_killed_import_process_resumes_where_it_stopped(app, database_url, tmp_path):
    """A real interruption: `lrs import` killed (SIGKILL) part-way, then run again."""
    storage = app.extensions["lrs.storage"]
    store = new_store(storage)
    statements = [learner_statement(i) for i in range(3000)]
    path = ndjson(tmp_path / "many.ndjson", statements)
    env = {**os.environ, "LRS_DATABASE_URL": database_url}
    process = subprocess.Popen(
        [sys.executable, "-m", "lrs.cli", "import", str(path), "--store", store,
         "--batch-lines", "50", "--jobs", "1"], env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    source = transfer_import.source_digest(path)
    store_id = storage.credentials.store_id(store)
    deadline = time.monotonic() + 120
    try:
        while _checkpoint_line(storage, store_id, source) < 300:
            assert process.poll() is None and time.monotonic() < deadline
            time.sleep(0.02)
    finally:
        process.kill()
        process.wait()
    stopped_at = _checkpoint_line(storage, store_id, source)
    assert 300 <= stopped_at < 3000

    resumed = lrs(database_url, "import", path, "--store", store, "--jobs", 1)
    assert resumed.exit_code == 0, resumed.output
    assert f"resumed after line {stopped_at}" in resumed.stderr
    assert f"{3000 - stopped_at} accepted, 0 rejected, 0 skipped" in resumed.stdout
    assert _export_ids(database_url, store, tmp_path) == [s["id"] for s in statements]


def _checkpoint_line(storage, store_id, source):
    with storage.engine.connect() as conn:
        return conn.execute(select(bulk.CP.c.line_no).where(
            bulk.CP.c.store_id == store_id, bulk.CP.c.source == source)).scalar() or 0


@pytest.mark.parametrize("batch_lines", [1, 10])
def test_statements_targeting_one_later_in_the_file(app, database_url, tmp_path, client_for,
                                                    batch_lines):
    """A voiding statement or StatementRef before its target (in the same batch or an
    earlier one): the target comes out voided, the reference found through it."""
    store = new_store(app.extensions["lrs.storage"])
    target, referenced = learner_statement(1), learner_statement(2)
    voiding = learner_statement(3, verb={"id": "http://adlnet.gov/expapi/verbs/voided"},
                                object={"objectType": "StatementRef", "id": target["id"]})
    comment = learner_statement(4, verb={"id": "http://adlnet.gov/expapi/verbs/commented"},
                                object={"objectType": "StatementRef",
                                        "id": referenced["id"]})
    path = ndjson(tmp_path / "refs-first.ndjson", [voiding, comment, target, referenced])
    result = lrs(database_url, "import", path, "--store", store, "--jobs", 1,
                 "--batch-lines", batch_lines)
    assert "4 accepted" in result.stdout, result.output
    client = client_for(store=store)
    assert client.get("/xapi/statements",
                      query_string={"statementId": target["id"]}).status_code == 404
    assert client.get("/xapi/statements",
                      query_string={"voidedStatementId": target["id"]}).status_code == 200
    found = client.get("/xapi/statements", query_string={
        "activity": referenced["object"]["id"],
        "agent": '{"mbox": "mailto:learner4@example.org"}'}).get_json()["statements"]
    assert [s["id"] for s in found] == [comment["id"]]


def test_imported_statements_are_queued_for_the_stores_forwarding_rules(app, database_url,
                                                                        tmp_path):
    """As the API's: a rule for every statement and one for a verb get their statements in
    the import's own transactions, the plain (COPY) and the StatementRef paths alike; a
    re-import queues nothing twice, and another store's rule nothing at all."""
    storage = app.extensions["lrs.storage"]
    store, other = new_store(storage), new_store(storage)
    rule_args = dict(endpoint="http://127.0.0.1:9/xapi/", username="u", password="p",
                     settle_seconds=0)
    every, passed, elsewhere = (
        forwarding.add_rule(storage, store_id=storage.credentials.store_id(name), name=rule,
                            verbs=verbs, **rule_args)[0]
        for name, rule, verbs in ((store, "all", ()), (store, "passed", (PASSED,)),
                                  (other, "all", ())))
    statements = [learner_statement(i) for i in range(5)]
    statements += [learner_statement(i, verb={"id": PASSED}) for i in range(5, 8)]
    statements.append(learner_statement(9, object={"objectType": "StatementRef",
                                                   "id": statements[0]["id"]}))
    path = ndjson(tmp_path / "forwarded.ndjson", statements)

    def backlogs():
        return {status.rule.id: status.backlog for status in storage.forwarding.status()
                if status.rule.id in (every.id, passed.id, elsewhere.id)}

    assert lrs(database_url, "import", path, "--store", store).exit_code == 0
    assert backlogs() == {every.id: 9, passed.id: 3, elsewhere.id: 0}
    assert lrs(database_url, "import", path, "--store", store, "--restart").exit_code == 0
    assert backlogs() == {every.id: 9, passed.id: 3, elsewhere.id: 0}


def test_a_rule_created_while_an_import_runs_gets_the_batches_its_cache_missed(app, tmp_path):
    """A rule's backfill finds statements by `stored`, which imported statements keep from
    their source; batches written while the import's cached rules didn't have the new rule
    yet are queued for it right after they commit."""
    storage = app.extensions["lrs.storage"]
    store_id = storage.credentials.store_id(new_store(storage))
    cache = forwarding.rule_cache(storage)
    cache.reload()   # as a running import's: taken before the rule exists, fresh for 2 s
    rule, _backfilled = forwarding.add_rule(
        storage, store_id=store_id, name="late", endpoint="http://127.0.0.1:9/xapi/",
        username="u", password="p", verbs=(PASSED,), settle_seconds=0)
    statements = [learner_statement(i) for i in range(4)]
    statements += [learner_statement(i, verb={"id": PASSED}) for i in range(4, 7)]
    path = ndjson(tmp_path / "during.ndjson", statements)
    summary = transfer_import.import_file(storage, store_id, str(path), authority=None,
                                          batch_lines=3)
    assert summary.accepted == 7
    assert cache.rules_for(store_id) == ()   # the import's transactions never saw the rule
    assert [p.statement_id for p in storage.forwarding.pending(rule.id, 100)] == \
        [s["id"] for s in statements[4:]]
