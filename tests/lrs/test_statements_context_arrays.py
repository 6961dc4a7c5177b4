"""Data 2.4.6.2: single context activities come back as arrays of one."""

from tests.conftest import statement

PARENT = {"objectType": "Activity", "id": "https://learning.example.org/paths/fro"}


def test_single_context_activity_is_returned_as_array(xapi):
    s = statement(context={"contextActivities": {"parent": PARENT}})
    [sid] = xapi.post("/xapi/statements", json=s).get_json()
    got = xapi.get(f"/xapi/statements?statementId={sid}").get_json()
    assert got["context"]["contextActivities"]["parent"] == [PARENT]


def test_single_context_activity_in_substatement_is_returned_as_array(xapi):
    sub = statement(context={"contextActivities": {"grouping": PARENT}})
    sub["objectType"] = "SubStatement"
    s = statement(object=sub)
    [sid] = xapi.post("/xapi/statements", json=s).get_json()
    got = xapi.get(f"/xapi/statements?statementId={sid}").get_json()
    assert got["object"]["context"]["contextActivities"]["grouping"] == [PARENT]


def test_resending_the_single_form_is_the_same_statement(xapi):
    s = statement(context={"contextActivities": {"parent": PARENT}})
    [sid] = xapi.post("/xapi/statements", json=s).get_json()
    again = xapi.put(f"/xapi/statements?statementId={sid}", json=s)
    assert again.status_code == 204
