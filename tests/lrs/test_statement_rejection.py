"""Invalid statements sent over HTTP: 400 with a JSON error naming the problem, and a batch
with one bad statement stores none of it."""

import uuid

import pytest

from tests.conftest import statement


def error_of(response):
    assert response.status_code == 400, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    body = response.get_json()
    return body["error"]


def sub_statement(**extra):
    return {"objectType": "SubStatement",
            "actor": {"mbox": "mailto:kwame.mensah@example.org"},
            "verb": {"id": "http://adlnet.gov/expapi/verbs/attempted"},
            "object": {"id": "https://learning.example.org/leadership/intro"}, **extra}


def without_actor():
    body = statement()
    del body["actor"]
    return body


CASES = {
    "missing actor": (without_actor(), "actor"),
    "mbox without mailto": (statement(actor={"mbox": "amina@example.org"}), "actor.mbox"),
    "miscased property": ({**statement(), "Verb": {"id": "http://example.org/v"}}, "Verb"),
    "bad language tag": (statement(verb={"id": "http://adlnet.gov/expapi/verbs/completed",
                                         "display": {"de-419-DE": "abgeschlossen"}}),
                         "verb.display.de-419-DE"),
    "sub-statement with an id": (statement(object=sub_statement(id=str(uuid.uuid4()))),
                                 "object.id"),
    "negative zero offset": (statement(timestamp="2024-05-01T10:00:00.000-00:00"), "timestamp"),
    "scaled score above 1": (statement(result={"score": {"scaled": 1.5}}),
                             "result.score.scaled"),
    "component list the interaction cannot have": (statement(object={
        "id": "https://learning.example.org/q/1",
        "definition": {"interactionType": "true-false",
                       "choices": [{"id": "yes"}, {"id": "no"}]}}),
        "object.definition.choices"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_an_invalid_statement_is_rejected_with_its_problem_named(xapi, name):
    body, path = CASES[name]
    error = error_of(xapi.post("/xapi/statements", json=body))
    assert error["code"] == 400
    assert path in error["message"]
    assert error.get("path") == path


def test_put_rejects_an_invalid_statement_and_stores_nothing(xapi):
    statement_id = str(uuid.uuid4())
    body = statement(object={"objectType": "StatementRef", "id": "not-a-uuid"})
    error = error_of(xapi.put(f"/xapi/statements?statementId={statement_id}", json=body))
    assert "object.id" in error["message"]
    assert xapi.get(f"/xapi/statements?statementId={statement_id}").status_code == 404


def test_a_batch_with_one_bad_statement_stores_nothing(xapi):
    good_ids = [str(uuid.uuid4()), str(uuid.uuid4())]
    batch = [statement(id=good_ids[0]),
             statement(id=str(uuid.uuid4()), result={"success": "yes"}),
             statement(id=good_ids[1])]
    error = error_of(xapi.post("/xapi/statements", json=batch))
    assert "result.success" in error["message"]
    for good in good_ids:
        assert xapi.get(f"/xapi/statements?statementId={good}").status_code == 404


def test_context_agents_are_a_2_0_feature(xapi103, xapi20):
    context = {"contextAgents": [{"objectType": "contextAgent",
                                  "agent": {"mbox": "mailto:coach@example.org"},
                                  "relevantTypes": ["https://learning.example.org/roles/coach"]}]}
    error = error_of(xapi103.post("/xapi/statements", json=statement(context=context)))
    assert "context.contextAgents" in error["message"]
    assert xapi20.post("/xapi/statements", json=statement(context=context)).status_code == 200


def test_valid_edge_cases_are_stored(xapi):
    edge = statement(
        object={"id": "https://learning.example.org/leadership/intro"},
        timestamp="2024-05-01T10:00:00.123456789+05:30",
        result={"duration": "P1DT2H", "extensions": {"https://example.org/ext/empty": None}},
        verb={"id": "http://adlnet.gov/expapi/verbs/attended",
              "display": {"ja-JP": "出席した", "zh-Hant": "出席", "i-enochian": "?"}},
    )
    response = xapi.post("/xapi/statements", json=edge)
    assert response.status_code == 200, response.get_data(as_text=True)
