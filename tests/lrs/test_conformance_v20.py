"""xAPI 2.0 protocol details the ADL 2.0.0 conformance suite checks, sent the way that suite
sends them: version header 2.0.0, Content-Type application/json on every request (axios's
default, so also on GET and DELETE), objects in the query string as JSON."""

import hashlib
import json
import re
import uuid
from email.utils import parsedate_to_datetime

import pytest

from lrs.xapi.timestamps import parse
from tests.conftest import statement

JSON = {"Content-Type": "application/json"}
STATE = "/xapi/activities/state"
ACTIVITY_PROFILE = "/xapi/activities/profile"
AGENT_PROFILE = "/xapi/agents/profile"
QUOTED_SHA1 = re.compile(r'^"[0-9a-f]{40}"$')


def _agent():
    return {"objectType": "Agent", "mbox": f"mailto:kofi.{uuid.uuid4().hex[:8]}@example.org"}


def _activity():
    return f"http://www.example.com/activityId/{uuid.uuid4().hex[:8]}"


def _query(params):
    return {k: json.dumps(v) if isinstance(v, dict) else v for k, v in params.items()}


ADDRESSES = {
    STATE: lambda: {"activityId": _activity(), "agent": _agent(), "stateId": str(uuid.uuid4())},
    ACTIVITY_PROFILE: lambda: {"activityId": _activity(), "profileId": str(uuid.uuid4())},
    AGENT_PROFILE: lambda: {"agent": _agent(), "profileId": str(uuid.uuid4())},
}


@pytest.fixture(params=list(ADDRESSES), ids=["state", "activity-profile", "agent-profile"])
def document(request):
    return request.param, _query(ADDRESSES[request.param]())


def _send(xapi, method, path, params=None, body=None, headers=None):
    return xapi.request(method, path, query_string=params or {},
                        data=None if body is None else json.dumps(body),
                        headers={**JSON, **(headers or {})})


# -- document concurrency (4.1.4, Communication 3.1) --------------------------------------

def test_every_write_honours_if_match_and_etags_are_quoted_sha1(xapi20, document):
    path, params = document
    original = {"name": "first", "colour": "teal"}
    assert _send(xapi20, "POST", path, params, original).status_code == 204
    got = _send(xapi20, "GET", path, params)
    tag = got.headers["ETag"]
    assert QUOTED_SHA1.match(tag)
    # The suite's wrong tag is the bare string 1234: refused, and nothing changes.
    for method in ("PUT", "POST", "DELETE"):
        body = None if method == "DELETE" else {"name": "stale"}
        wrong = _send(xapi20, method, path, params, body, {"If-Match": "1234"})
        assert wrong.status_code == 412, method
    assert _send(xapi20, "GET", path, params).get_json() == original
    updated = {"name": "second", "colour": "teal"}
    assert _send(xapi20, "PUT", path, params, updated, {"If-Match": tag}).status_code == 204
    assert _send(xapi20, "GET", path, params).get_json() == updated
    tag = _send(xapi20, "GET", path, params).headers["ETag"]
    assert _send(xapi20, "POST", path, params, {"name": "third"},
                 {"If-Match": tag}).status_code == 204
    tag = _send(xapi20, "GET", path, params).headers["ETag"]
    assert _send(xapi20, "DELETE", path, params, None, {"If-Match": tag}).status_code == 204
    assert _send(xapi20, "GET", path, params).status_code == 404


def test_blind_put_over_an_existing_document_is_409_in_2_0_including_state(xapi20, document):
    path, params = document
    original = {"score": 1}
    assert _send(xapi20, "POST", path, params, original).status_code == 204
    refused = _send(xapi20, "PUT", path, params, {"score": 2})
    assert refused.status_code == 409
    assert refused.get_data(as_text=True)  # a message explaining why
    assert _send(xapi20, "GET", path, params).get_json() == original


def test_blind_put_over_existing_state_is_still_allowed_in_1_0_3(xapi103):
    params = _query(ADDRESSES[STATE]())
    assert _send(xapi103, "POST", STATE, params, {"score": 1}).status_code == 204
    assert _send(xapi103, "PUT", STATE, params, {"score": 2}).status_code == 204


def test_put_creates_state_freely_but_profiles_need_a_precondition(xapi20):
    state = _query(ADDRESSES[STATE]())
    assert _send(xapi20, "PUT", STATE, state, {"a": 1}).status_code == 204
    profile = _query(ADDRESSES[AGENT_PROFILE]())
    assert _send(xapi20, "PUT", AGENT_PROFILE, profile, {"a": 1}).status_code == 400
    created = _send(xapi20, "PUT", AGENT_PROFILE, profile, {"a": 1}, {"If-None-Match": "*"})
    assert created.status_code == 204
    again = _send(xapi20, "PUT", AGENT_PROFILE, profile, {"a": 2}, {"If-None-Match": "*"})
    assert again.status_code == 412


def test_head_on_documents_answers_200_without_a_body(xapi20, document):
    path, params = document
    assert _send(xapi20, "POST", path, params, {"a": 1}).status_code == 204
    single = _send(xapi20, "HEAD", path, params)
    assert single.status_code == 200 and single.get_data() == b""
    assert QUOTED_SHA1.match(single.headers["ETag"])
    parsedate_to_datetime(single.headers["Last-Modified"])


# -- communication: versions, alternate syntax, order of checks ----------------------------

@pytest.mark.parametrize("method, path", [
    ("GET", "/xapi/statements"), ("POST", "/xapi/statements"), ("PUT", "/xapi/statements"),
    ("GET", "/xapi/activities"), ("GET", ACTIVITY_PROFILE), ("GET", STATE),
    ("GET", "/xapi/agents"), ("GET", AGENT_PROFILE),
])
def test_a_request_without_a_version_header_is_400_answered_as_2_0_0(xapi20, method, path):
    params = {"statementId": str(uuid.uuid4())} if method == "PUT" else {}
    body = statement() if method in ("POST", "PUT") else None
    response = xapi20.request(method, path, version=None, query_string=params,
                              data=None if body is None else json.dumps(body), headers=JSON)
    assert response.status_code == 400
    assert response.headers["X-Experience-API-Version"] == "2.0.0"


def test_about_needs_no_version_header_and_lists_2_0_0(xapi20):
    response = xapi20.get("/xapi/about", version=None)
    assert response.status_code == 200
    assert "2.0.0" in response.get_json()["version"]


@pytest.mark.parametrize("real_method, alternate", [("POST", "GET"), ("POST", "PUT"),
                                                    ("PUT", "POST")])
def test_alternate_request_syntax_is_refused_under_2_0(xapi20, real_method, alternate):
    response = xapi20.request(real_method, "/xapi/statements",
                              query_string={"method": alternate}, headers=JSON)
    assert 400 <= response.status_code < 500


def test_an_alternate_form_carrying_a_real_statement_is_refused_under_2_0(xapi20):
    s = statement()
    form = {"statementId": str(uuid.uuid4()), "content": json.dumps(s),
            "X-Experience-API-Version": "2.0.0"}
    response = xapi20.post("/xapi/statements", query_string={"method": "PUT"}, data=form,
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert response.status_code == 400
    assert xapi20.get("/xapi/statements",
                      query_string={"statementId": form["statementId"]}).status_code == 404


def test_credentials_are_checked_before_the_body(xapi20):
    response = xapi20.post("/xapi/statements", data="{not json", headers=JSON, auth=False)
    assert response.status_code == 401
    response = xapi20.get(STATE, query_string={"foo": "bar"}, headers=JSON, auth=False)
    assert response.status_code == 401


# -- statement resource -------------------------------------------------------------------

def test_single_statement_get_carries_2_0_headers(xapi20):
    [sid] = _send(xapi20, "POST", "/xapi/statements", body=statement()).get_json()
    response = _send(xapi20, "GET", "/xapi/statements", {"statementId": sid})
    assert response.status_code == 200
    assert response.headers["X-Experience-API-Version"] == "2.0.0"
    assert response.headers["Content-Type"].startswith("application/json")
    parse(response.headers["X-Experience-API-Consistent-Through"], require_offset=True)
    got = response.get_json()
    stored = parse(got["stored"])
    assert parsedate_to_datetime(response.headers["Last-Modified"]) == stored.replace(
        microsecond=0)
    # A statement sent without a timestamp gets the stored time as its timestamp, and the
    # version of the API it arrived through.
    assert got["timestamp"] == got["stored"]
    assert got["version"] == "2.0.0"


def test_a_statement_keeps_the_version_it_was_sent_with(xapi20):
    s = statement(id=str(uuid.uuid4()), version="2.0.0")
    assert _send(xapi20, "POST", "/xapi/statements", body=s).status_code == 200
    got = _send(xapi20, "GET", "/xapi/statements", {"statementId": s["id"]}).get_json()
    assert got["version"] == "2.0.0"


def test_a_batch_repeating_an_id_is_refused_and_stores_nothing(xapi20):
    s = statement(id=str(uuid.uuid4()))
    assert _send(xapi20, "POST", "/xapi/statements", body=[s, dict(s)]).status_code == 400
    assert _send(xapi20, "GET", "/xapi/statements",
                 {"statementId": s["id"]}).status_code == 404


def test_a_timestamp_in_the_near_future_is_accepted(xapi20):
    from datetime import UTC, datetime, timedelta
    ahead = (datetime.now(UTC) + timedelta(minutes=5)).isoformat().replace("+00:00", "Z")
    assert _send(xapi20, "POST", "/xapi/statements",
                 body=statement(timestamp=ahead)).status_code == 200


@pytest.mark.parametrize("timestamp, status", [
    ("2008-09-15T15:53:00.601-00", 400),
    ("2008-09-15T15:53:00.601-0000", 400),
    ("2008-09-15T15:53:00.601-00:00", 400),
    ("01/011/2015", 400),
    ("2008-09-15 15:53:00.601+00:00", 200),
])
def test_timestamps_follow_rfc_3339(xapi20, timestamp, status):
    response = _send(xapi20, "POST", "/xapi/statements", body=statement(timestamp=timestamp))
    assert response.status_code == status


CONTEXT_AGENT = {"objectType": "contextAgent", "agent": {"objectType": "Agent",
                                                         "mbox": "mailto:player-1@example.com"},
                 "relevantTypes": ["https://example.com/xapi/activity-types/player"]}
CONTEXT_GROUP = {"objectType": "contextGroup",
                 "group": {"objectType": "Group", "mbox": "mailto:team-1@example.com",
                           "member": [{"objectType": "Agent",
                                       "mbox": "mailto:player-2@example.com"}]},
                 "relevantTypes": ["https://example.com/xapi/activity-types/team"]}


def _with(entry, **changes):
    return {**entry, **changes}


@pytest.mark.parametrize("context, status", [
    ({"contextAgents": [CONTEXT_AGENT]}, 200),
    ({"contextGroups": [CONTEXT_GROUP]}, 200),
    ({"contextAgents": [_with(CONTEXT_AGENT, objectType="Should fail")]}, 400),
    ({"contextAgents": [_with(CONTEXT_AGENT, agent={"key": "Should fail"})]}, 400),
    ({"contextAgents": [_with(CONTEXT_AGENT, relevantTypes=[])]}, 400),
    ({"contextAgents": [_with(CONTEXT_AGENT, relevantTypes=["abc"])]}, 400),
    ({"contextGroups": [_with(CONTEXT_GROUP, objectType="Should fail")]}, 400),
    ({"contextGroups": [_with(CONTEXT_GROUP, group={"key": "Should fail"})]}, 400),
    ({"contextGroups": [_with(CONTEXT_GROUP, relevantTypes=[])]}, 400),
    ({"contextGroups": [_with(CONTEXT_GROUP, relevantTypes=["abc"])]}, 400),
])
@pytest.mark.parametrize("where", ["statement", "substatement"])
def test_context_agents_and_groups(xapi20, context, status, where):
    if where == "statement":
        s = statement(context=context)
    else:
        inner = statement(context=context)
        s = statement(object={"objectType": "SubStatement", **inner})
    assert _send(xapi20, "POST", "/xapi/statements", body=s).status_code == status


def test_long_fill_in_is_an_interaction_type_in_2_0(xapi20):
    activity = {"objectType": "Activity", "id": _activity(), "definition": {
        "type": "http://adlnet.gov/expapi/activities/cmi.interaction",
        "interactionType": "long-fill-in",
        "correctResponsesPattern": ["{case_matters=false}{lang=en}To store learning records."]}}
    assert _send(xapi20, "POST", "/xapi/statements",
                 body=statement(object=activity)).status_code == 200
    del activity["definition"]["interactionType"]
    assert _send(xapi20, "POST", "/xapi/statements",
                 body=statement(object=activity)).status_code == 400


def test_head_on_statements_and_activity_and_agent_resources(xapi20):
    s = statement()
    assert _send(xapi20, "POST", "/xapi/statements", body=[s]).status_code == 200
    for path, params in [("/xapi/statements", {}),
                         ("/xapi/activities", {"activityId": s["object"]["id"]}),
                         ("/xapi/agents", _query({"agent": s["actor"]}))]:
        response = xapi20.head(path, query_string=params)
        assert response.status_code == 200 and response.get_data() == b"", path


def test_an_activity_never_seen_is_still_returned(xapi20):
    iri = f"http://www.example.com/never-before-seen-activityId/{uuid.uuid4()}"
    response = _send(xapi20, "GET", "/xapi/activities", {"activityId": iri})
    assert response.status_code == 200
    assert response.get_json() == {"objectType": "Activity", "id": iri}


def test_multipart_get_repeats_each_attachment_hash_twice(xapi20):
    boundary = "-------314159265358979323846"
    texts = [b"here is a simple attachment", b"here is another simple attachment"]
    attachments = [{"usageType": "http://example.com/attachment-usage/test",
                    "display": {"en-US": "A test attachment"}, "contentType": "text/plain",
                    "length": len(t), "sha2": hashlib.sha256(t).hexdigest()} for t in texts]
    s = statement(attachments=attachments)
    body = f"--{boundary}\r\nContent-Type: application/json\r\n\r\n{json.dumps(s)}\r\n"
    for text, attachment in zip(texts, attachments, strict=True):
        body += (f"--{boundary}\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: "
                 f"binary\r\nX-Experience-API-Hash: {attachment['sha2']}\r\n\r\n"
                 f"{text.decode()}\r\n")
    body += f"--{boundary}--\r\n"
    posted = xapi20.post("/xapi/statements", data=body,
                         headers={"Content-Type": f"multipart/mixed; boundary={boundary}"})
    assert posted.status_code == 200
    [sid] = posted.get_json()
    got = _send(xapi20, "GET", "/xapi/statements", {"statementId": sid, "attachments": "true"})
    assert got.headers["Content-Type"].startswith("multipart/mixed")
    text = got.get_data(as_text=True)
    assert [text.count(a["sha2"]) for a in attachments] == [2, 2]
