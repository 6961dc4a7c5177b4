"""Erasure (`lrs forget-agent`): every record of a person goes, or becomes an opaque account,
wherever the person appears; queries can't find them afterwards; the audit holds no
personal data."""

import hashlib
import json
import uuid

import pytest

from lrs.service.erasure import forget_agent
from tests.conftest import statement
from tests.lrs.test_cli import operator_env, run  # noqa: F401 (fixture)

COMPLETED = "http://adlnet.gov/expapi/verbs/completed"
MODULE = "https://learning.example.org/modules/erasure/feedback"


def _people():
    tag = uuid.uuid4().hex[:6]
    fatima = {"objectType": "Agent", "name": "Fatima Haidari",
              "mbox": f"mailto:fatima.{tag}@example.org"}
    omar = {"objectType": "Agent", "name": "Omar Said", "mbox": f"mailto:omar.{tag}@example.org"}
    return fatima, omar


def _fatima_everywhere(fatima, omar):
    sha1 = {"mbox_sha1sum": hashlib.sha1(fatima["mbox"].encode()).hexdigest()}
    team = {"objectType": "Group", "name": "Team A", "member": [omar, fatima]}
    return [
        statement(actor=fatima),
        statement(actor=omar, object=dict(fatima)),                      # object
        statement(actor=team),                                           # group member
        statement(actor=omar, context={"instructor": fatima}),           # instructor
        statement(actor=omar, context={"team": {"objectType": "Group",
                                                "member": [fatima]}}),   # team
        statement(actor=omar, object={"objectType": "SubStatement", "actor": fatima,
                                      "verb": {"id": COMPLETED},
                                      "object": {"id": MODULE}}),      # sub-statement
        statement(actor={"objectType": "Agent", **sha1}),               # her sha1 form
    ]


@pytest.fixture
def store(client_for, xapi, app):
    client = client_for(store=f"erasure-{uuid.uuid4().hex[:6]}", version=xapi.version)
    storage = app.extensions["lrs.storage"]
    return client, storage, storage.credentials.find(client.key).store_id


def _post_all(client, statements):
    for item in statements:
        item.setdefault("id", str(uuid.uuid4()))
        assert client.post("/xapi/statements", json=item).status_code == 200


def _ids(client, **query):
    for key in ("agent",):
        if key in query:
            query[key] = json.dumps(query[key])
    page = client.get("/xapi/statements", query_string={"limit": 100, **query}).get_json()
    return {s["id"] for s in page["statements"]}


def test_delete_removes_every_statement_and_document_naming_the_agent(store):
    client, storage, store_id = store
    fatima, omar = _people()
    hers = _fatima_everywhere(fatima, omar)
    _post_all(client, hers)
    his = statement(actor=omar, id=str(uuid.uuid4()))
    # Omar's statement that refers to one of hers: it stays, but her keys leave it.
    ref = statement(actor=omar, id=str(uuid.uuid4()),
                    object={"objectType": "StatementRef", "id": hers[0]["id"]})
    _post_all(client, [his, ref])
    state = {"activityId": MODULE, "agent": json.dumps(fatima), "stateId": "bookmark"}
    client.put("/xapi/activities/state", query_string=state, data=b"p3",
               content_type="text/plain")
    client.put("/xapi/agents/profile", query_string={"agent": json.dumps(fatima),
                                                     "profileId": "prefs"},
               json={"lang": "fa"}, headers={"If-None-Match": "*"})
    omar_state = dict(state, agent=json.dumps(omar))
    client.put("/xapi/activities/state", query_string=omar_state, data=b"p1",
               content_type="text/plain")

    summary = forget_agent(storage, store_id, {"mbox": fatima["mbox"]}, operator="dpo")
    assert summary["statements"] == len(hers)
    assert summary["documents"] == 2

    assert _ids(client, agent=fatima) == set()
    assert _ids(client, agent=fatima, related_agents="true") == set()
    assert _ids(client, agent=fatima, verb=COMPLETED) == set()
    assert _ids(client, agent=fatima, verb=COMPLETED, related_agents="true") == set()
    remaining = _ids(client)
    assert remaining == {his["id"], ref["id"]}
    body = client.get("/xapi/statements", query_string={"limit": 100}).get_data(as_text=True)
    assert fatima["mbox"] not in body and "Fatima" not in body
    assert client.get("/xapi/activities/state", query_string=state).status_code == 404
    assert client.get("/xapi/agents/profile", query_string={
        "agent": json.dumps(fatima), "profileId": "prefs"}).status_code == 404
    assert client.get("/xapi/activities/state", query_string=omar_state).data == b"p1"
    person = client.get("/xapi/agents", query_string={
        "agent": json.dumps({"mbox": fatima["mbox"]})}).get_json()
    assert person.get("name", []) == []

    record = storage.erasure.audit(store_id)[-1]
    assert record.operator == "dpo" and record.action == "forget-agent"
    assert fatima["mbox"] not in record.details and "Fatima" not in record.details
    assert json.loads(record.details)["statements"] == len(hers)


def test_pseudonymise_keeps_the_records_under_one_opaque_account(store):
    client, storage, store_id = store
    fatima, omar = _people()
    hers = _fatima_everywhere(fatima, omar)
    _post_all(client, hers)
    forget_agent(storage, store_id, dict(fatima), pseudonymise=True, operator="dpo")

    assert _ids(client, agent=fatima, related_agents="true") == set()
    page = client.get("/xapi/statements", query_string={"limit": 100}).get_data(as_text=True)
    assert fatima["mbox"] not in page and "Fatima" not in page
    statements = json.loads(page)["statements"]
    assert {s["id"] for s in statements} == {s["id"] for s in hers}
    pseudonym = next(s["actor"] for s in statements if s["id"] == hers[0]["id"])
    assert set(pseudonym) == {"objectType", "account"}
    # The same account stands for her everywhere, so reports still count one learner.
    found = _ids(client, agent=pseudonym, related_agents="true")
    assert found == {s["id"] for s in hers}
    assert _ids(client, agent=omar) >= {hers[1]["id"]}


def test_other_stores_are_untouched(client_for, app, xapi):
    fatima, _ = _people()
    storage = app.extensions["lrs.storage"]
    here = client_for(store=f"here-{uuid.uuid4().hex[:6]}", version=xapi.version)
    there = client_for(store=f"there-{uuid.uuid4().hex[:6]}", version=xapi.version)
    _post_all(here, [statement(actor=fatima)])
    _post_all(there, [statement(actor=fatima)])
    forget_agent(storage, storage.credentials.find(here.key).store_id, fatima)
    assert _ids(here, agent=fatima) == set()
    assert len(_ids(there, agent=fatima)) == 1


def test_cli_forget_agent_with_dry_run_and_audit(operator_env):  # noqa: F811
    run("db", "upgrade")
    bad = run("forget-agent", "not json", "--yes")
    assert bad.exit_code == 2 and "not JSON" in bad.output
    anonymous = run("forget-agent", '{"name": "Somebody"}', "--yes")
    assert anonymous.exit_code == 2 and "mbox" in anonymous.output
    dry = run("forget-agent", '{"mbox": "mailto:x@example.org"}', "--dry-run")
    assert dry.exit_code == 0 and "would delete: 0 statements" in dry.output
    done = run("forget-agent", '{"mbox": "mailto:x@example.org"}', "--yes", "--operator", "dpo")
    assert done.exit_code == 0 and "deleted: 0 statements" in done.output
    audit = run("audit").output
    assert "forget-agent\tdpo" in audit and "x@example.org" not in audit
