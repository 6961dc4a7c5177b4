"""Optimistic concurrency on the document resources: ETags, If-Match, If-None-Match,
409 for blind overwrites, and no lost updates between simultaneous writers."""

import hashlib
import json
import re
import threading
import uuid

import pytest

from tests.conftest import XAPIClient

STATE = "/xapi/activities/state"
ACTIVITY_PROFILE = "/xapi/activities/profile"
AGENT_PROFILE = "/xapi/agents/profile"


def _agent():
    return json.dumps({"mbox": f"mailto:noor.{uuid.uuid4().hex[:8]}@example.org"})


def _activity():
    return f"https://learning.example.org/units/{uuid.uuid4().hex[:8]}"


MAKERS = {
    STATE: lambda: {"activityId": _activity(), "agent": _agent(), "stateId": "progress"},
    ACTIVITY_PROFILE: lambda: {"activityId": _activity(), "profileId": "rubric"},
    AGENT_PROFILE: lambda: {"agent": _agent(), "profileId": "goals"},
}


@pytest.fixture(params=list(MAKERS), ids=["state", "activity-profile", "agent-profile"])
def doc(request):
    """(path, parameters) of a fresh document address on each resource."""
    return request.param, MAKERS[request.param]()


def _create(xapi, path, params, body):
    response = xapi.put(path, query_string=params, json=body, headers={"If-None-Match": "*"})
    assert response.status_code == 204, response.get_data(as_text=True)
    return xapi.get(path, query_string=params).headers["ETag"]


def test_etag_is_the_quoted_sha1_of_the_content(xapi, doc):
    path, params = doc
    body = b'{"level": 3}'
    xapi.put(path, query_string=params, data=body, content_type="application/json",
             headers={"If-None-Match": "*"})
    etag = xapi.get(path, query_string=params).headers["ETag"]
    assert re.fullmatch(r'"[0-9a-f]{40}"', etag)
    assert etag == f'"{hashlib.sha1(body).hexdigest()}"'


def test_write_responses_carry_the_new_etag(xapi, doc):
    path, params = doc
    put = xapi.put(path, query_string=params, json={"a": 1}, headers={"If-None-Match": "*"})
    assert put.headers["ETag"] == xapi.get(path, query_string=params).headers["ETag"]


@pytest.mark.parametrize("method", ["PUT", "POST"])
def test_write_with_the_current_etag_succeeds(xapi, doc, method):
    path, params = doc
    etag = _create(xapi, path, params, {"name": "before"})
    response = xapi.request(method, path, query_string=params, json={"name": "after"},
                            headers={"If-Match": etag})
    assert response.status_code == 204
    assert xapi.get(path, query_string=params).get_json() == {"name": "after"}


@pytest.mark.parametrize("method", ["PUT", "POST", "DELETE"])
def test_write_with_a_stale_etag_is_412_and_changes_nothing(xapi, doc, method):
    path, params = doc
    _create(xapi, path, params, {"name": "original"})
    response = xapi.request(method, path, query_string=params, json={"name": "lost"},
                            headers={"If-Match": '"1111111111111111111111111111111111111111"'})
    assert response.status_code == 412
    assert xapi.get(path, query_string=params).get_json() == {"name": "original"}


def test_delete_with_the_current_etag_succeeds(xapi, doc):
    path, params = doc
    etag = _create(xapi, path, params, {"a": 1})
    assert xapi.delete(path, query_string=params, headers={"If-Match": etag}).status_code == 204
    assert xapi.get(path, query_string=params).status_code == 404


def test_if_match_accepts_a_list_and_weak_or_bare_tags(xapi, doc):
    path, params = doc
    etag = _create(xapi, path, params, {"v": 1})
    listed = f'"0000", W/{etag}'
    assert xapi.put(path, query_string=params, json={"v": 2},
                    headers={"If-Match": listed}).status_code == 204
    bare = xapi.get(path, query_string=params).headers["ETag"].strip('"')
    assert xapi.put(path, query_string=params, json={"v": 3},
                    headers={"If-Match": bare}).status_code == 204


def test_if_match_on_a_missing_document_is_412(xapi, doc):
    path, params = doc
    for star_or_tag in ("*", '"1234"'):
        response = xapi.put(path, query_string=params, json={"a": 1},
                            headers={"If-Match": star_or_tag})
        assert response.status_code == 412
    assert xapi.get(path, query_string=params).status_code == 404


def test_if_none_match_star_creates_but_never_overwrites(xapi, doc):
    path, params = doc
    _create(xapi, path, params, {"first": True})
    for method in ("PUT", "POST"):
        response = xapi.request(method, path, query_string=params, json={"second": True},
                                headers={"If-None-Match": "*"})
        assert response.status_code == 412
    assert xapi.get(path, query_string=params).get_json() == {"first": True}


def test_if_none_match_with_another_etag_lets_the_write_through(xapi, doc):
    path, params = doc
    _create(xapi, path, params, {"v": 1})
    response = xapi.put(path, query_string=params, json={"v": 2},
                        headers={"If-None-Match": '"0000000000000000000000000000000000000000"'})
    assert response.status_code == 204


def test_get_with_the_current_etag_in_if_none_match_is_304(xapi, doc):
    path, params = doc
    etag = _create(xapi, path, params, {"a": 1})
    response = xapi.get(path, query_string=params, headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.data == b""
    assert response.headers["ETag"] == etag


def test_unconditional_put_over_an_existing_profile_is_409(xapi):
    for path in (ACTIVITY_PROFILE, AGENT_PROFILE):
        params = MAKERS[path]()
        _create(xapi, path, params, {"original": True})
        response = xapi.put(path, query_string=params, json={"blind": True})
        assert response.status_code == 409
        assert response.get_json()["error"]["message"]
        assert xapi.get(path, query_string=params).get_json() == {"original": True}


def test_unconditional_post_merges_without_preconditions(xapi, doc):
    path, params = doc
    _create(xapi, path, params, {"a": 1})
    assert xapi.post(path, query_string=params, json={"b": 2}).status_code == 204
    assert xapi.get(path, query_string=params).get_json() == {"a": 1, "b": 2}


def test_state_blind_overwrite_depends_on_the_version(xapi):
    params = MAKERS[STATE]()
    assert xapi.put(STATE, query_string=params, json={"v": 1}).status_code == 204
    second = xapi.put(STATE, query_string=params, json={"v": 2})
    if xapi.version.startswith("2."):
        assert second.status_code == 409
        assert xapi.get(STATE, query_string=params).get_json() == {"v": 1}
    else:
        assert second.status_code == 204
        assert xapi.get(STATE, query_string=params).get_json() == {"v": 2}


def test_simultaneous_merges_lose_no_update(app, xapi, doc):
    path, params = doc
    writers = 6
    barrier = threading.Barrier(writers)
    statuses = []

    def write(n):
        client = XAPIClient(app.test_client(), version=xapi.version)
        barrier.wait()
        statuses.append(client.post(path, query_string=params, json={f"k{n}": n}).status_code)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [204] * writers
    assert xapi.get(path, query_string=params).get_json() == {f"k{n}": n for n in range(writers)}


def test_only_one_of_simultaneous_creators_wins(app, xapi, doc):
    path, params = doc
    writers = 4
    barrier = threading.Barrier(writers)
    statuses = []

    def create(n):
        client = XAPIClient(app.test_client(), version=xapi.version)
        barrier.wait()
        statuses.append(client.put(path, query_string=params, json={"winner": n},
                                   headers={"If-None-Match": "*"}).status_code)

    threads = [threading.Thread(target=create, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [204] + [412] * (writers - 1)
