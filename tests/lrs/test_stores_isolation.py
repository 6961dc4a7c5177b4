"""Stores: two organisations on one LRS never see, change or learn of each other's records."""

import json
import uuid

import pytest

from tests.conftest import statement

ACTIVITY = "https://learning.example.org/modules/isolation/coaching"
VERB = "http://adlnet.gov/expapi/verbs/completed"


@pytest.fixture
def pair(client_for, xapi):
    """Two clients in two fresh stores, speaking the version of the `xapi` fixture."""
    suffix = uuid.uuid4().hex[:6]
    return (client_for(store=f"unog-{suffix}", version=xapi.version),
            client_for(store=f"unicef-{suffix}", version=xapi.version))


def _shared_statement():
    agent = {"objectType": "Agent", "mbox": f"mailto:li.{uuid.uuid4().hex[:6]}@example.org"}
    return statement(id=str(uuid.uuid4()), actor=agent, context={
        "registration": str(uuid.uuid4()),
        "contextActivities": {"parent": [{"id": ACTIVITY + "/parent"}]},
        "instructor": {"mbox": "mailto:coach@example.org"}},
        object={"id": ACTIVITY, "definition": {"name": {"en-US": "Coaching"}}})


def test_same_statement_id_in_two_stores_is_two_statements(pair):
    a, b = pair
    stmt = _shared_statement()
    assert a.post("/xapi/statements", json=stmt).status_code == 200
    other = dict(stmt, verb={"id": "http://adlnet.gov/expapi/verbs/attempted"})
    # Not a conflict: store B has never seen this id.
    assert b.post("/xapi/statements", json=other).status_code == 200
    got_a = a.get("/xapi/statements", query_string={"statementId": stmt["id"]}).get_json()
    got_b = b.get("/xapi/statements", query_string={"statementId": stmt["id"]}).get_json()
    assert got_a["verb"]["id"] == VERB
    assert got_b["verb"]["id"].endswith("attempted")


def test_queries_never_return_another_stores_statements(pair):
    a, b = pair
    stmt = _shared_statement()
    assert a.post("/xapi/statements", json=stmt).status_code == 200
    actor = json.dumps(stmt["actor"])
    instructor = json.dumps(stmt["context"]["instructor"])
    queries = [
        {}, {"agent": actor}, {"verb": VERB}, {"activity": ACTIVITY},
        {"registration": stmt["context"]["registration"]},
        {"activity": ACTIVITY + "/parent", "related_activities": "true"},
        {"agent": instructor, "related_agents": "true"},
        {"since": "2000-01-01T00:00:00Z"}, {"until": "2999-01-01T00:00:00Z"},
        {"ascending": "true"}, {"format": "ids"}, {"attachments": "true"},
    ]
    for query in queries:
        assert a.get("/xapi/statements", query_string=query).status_code == 200
        response = b.get("/xapi/statements", query_string=query)
        assert response.status_code == 200, query
        body = response.get_data(as_text=True)
        assert stmt["id"] not in body, f"store B saw store A's statement with {query}"
    found = a.get("/xapi/statements", query_string={"agent": actor}).get_json()
    assert [s["id"] for s in found["statements"]] == [stmt["id"]]


def test_single_statement_reads_and_voiding_stay_in_their_store(pair):
    a, b = pair
    stmt = _shared_statement()
    a.post("/xapi/statements", json=stmt)
    assert b.get("/xapi/statements", query_string={"statementId": stmt["id"]}
                 ).status_code == 404
    voiding = statement(verb={"id": "http://adlnet.gov/expapi/verbs/voided"},
                        object={"objectType": "StatementRef", "id": stmt["id"]})
    # B may send a voiding statement for an id it doesn't know (spec), but it voids nothing in A.
    assert b.post("/xapi/statements", json=voiding).status_code == 200
    assert a.get("/xapi/statements", query_string={"statementId": stmt["id"]}
                 ).status_code == 200
    assert b.get("/xapi/statements", query_string={"voidedStatementId": stmt["id"]}
                 ).status_code == 404


def test_more_links_of_one_store_do_not_open_another(pair):
    a, b = pair
    for _ in range(3):
        a.post("/xapi/statements", json=_shared_statement())
    page = a.get("/xapi/statements", query_string={"limit": 1}).get_json()
    assert page["more"]
    response = b.get(page["more"])
    assert response.status_code == 200
    assert response.get_json()["statements"] == []


def test_documents_are_per_store(pair):
    a, b = pair
    agent = json.dumps({"mbox": "mailto:li@example.org"})
    state = {"activityId": ACTIVITY, "agent": agent, "stateId": "bookmark"}
    assert a.put("/xapi/activities/state", query_string=state, data=b"page-3",
                 content_type="text/plain").status_code == 204
    assert b.get("/xapi/activities/state", query_string=state).status_code == 404
    listing = {"activityId": ACTIVITY, "agent": agent}
    assert b.get("/xapi/activities/state", query_string=listing).get_json() == []
    # B's delete-all touches nothing of A's.
    assert b.delete("/xapi/activities/state", query_string=listing).status_code == 204
    assert a.get("/xapi/activities/state", query_string=state).data == b"page-3"
    profile = {"activityId": ACTIVITY, "profileId": "settings"}
    a.put("/xapi/activities/profile", query_string=profile, json={"x": 1},
          headers={"If-None-Match": "*"})
    assert b.get("/xapi/activities/profile", query_string=profile).status_code == 404
    assert b.get("/xapi/activities/profile", query_string={"activityId": ACTIVITY}
                 ).get_json() == []
    agent_profile = {"agent": agent, "profileId": "preferences"}
    a.put("/xapi/agents/profile", query_string=agent_profile, json={"lang": "fr"},
          headers={"If-None-Match": "*"})
    assert b.get("/xapi/agents/profile", query_string=agent_profile).status_code == 404
    # B writing the same document ids makes B's own document, never a 409/412 from A's.
    assert b.put("/xapi/agents/profile", query_string=agent_profile, json={"lang": "es"},
                 headers={"If-None-Match": "*"}).status_code == 204
    assert a.get("/xapi/agents/profile", query_string=agent_profile).get_json() == {
        "lang": "fr"}


def test_activities_and_agents_resources_are_per_store(pair):
    a, b = pair
    stmt = _shared_statement()
    a.post("/xapi/statements", json=stmt)
    definition = b.get("/xapi/activities", query_string={"activityId": ACTIVITY}).get_json()
    assert "definition" not in definition or not definition["definition"]
    person = b.get("/xapi/agents", query_string={"agent": json.dumps(stmt["actor"])}
                   ).get_json()
    assert person.get("name", []) == []
