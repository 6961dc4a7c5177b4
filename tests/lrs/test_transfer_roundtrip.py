"""`lrs export` then `lrs import` into an empty store gives back the same store: the same
statements (ids, exact JSON, stored order), the voided ones still voided, StatementRefs
still found through their targets, the same activity definitions; importing again stores
nothing twice."""

import json
import uuid

import orjson
import pytest

from tests.conftest import statement
from tests.lrs.transfer_support import lines, lrs, new_store

COURSE = "https://learning.example.org/courses/leading-teams"
MODULE = "https://learning.example.org/modules/leading-teams/feedback"


def _post(client, statements):
    response = client.post("/xapi/statements", json=statements)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


@pytest.fixture
def source_store(app, client_for):
    """A store filled through the API with every kind of statement there is."""
    storage = app.extensions["lrs.storage"]
    name = new_store(storage, "src")
    client = client_for(store=name)
    client20 = client_for(store=name, version="2.0.0")
    amina = {"objectType": "Agent", "name": "أمينة ديالو", "mbox": "mailto:amina@example.org"}
    module = {"objectType": "Activity", "id": MODULE, "definition": {
        "name": {"en-US": "Giving feedback", "fr-FR": "Donner du feedback"},
        "type": "http://adlnet.gov/expapi/activities/module"}}
    first, to_void, other = _post(client, [
        statement(actor=amina, object=module, result={"score": {"scaled": 0.8},
                                                      "success": True},
                  context={"registration": str(uuid.uuid4()),
                           "contextActivities": {"parent": {"id": COURSE}}}),
        statement(object=module),
        statement(verb={"id": "http://adlnet.gov/expapi/verbs/attempted"}),
    ])
    _post(client, [statement(
        actor={"objectType": "Group", "name": "Cohort 3", "member": [
            {"mbox": "mailto:li.wei@example.org"}, {"mbox": "mailto:omar@example.org"}]},
        object={"objectType": "SubStatement", "actor": amina,
                "verb": {"id": "http://adlnet.gov/expapi/verbs/passed"},
                "object": {"id": MODULE}},
        attachments=[{"usageType": "http://example.org/usage/evidence",
                      "display": {"en-US": "evidence"}, "contentType": "text/plain",
                      "length": 5, "sha2": "a" * 64,
                      "fileUrl": "https://files.example.org/evidence.txt"}])])
    _post(client, [statement(
        verb={"id": "http://adlnet.gov/expapi/verbs/voided"},
        object={"objectType": "StatementRef", "id": to_void})])
    _post(client, [statement(
        verb={"id": "http://adlnet.gov/expapi/verbs/commented",
              "display": {"en-US": "commented"}},
        object={"objectType": "StatementRef", "id": first})])
    _post(client20, [statement(context={"contextAgents": [{
        "objectType": "contextAgent", "agent": {"mbox": "mailto:coach@example.org"}}]})])
    return {"name": name, "client": client, "first": first, "voided": to_void,
            "other": other, "amina": amina}


def _export(database_url, store, path, *extra):
    result = lrs(database_url, "export", "--store", store, "-o", path, *extra)
    assert result.exit_code == 0, result.output
    return path.read_bytes()


def _query(client, **params):
    params = {k: json.dumps(v) if isinstance(v, dict) else v for k, v in params.items()}
    response = client.get("/xapi/statements", query_string=params)
    assert response.status_code == 200
    return [s["id"] for s in response.get_json()["statements"]]


def test_export_then_import_gives_back_the_same_store(app, database_url, source_store,
                                                      client_for, tmp_path):
    storage = app.extensions["lrs.storage"]
    exported = _export(database_url, source_store["name"], tmp_path / "a.ndjson")
    assert len(exported.splitlines()) == 7
    target = new_store(storage, "dst")
    # Tiny batches: voiding and StatementRef statements land in batches of their own.
    imported = lrs(database_url, "import", tmp_path / "a.ndjson", "--store", target,
                   "--batch-lines", 2, "--jobs", 1)
    assert imported.exit_code == 0, imported.output
    assert "7 accepted, 0 rejected, 0 skipped" in imported.stdout

    # Ids, stored order, exact JSON: the exports are the same bytes.
    assert _export(database_url, target, tmp_path / "b.ndjson") == exported

    source, copy = source_store["client"], client_for(store=target)
    voided = source_store["voided"]
    assert copy.get("/xapi/statements", query_string={"statementId": voided}).status_code \
        == 404
    again = copy.get("/xapi/statements", query_string={"voidedStatementId": voided})
    assert again.status_code == 200
    # The same answers to the same queries, StatementRef targets' filters included.
    for params in ({}, {"agent": source_store["amina"]}, {"activity": MODULE},
                   {"activity": COURSE, "related_activities": "true"},
                   {"verb": "http://adlnet.gov/expapi/verbs/commented"},
                   {"agent": {"mbox": "mailto:coach@example.org"},
                    "related_agents": "true"}):
        assert _query(copy, **params) == _query(source, **params), params
    assert source_store["first"] in _query(copy, agent=source_store["amina"])
    # Activity definitions came along.
    definition = copy.get("/xapi/activities", query_string={"activityId": MODULE})
    assert definition.get_json() == source.get(
        "/xapi/activities", query_string={"activityId": MODULE}).get_json()


def test_importing_again_stores_nothing_twice(app, database_url, source_store, tmp_path):
    storage = app.extensions["lrs.storage"]
    exported = _export(database_url, source_store["name"], tmp_path / "a.ndjson")
    target = new_store(storage, "dst")
    for expected in ("7 accepted, 0 rejected, 0 skipped", "0 accepted, 0 rejected, 7 skipped"):
        result = lrs(database_url, "import", tmp_path / "a.ndjson", "--store", target,
                     "--jobs", 1)
        assert expected in result.stdout, result.output
    assert _export(database_url, target, tmp_path / "b.ndjson") == exported
    # The source store itself: everything is there already.
    result = lrs(database_url, "import", tmp_path / "a.ndjson", "--store",
                 source_store["name"], "--jobs", 1)
    assert "0 accepted, 0 rejected, 7 skipped" in result.stdout


def test_a_changed_statement_with_a_stored_id_is_a_conflict(app, database_url, source_store,
                                                            tmp_path):
    path = tmp_path / "a.ndjson"
    _export(database_url, source_store["name"], path)
    statements = lines(path)
    changed = dict(statements[2], verb={"id": "http://adlnet.gov/expapi/verbs/failed"})
    new = dict(statements[0], id=str(uuid.uuid4()))
    path.write_bytes(b"\n".join(orjson.dumps(s) for s in (changed, new)) + b"\n")
    result = lrs(database_url, "import", path, "--store", source_store["name"], "--jobs", 1)
    assert result.exit_code == 1
    assert f"line 1: rejected: conflict: statement {changed['id']}" in result.stderr
    assert "1 accepted, 1 rejected, 0 skipped" in result.stdout
    stored = source_store["client"].get("/xapi/statements",
                                        query_string={"statementId": changed["id"]})
    assert stored.get_json()["verb"]["id"] == "http://adlnet.gov/expapi/verbs/attempted"
