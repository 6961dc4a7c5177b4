"""/agents (Person objects) and /activities (canonical definitions); /about is in
test_communication_versions.py."""

import json
import uuid

from tests.conftest import statement


def _iri():
    return f"https://learning.example.org/activities/{uuid.uuid4().hex}"


def test_agents_returns_a_person_with_array_values(xapi):
    for agent in ({"objectType": "Agent", "name": "Nadia", "mbox": "mailto:nadia@example.org"},
                  {"mbox_sha1sum": "ebd31e95054c018b10727ccffd2ef2ec3a016ee9"},
                  {"openid": "http://openid.example.org/nadia"},
                  {"account": {"homePage": "http://hr.example.org", "name": "nadia"}}):
        response = xapi.get("/xapi/agents", query_string={"agent": json.dumps(agent)})
        assert response.status_code == 200
        person = response.get_json()
        assert person["objectType"] == "Person"
        for key, value in agent.items():
            if key != "objectType":
                assert person[key] == [value]


def test_agents_needs_one_valid_agent(xapi):
    assert xapi.get("/xapi/agents").status_code == 400
    for bad in ("{", json.dumps({"name": "no identifier"}), json.dumps([1])):
        assert xapi.get("/xapi/agents", query_string={"agent": bad}).status_code == 400
    agent = json.dumps({"mbox": "mailto:a@example.org"})
    assert xapi.get("/xapi/agents", query_string={"agent": agent, "x": "1"}).status_code == 400


def test_activities_returns_the_definition_merged_from_statements(xapi):
    iri = _iri()
    first = {"objectType": "Activity", "id": iri,
             "definition": {"name": {"en-US": "example meeting"},
                            "type": "http://adlnet.gov/expapi/activities/meeting"}}
    second = {"objectType": "Activity", "id": iri,
              "definition": {"name": {"fr-FR": "réunion"}}}
    xapi.post("/xapi/statements", json=[statement(object=first), statement(object=second)])
    response = xapi.get("/xapi/activities", query_string={"activityId": iri})
    assert response.status_code == 200
    assert response.get_json() == {
        "objectType": "Activity", "id": iri,
        "definition": {"name": {"en-US": "example meeting", "fr-FR": "réunion"},
                       "type": "http://adlnet.gov/expapi/activities/meeting"}}


def test_a_complete_activity_object_comes_back_as_sent(xapi):
    activity = {"objectType": "Activity", "id": _iri(), "definition": {
        "name": {"en-US": "Choice"}, "description": {"en-US": "Pick one"},
        "type": "http://adlnet.gov/expapi/activities/cmi.interaction",
        "interactionType": "choice", "correctResponsesPattern": ["a"],
        "choices": [{"id": "a", "description": {"en-US": "A"}}],
        "extensions": {"http://example.org/ext": {"x": 1}}}}
    xapi.post("/xapi/statements", json=statement(object=activity))
    got = xapi.get("/xapi/activities", query_string={"activityId": activity["id"]}).get_json()
    assert got == activity


def test_activities_in_context_are_known_too(xapi):
    parent = {"id": _iri(), "definition": {"name": {"en-US": "Programme"}}}
    xapi.post("/xapi/statements", json=statement(context={"contextActivities":
                                                          {"parent": [parent]}}))
    got = xapi.get("/xapi/activities", query_string={"activityId": parent["id"]}).get_json()
    assert got["definition"] == parent["definition"]


def test_an_unknown_activity_still_gets_an_activity_object(xapi):
    iri = _iri()
    response = xapi.get("/xapi/activities", query_string={"activityId": iri})
    assert response.status_code == 200
    assert response.get_json() == {"objectType": "Activity", "id": iri}


def test_activities_needs_an_activity_iri(xapi):
    assert xapi.get("/xapi/activities").status_code == 400
    assert xapi.get("/xapi/activities", query_string={"activityId": "true"}).status_code == 400
    assert xapi.get("/xapi/activities",
                    query_string={"activityId": _iri(), "agent": "{}"}).status_code == 400


def test_a_person_lists_the_names_the_agent_was_given(xapi):
    mbox = f"mailto:p.{uuid.uuid4().hex[:8]}@example.org"
    xapi.post("/xapi/statements", json=[
        statement(actor={"objectType": "Agent", "name": "Nadia Haddad", "mbox": mbox}),
        statement(context={"instructor": {"name": "N. Haddad", "mbox": mbox}})])
    response = xapi.get("/xapi/agents", query_string={"agent": json.dumps({"mbox": mbox})})
    person = response.get_json()
    assert person["objectType"] == "Person" and person["mbox"] == [mbox]
    assert sorted(person["name"]) == ["N. Haddad", "Nadia Haddad"]
