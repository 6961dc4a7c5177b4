"""Voiding (Data 2.3.2) and how voided statements are fetched (Communication 2.1.4)."""

import uuid

from tests.conftest import statement

VOIDED = {"id": "http://adlnet.gov/expapi/verbs/voided", "display": {"en-US": "voided"}}


def _void(target):
    return statement(verb=VOIDED, object={"objectType": "StatementRef", "id": target})


def _post(xapi, *statements):
    response = xapi.post("/xapi/statements", json=list(statements))
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def _status(xapi, **query):
    return xapi.get("/xapi/statements", query_string=query).status_code


def test_a_voided_statement_is_fetched_by_voided_statement_id_only(xapi):
    [target] = _post(xapi, statement())
    assert _status(xapi, voidedStatementId=target) == 404  # not voided yet
    [voiding] = _post(xapi, _void(target))
    assert _status(xapi, statementId=target) == 404
    got = xapi.get("/xapi/statements", query_string={"voidedStatementId": target})
    assert got.status_code == 200 and got.get_json()["id"] == target
    assert got.headers["X-Experience-API-Consistent-Through"]
    assert _status(xapi, statementId=voiding) == 200


def test_voided_statements_leave_results_but_statements_targeting_them_stay(xapi):
    verb = {"id": f"http://example.org/verbs/{uuid.uuid4().hex}"}
    target = str(uuid.uuid4())
    _post(xapi, statement(id=target, verb=verb))
    [voiding] = _post(xapi, _void(target))
    [ref] = _post(xapi, statement(verb=verb, object={"objectType": "StatementRef",
                                                     "id": target}))
    response = xapi.get("/xapi/statements", query_string={"verb": verb["id"]})
    assert [s["id"] for s in response.get_json()["statements"]] == [ref, voiding]


def test_a_voiding_statement_cannot_be_voided(xapi):
    [target] = _post(xapi, statement())
    [voiding] = _post(xapi, _void(target))
    response = xapi.post("/xapi/statements", json=_void(voiding))
    assert response.status_code in (200, 400)
    assert _status(xapi, statementId=voiding) == 200
    assert _status(xapi, voidedStatementId=voiding) == 404
    # Voiding an already voided statement again changes nothing either.
    _post(xapi, _void(target))
    assert _status(xapi, voidedStatementId=target) == 200


def test_voiding_an_unknown_statement_is_accepted_and_applies_when_it_arrives(xapi):
    target = str(uuid.uuid4())
    _post(xapi, _void(target))
    _post(xapi, statement(id=target))
    assert _status(xapi, statementId=target) == 404
    assert _status(xapi, voidedStatementId=target) == 200


def test_voiding_and_target_in_one_batch(xapi):
    target = str(uuid.uuid4())
    _post(xapi, _void(target), statement(id=target))
    assert _status(xapi, voidedStatementId=target) == 200


def test_a_late_voiding_statement_targeting_a_voiding_statement_voids_nothing(xapi):
    voiding = str(uuid.uuid4())
    _post(xapi, _void(voiding))  # voids a statement that will turn out to void
    _post(xapi, statement(id=voiding, verb=VOIDED,
                          object={"objectType": "StatementRef", "id": str(uuid.uuid4())}))
    assert _status(xapi, statementId=voiding) == 200


def test_voiding_needs_a_statement_ref(xapi):
    response = xapi.post("/xapi/statements", json=statement(verb=VOIDED))
    assert response.status_code == 400
