"""GET /statements filters: agent, verb, activity, registration, related_*, since/until,
limit, ascending, and the statements that target other statements."""

import json
import uuid

import pytest

from tests.conftest import statement


def _agent():
    return {"objectType": "Agent", "mbox": f"mailto:q.{uuid.uuid4().hex[:10]}@example.org"}


def _activity(definition=None):
    activity = {"objectType": "Activity",
                "id": f"https://learning.example.org/activities/{uuid.uuid4().hex}"}
    if definition:
        activity["definition"] = definition
    return activity


def _post(xapi, *statements):
    response = xapi.post("/xapi/statements", json=list(statements))
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def _ids(xapi, **query):
    for key in ("agent",):
        if isinstance(query.get(key), dict):
            query[key] = json.dumps(query[key])
    response = xapi.get("/xapi/statements", query_string=query)
    assert response.status_code == 200, response.get_data(as_text=True)
    return [s["id"] for s in response.get_json()["statements"]]


def test_agent_matches_actor_object_and_group_members_only(xapi):
    me = _agent()
    as_actor, as_object, in_group, as_instructor = _post(
        xapi,
        statement(actor=me),
        statement(object=me),
        statement(actor={"objectType": "Group", "member": [_agent(), me]}),
        statement(context={"instructor": me}),
    )
    found = _ids(xapi, agent=me)
    assert set(found) == {as_actor, as_object, in_group}
    assert as_instructor not in found


def test_related_agents_also_matches_context_authority_and_substatements(xapi):
    me = _agent()
    team = {"objectType": "Group", "member": [me]}
    sub = {"objectType": "SubStatement", "actor": me,
           "verb": {"id": "http://adlnet.gov/expapi/verbs/attended"}, "object": _activity()}
    ids = _post(xapi, statement(context={"instructor": me}), statement(context={"team": team}),
                statement(object=sub))
    assert set(_ids(xapi, agent=me, related_agents="true")) == set(ids)
    assert _ids(xapi, agent=me) == []
    # The authority is the credential's agent: every statement of this credential.
    authority = {"objectType": "Agent",
                 "account": {"homePage": "http://127.0.0.1:8080", "name": "test-key"}}
    assert set(ids) <= set(_ids(xapi, agent=authority, related_agents="true", limit=0))


def test_context_agents_count_as_related_in_2_0(xapi20):
    me = _agent()
    [sid] = _post(xapi20, statement(context={"contextAgents": [{"objectType": "contextAgent",
                                                                 "agent": me}]}))
    assert _ids(xapi20, agent=me, related_agents="true") == [sid]


def test_verb_and_registration_filters(xapi):
    verb = {"id": f"http://example.org/verbs/{uuid.uuid4().hex}"}
    registration = str(uuid.uuid4())
    first, second = _post(xapi, statement(verb=verb),
                          statement(verb=verb, context={"registration": registration}))
    assert _ids(xapi, verb=verb["id"]) == [second, first]
    assert _ids(xapi, registration=registration.upper()) == [second]
    assert _ids(xapi, verb=verb["id"], registration=str(uuid.uuid4())) == []


def test_activity_matches_the_object_unless_related_activities(xapi):
    target = _activity()
    sub = {"objectType": "SubStatement", "actor": _agent(),
           "verb": {"id": "http://adlnet.gov/expapi/verbs/attended"}, "object": target}
    as_object, in_context, in_sub = _post(
        xapi, statement(object=target),
        statement(context={"contextActivities": {"grouping": [target]}}),
        statement(object=sub))
    assert _ids(xapi, activity=target["id"]) == [as_object]
    assert set(_ids(xapi, activity=target["id"], related_activities="true")) == {
        as_object, in_context, in_sub}


def test_booleans_are_read_case_insensitively_and_checked(xapi):
    target = _activity()
    [sid] = _post(xapi, statement(context={"contextActivities": {"parent": [target]}}))
    assert _ids(xapi, activity=target["id"], related_activities="True") == [sid]
    response = xapi.get("/xapi/statements", query_string={"ascending": "yes"})
    assert response.status_code == 400


def test_since_is_exclusive_and_until_inclusive(xapi):
    verb = {"id": f"http://example.org/verbs/{uuid.uuid4().hex}"}
    [first] = _post(xapi, statement(verb=verb))
    stored = xapi.get("/xapi/statements",
                      query_string={"statementId": first}).get_json()["stored"]
    [second] = _post(xapi, statement(verb=verb))
    assert _ids(xapi, verb=verb["id"], since=stored) == [second]
    assert _ids(xapi, verb=verb["id"], until=stored) == [first]
    # Offsets are honoured, including an unescaped "+" that arrives as a space.
    later = stored.replace("Z", "+00:00")
    assert _ids(xapi, verb=verb["id"], until=later) == [first]
    response = xapi.get("/xapi/statements?until=" + stored.replace("Z", " 00:00") +
                        "&verb=" + verb["id"])
    assert [s["id"] for s in response.get_json()["statements"]] == [first]
    assert xapi.get("/xapi/statements", query_string={"since": "yesterday"}).status_code == 400


def test_order_limit_and_ascending(xapi):
    verb = {"id": f"http://example.org/verbs/{uuid.uuid4().hex}"}
    ids = [_post(xapi, statement(verb=verb))[0] for _ in range(3)]
    assert _ids(xapi, verb=verb["id"]) == ids[::-1]
    assert _ids(xapi, verb=verb["id"], ascending="true") == ids
    assert _ids(xapi, verb=verb["id"], limit=2) == ids[:0:-1]
    assert _ids(xapi, verb=verb["id"], limit=0) == ids[::-1]
    for bad in ("-1", "1.5", "many"):
        assert xapi.get("/xapi/statements", query_string={"limit": bad}).status_code == 400


def test_statements_targeting_a_statement_match_its_filters(xapi):
    verb = {"id": f"http://example.org/verbs/{uuid.uuid4().hex}"}
    target = str(uuid.uuid4())
    ref = {"objectType": "StatementRef", "id": target}
    # The referring statement arrives before its target: it matches once the target is in.
    [early] = _post(xapi, statement(object=ref))
    _post(xapi, statement(id=target, verb=verb))
    [late] = _post(xapi, statement(object=ref))
    [chained] = _post(xapi, statement(object={"objectType": "StatementRef", "id": late}))
    assert set(_ids(xapi, verb=verb["id"])) == {target, early, late, chained}


def test_statement_id_combined_with_filters_is_refused(xapi):
    [sid] = _post(xapi, statement())
    for extra in ({"verb": "http://example.org/v"}, {"limit": "1"}, {"ascending": "true"},
                  {"since": "2020-01-01T00:00:00Z"}, {"voidedStatementId": sid}):
        response = xapi.get("/xapi/statements", query_string={"statementId": sid, **extra})
        assert response.status_code == 400, extra
    for allowed in ({"format": "ids"}, {"attachments": "false"}):
        response = xapi.get("/xapi/statements", query_string={"statementId": sid, **allowed})
        assert response.status_code == 200


@pytest.mark.parametrize("name", ["StatementId", "Verb", "LIMIT", "foo", "method"])
def test_unknown_or_miscased_parameters_are_refused(xapi, name):
    response = xapi.get("/xapi/statements", query_string={name: "1"})
    assert response.status_code == 400
    assert response.headers["X-Experience-API-Consistent-Through"]


def test_a_repeated_parameter_is_refused(xapi):
    response = xapi.get("/xapi/statements?verb=http://a.example/v&verb=http://b.example/v")
    assert response.status_code == 400


def test_bad_filter_values_are_refused(xapi):
    for query in ({"agent": "{not json"}, {"agent": json.dumps({"name": "no ifi"})},
                  {"verb": "not an iri"}, {"registration": "nope"}, {"format": "full"}):
        assert xapi.get("/xapi/statements", query_string=query).status_code == 400, query


def test_extreme_but_valid_timestamps_are_answered(xapi):
    for query in ({"since": "0001-01-01T00:00:00Z"}, {"until": "9999-12-31T23:59:59.999Z"},
                  {"since": "1970-01-01T00:00:00+14:00"}):
        assert xapi.get("/xapi/statements", query_string={**query, "limit": 1}).status_code \
            == 200, query
    response = xapi.get("/xapi/statements", query_string={"since": "9999-12-31T23:59:59-23:59"})
    assert response.status_code == 400
