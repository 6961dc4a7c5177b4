"""The Activity Profile (/xapi/activities/profile) and Agent Profile (/xapi/agents/profile)
resources as a client sees them, in both versions."""

import json
import time
import uuid
from datetime import UTC, datetime, timedelta

import pytest

ACTIVITY_PROFILE = "/xapi/activities/profile"
AGENT_PROFILE = "/xapi/agents/profile"
CREATE = {"If-None-Match": "*"}


def activity_params(**overrides):
    params = {"activityId": f"https://learning.example.org/modules/{uuid.uuid4().hex[:8]}",
              "profileId": "https://learning.example.org/profiles/settings"}
    params.update(overrides)
    return params


def agent_params(**overrides):
    agent = {"objectType": "Agent", "name": "Lina Haddad",
             "account": {"homePage": "https://hr.example.org", "name": uuid.uuid4().hex[:10]}}
    params = {"agent": json.dumps(agent), "profileId": "preferences"}
    params.update(overrides)
    return params


RESOURCES = [(ACTIVITY_PROFILE, activity_params), (AGENT_PROFILE, agent_params)]
IDS = ["activity-profile", "agent-profile"]


@pytest.fixture(params=RESOURCES, ids=IDS)
def resource(request):
    return request.param


def without(params, *names):
    return {k: v for k, v in params.items() if k not in names}


def test_create_with_if_none_match_then_get(xapi, resource):
    path, make = resource
    params = make()
    put = xapi.put(path, query_string=params, json={"theme": "dark"}, headers=CREATE)
    assert put.status_code == 204, put.get_data(as_text=True)
    got = xapi.get(path, query_string=params)
    assert got.status_code == 200
    assert got.get_json() == {"theme": "dark"}
    assert got.headers["ETag"].startswith('"')
    assert got.headers["Last-Modified"].endswith("GMT")


def test_get_of_a_missing_profile_is_404(xapi, resource):
    path, make = resource
    assert xapi.get(path, query_string=make()).status_code == 404


def test_unconditional_put_of_a_new_profile_is_400_and_stores_nothing(xapi, resource):
    path, make = resource
    params = make()
    response = xapi.put(path, query_string=params, json={"a": 1})
    assert response.status_code == 400
    assert "If-None-Match" in response.get_json()["error"]["message"]
    assert xapi.get(path, query_string=params).status_code == 404


@pytest.mark.parametrize("method", ["PUT", "POST", "DELETE"])
def test_writes_without_profile_id_are_400(xapi, resource, method):
    path, make = resource
    response = xapi.request(method, path, query_string=without(make(), "profileId"),
                            json={"a": 1}, headers=CREATE)
    assert response.status_code == 400
    assert "profileId" in response.get_json()["error"]["message"]


@pytest.mark.parametrize("method", ["PUT", "POST", "GET", "DELETE"])
def test_missing_activity_or_agent_is_400(xapi, resource, method):
    path, make = resource
    scope = "activityId" if path == ACTIVITY_PROFILE else "agent"
    response = xapi.request(method, path, query_string=without(make(), scope),
                            json={"a": 1}, headers=CREATE)
    assert response.status_code == 400


@pytest.mark.parametrize("bad_agent", ["1", "true", "not an agent", '{"not_actor": "yup"}',
                                       '{"objectType": "Agent", "account": {"name"'])
@pytest.mark.parametrize("method", ["PUT", "POST", "GET", "DELETE"])
def test_agent_that_is_not_an_identified_agent_is_400(xapi, method, bad_agent):
    response = xapi.request(method, AGENT_PROFILE, query_string=agent_params(agent=bad_agent),
                            json={"a": 1}, headers=CREATE)
    assert response.status_code == 400


@pytest.mark.parametrize("bad", [{"activityId": "no scheme"}, {"agent": '{"mbox": "x"}'},
                                 {"stateId": "x"}, {"registration": str(uuid.uuid4())},
                                 {"since": "yesterday"}, {"profileId": ""}])
def test_bad_or_foreign_parameters_on_the_activity_profile_are_400(xapi, bad):
    params = {**activity_params(), **bad}
    assert xapi.get(ACTIVITY_PROFILE, query_string=params).status_code == 400
    assert xapi.post(ACTIVITY_PROFILE, query_string=params, json={}).status_code == 400


@pytest.mark.parametrize("bad", [{"activityId": "https://example.org/a"}, {"stateId": "x"},
                                 {"since": "true"}, {"profileId": ""}])
def test_bad_or_foreign_parameters_on_the_agent_profile_are_400(xapi, bad):
    params = {**agent_params(), **bad}
    assert xapi.get(AGENT_PROFILE, query_string=params).status_code == 400
    assert xapi.post(AGENT_PROFILE, query_string=params, json={}).status_code == 400


def test_list_of_profile_ids_and_since(xapi, resource):
    path, make = resource
    params = make()
    before = (datetime.now(UTC) - timedelta(minutes=1)).isoformat().replace("+00:00", "Z")
    for profile_id in ("one", "two"):
        assert xapi.post(path, query_string={**params, "profileId": profile_id},
                         json={"n": profile_id}).status_code == 204
    scope = without(params, "profileId")
    assert sorted(xapi.get(path, query_string=scope).get_json()) == ["one", "two"]
    assert sorted(xapi.get(path, query_string={**scope, "since": before}).get_json()) == [
        "one", "two"]
    later = (datetime.now(UTC) + timedelta(minutes=5)).isoformat()
    assert xapi.get(path, query_string={**scope, "since": later}).get_json() == []


def test_since_counts_updates_not_creation(xapi, resource):
    path, make = resource
    params = make()
    xapi.post(path, query_string=params, json={"v": 1})
    cut = datetime.now(UTC)
    time.sleep(0.01)
    since = {**without(params, "profileId"), "since": cut.isoformat()}
    assert xapi.get(path, query_string=since).get_json() == []
    xapi.post(path, query_string=params, json={"v": 2})
    assert xapi.get(path, query_string=since).get_json() == [params["profileId"]]


def test_delete_a_profile(xapi, resource):
    path, make = resource
    params = make()
    xapi.put(path, query_string=params, json={"a": 1}, headers=CREATE)
    assert xapi.delete(path, query_string=params).status_code == 204
    assert xapi.get(path, query_string=params).status_code == 404
    assert xapi.delete(path, query_string=params).status_code == 204


def test_post_merges_into_an_existing_profile(xapi, resource):
    path, make = resource
    params = make()
    xapi.post(path, query_string=params, json={"car": "Honda", "year": 2001})
    assert xapi.post(path, query_string=params, json={"type": "Civic", "year": 2004}
                     ).status_code == 204
    assert xapi.get(path, query_string=params).get_json() == {
        "car": "Honda", "type": "Civic", "year": 2004}


@pytest.mark.parametrize("content_type, body", [
    ("application/octet-stream", b"abcdefg"),
    ("not/json", b"abcdefg"),
    ("application/json", b'{"profileId": "x"}{'),
])
def test_post_that_cannot_merge_leaves_the_profile_alone(xapi, resource, content_type, body):
    path, make = resource
    params = make()
    xapi.post(path, query_string=params, json={"kept": True})
    response = xapi.post(path, query_string=params, data=body, content_type=content_type)
    assert response.status_code == 400
    assert xapi.get(path, query_string=params).get_json() == {"kept": True}


def test_post_of_json_over_a_binary_profile_is_400(xapi, resource):
    path, make = resource
    params = make()
    xapi.put(path, query_string=params, data=b"/ asdf / undefined",
             content_type="application/octet-stream", headers=CREATE)
    assert xapi.post(path, query_string=params, json={"a": 1}).status_code == 400
    got = xapi.get(path, query_string=params)
    assert (got.data, got.headers["Content-Type"]) == (b"/ asdf / undefined",
                                                       "application/octet-stream")


@pytest.mark.parametrize("body", [{}, "1", "true"])
def test_post_accepts_any_document_content(xapi, resource, body):
    path, make = resource
    params = make()
    if isinstance(body, dict):
        response = xapi.post(path, query_string=params, json=body)
    else:
        response = xapi.post(path, query_string=params, data=body,
                             content_type="application/x-www-form-urlencoded")
    assert response.status_code == 204
    assert xapi.get(path, query_string=params).status_code == 200


def test_the_two_profile_kinds_and_state_do_not_share_documents(xapi):
    activity = "https://learning.example.org/modules/shared"
    agent = json.dumps({"mbox": f"mailto:{uuid.uuid4().hex[:8]}@example.org"})
    same_id = "settings"
    xapi.put(ACTIVITY_PROFILE, query_string={"activityId": activity, "profileId": same_id},
             json={"from": "activity"}, headers=CREATE)
    assert xapi.get(AGENT_PROFILE, query_string={"agent": agent, "profileId": same_id}
                    ).status_code == 404
    state = {"activityId": activity, "agent": agent, "stateId": same_id}
    assert xapi.get("/xapi/activities/state", query_string=state).status_code == 404


def test_head_on_profiles(xapi, resource):
    path, make = resource
    params = make()
    xapi.post(path, query_string=params, json={"a": 1})
    head = xapi.head(path, query_string=params)
    assert (head.status_code, head.data) == (200, b"")
    assert head.headers["ETag"] and head.headers["Last-Modified"]
