"""format=exact|ids|canonical (with Accept-Language) and the Content-Type of answers."""

import uuid

from tests.conftest import statement

DISPLAY = {"en-US": "attended", "en-GB": "attended (GB)", "fr-FR": "a assisté"}


def _statement():
    group = {"objectType": "Group", "mbox": f"mailto:g.{uuid.uuid4().hex[:8]}@example.org",
             "name": "Cohort", "member": [{"mbox": "mailto:m@example.org", "name": "M"}]}
    anonymous = {"objectType": "Group", "name": "Pair",
                 "member": [{"name": "A", "mbox": "mailto:a@example.org"},
                            {"name": "B", "account": {"homePage": "http://h.example",
                                                      "name": "b"}}]}
    activity = {"objectType": "Activity",
                "id": f"https://learning.example.org/act/{uuid.uuid4().hex}",
                "definition": {"name": {"en-US": "Meeting", "en-GB": "Meeting (GB)"},
                               "description": {"en-US": "A meeting", "en-GB": "A meeting GB"},
                               "type": "http://adlnet.gov/expapi/activities/meeting"}}
    sub = {"objectType": "SubStatement", "actor": group,
           "verb": {"id": "http://adlnet.gov/expapi/verbs/attended", "display": DISPLAY},
           "object": activity}
    return statement(actor=anonymous, verb={"id": "http://adlnet.gov/expapi/verbs/attended",
                                            "display": DISPLAY}, object=sub,
                     context={"contextActivities": {"category": [activity]}})


def _get(xapi, sid, **query):
    response = xapi.get("/xapi/statements", query_string={"statementId": sid, **query},
                        headers={"Accept-Language": "en-GB"})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.headers["Content-Type"] == "application/json"
    return response.get_json()


def test_exact_returns_what_was_sent(xapi):
    s = _statement()
    [sid] = xapi.post("/xapi/statements", json=s).get_json()
    got = _get(xapi, sid)
    for key in ("actor", "verb", "object", "context"):
        assert got[key] == s[key]
    assert _get(xapi, sid, format="exact") == got


def test_ids_keeps_only_identifiers(xapi):
    s = _statement()
    [sid] = xapi.post("/xapi/statements", json=s).get_json()
    got = _get(xapi, sid, format="ids")
    assert got["verb"] == {"id": s["verb"]["id"]}
    sub = got["object"]
    assert sub["objectType"] == "SubStatement"
    assert sub["actor"] == {"objectType": "Group", "mbox": s["object"]["actor"]["mbox"]}
    assert sub["object"] == {"id": s["object"]["object"]["id"]}
    assert sub["verb"] == {"id": s["verb"]["id"]}
    # An anonymous group is identified by its members.
    assert got["actor"] == {"objectType": "Group", "member": [
        {"objectType": "Agent", "mbox": "mailto:a@example.org"},
        {"objectType": "Agent", "account": {"homePage": "http://h.example", "name": "b"}}]}
    assert got["context"]["contextActivities"]["category"] == [{"id": s["object"]["object"]["id"]}]
    assert "name" not in got["authority"]


def test_canonical_keeps_one_language_chosen_by_accept_language(xapi):
    s = _statement()
    [sid] = xapi.post("/xapi/statements", json=s).get_json()
    got = _get(xapi, sid, format="canonical")
    assert got["verb"]["display"] == {"en-GB": "attended (GB)"}
    definition = got["context"]["contextActivities"]["category"][0]["definition"]
    assert definition["name"] == {"en-GB": "Meeting (GB)"}
    assert definition["description"] == {"en-GB": "A meeting GB"}
    assert definition["type"] == "http://adlnet.gov/expapi/activities/meeting"
    assert got["object"]["verb"]["display"] == {"en-GB": "attended (GB)"}
    assert got["actor"] == s["actor"]  # agents and groups as sent
    # Without format=canonical, Accept-Language changes nothing.
    assert _get(xapi, sid)["verb"]["display"] == DISPLAY


def test_canonical_uses_the_lrs_definition_merged_from_statements(xapi):
    iri = f"https://learning.example.org/act/{uuid.uuid4().hex}"
    first = {"objectType": "Activity", "id": iri,
             "definition": {"name": {"en-US": "Old"}, "type": "http://example.org/t"}}
    later = {"objectType": "Activity", "id": iri, "definition": {"name": {"fr-FR": "Nouveau"}}}
    [sid] = xapi.post("/xapi/statements", json=statement(object=first)).get_json()
    xapi.post("/xapi/statements", json=statement(object=later))
    response = xapi.get("/xapi/statements",
                        query_string={"statementId": sid, "format": "canonical"},
                        headers={"Accept-Language": "fr-FR, en;q=0.5"})
    definition = response.get_json()["object"]["definition"]
    assert definition == {"name": {"fr-FR": "Nouveau"}, "type": "http://example.org/t"}


def test_format_applies_to_statement_results_too(xapi):
    s = _statement()
    xapi.post("/xapi/statements", json=s)
    response = xapi.get("/xapi/statements",
                        query_string={"verb": s["verb"]["id"], "format": "ids", "limit": 1})
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    [got] = response.get_json()["statements"]
    assert got["verb"] == {"id": s["verb"]["id"]}
