"""xAPI scopes (1.0.3 Communication 4.2) on every resource: a credential does what its scopes
allow, and a refusal is a 403 that names the scope it lacks."""

import json
import uuid

import pytest

from tests.conftest import statement

ACTIVITY = "https://learning.example.org/modules/scopes/delegation"
AGENT = json.dumps({"mbox": "mailto:sara@example.org"})

# (method, path, query, body): one request per resource and method.
REQUESTS = {
    "read statements": ("GET", "/xapi/statements", {}, None),
    "write statements": ("POST", "/xapi/statements", {}, "statement"),
    "read state": ("GET", "/xapi/activities/state",
                   {"activityId": ACTIVITY, "agent": AGENT, "stateId": "s"}, None),
    "write state": ("PUT", "/xapi/activities/state",
                    {"activityId": ACTIVITY, "agent": AGENT, "stateId": "s"}, b"1"),
    "read activity profile": ("GET", "/xapi/activities/profile", {"activityId": ACTIVITY},
                              None),
    "write activity profile": ("POST", "/xapi/activities/profile",
                               {"activityId": ACTIVITY, "profileId": "p"}, b"{}"),
    "read agent profile": ("GET", "/xapi/agents/profile", {"agent": AGENT}, None),
    "write agent profile": ("POST", "/xapi/agents/profile",
                            {"agent": AGENT, "profileId": "p"}, b"{}"),
    "read agents": ("GET", "/xapi/agents", {"agent": AGENT}, None),
    "read activities": ("GET", "/xapi/activities", {"activityId": ACTIVITY}, None),
}
ALL = set(REQUESTS)
READS = {name for name in REQUESTS if name.startswith("read")}
ALLOWED = {
    "all": ALL,
    "all/read": READS,
    "statements/read": {"read statements", "read agents", "read activities"},
    "statements/read/mine": {"read statements", "read agents", "read activities"},
    "statements/write": {"write statements"},
    "state": {"read state", "write state"},
    "profile": {"read activity profile", "write activity profile", "read agent profile",
                "write agent profile"},
    "define": {"read agents", "read activities"},
}
NEEDED = {
    "write statements": "statements/write", "read statements": "statements/read",
    "read state": "state", "write state": "state", "read activity profile": "profile",
    "write activity profile": "profile", "read agent profile": "profile",
    "write agent profile": "profile", "read agents": "statements/read",
    "read activities": "statements/read",
}


def _send(client, name):
    method, path, query, body = REQUESTS[name]
    if body == "statement":
        return client.request(method, path, query_string=query, json=statement())
    content_type = "application/json" if body == b"{}" else "text/plain"
    return client.request(method, path, query_string=query, data=body,
                          content_type=content_type if body else None)


@pytest.mark.parametrize("scope", sorted(ALLOWED))
def test_each_scope_allows_exactly_its_resources(client_for, scope):
    client = client_for(scopes=(scope,))
    for name in sorted(ALL):
        response = _send(client, name)
        if name in ALLOWED[scope]:
            assert response.status_code not in (401, 403), (scope, name, response.get_json())
        else:
            assert response.status_code == 403, (scope, name)
            message = response.get_json()["error"]["message"]
            assert f"needs the scope {NEEDED[name]}" in message, message
            assert scope in message  # and says what the credential has


def test_scopes_add_up(client_for):
    client = client_for(scopes=("statements/write", "state"))
    assert _send(client, "write statements").status_code == 200
    assert _send(client, "write state").status_code == 204
    assert _send(client, "read statements").status_code == 403


def test_read_mine_sees_only_what_its_own_credential_stored(client_for):
    store = f"mine-{uuid.uuid4().hex[:6]}"
    writer = client_for(store=store, scopes=("statements/write", "statements/read/mine"))
    other = client_for(store=store, scopes=("statements/write",))
    own, foreign = statement(id=str(uuid.uuid4())), statement(id=str(uuid.uuid4()))
    assert writer.post("/xapi/statements", json=own).status_code == 200
    assert other.post("/xapi/statements", json=foreign).status_code == 200
    listed = writer.get("/xapi/statements").get_json()["statements"]
    assert [s["id"] for s in listed] == [own["id"]]
    filtered = writer.get("/xapi/statements", query_string={
        "agent": json.dumps(foreign["actor"])}).get_json()["statements"]
    assert filtered == []
    assert writer.get("/xapi/statements", query_string={"statementId": own["id"]}
                      ).status_code == 200
    assert writer.get("/xapi/statements", query_string={"statementId": foreign["id"]}
                      ).status_code == 404


def test_without_define_statements_do_not_redefine_activities(client_for):
    store = f"define-{uuid.uuid4().hex[:6]}"
    definer = client_for(store=store, scopes=("all",))
    plain = client_for(store=store, scopes=("statements/write", "statements/read"))
    activity = f"{ACTIVITY}/{uuid.uuid4().hex[:6]}"
    defined = {"id": activity, "definition": {"name": {"en-US": "Delegation"}}}
    assert definer.post("/xapi/statements", json=statement(object=defined)).status_code == 200
    renamed = {"id": activity, "definition": {"name": {"en-US": "Renamed by a plain client"},
                                              "description": {"en-US": "new"}}}
    assert plain.post("/xapi/statements", json=statement(object=renamed)).status_code == 200
    canonical = plain.get("/xapi/activities", query_string={"activityId": activity}).get_json()
    assert canonical["definition"] == defined["definition"]
