import uuid

from tests.conftest import statement


def test_post_then_get_by_id(xapi):
    s = statement()
    response = xapi.post("/xapi/statements", json=s)
    assert response.status_code == 200, response.get_data(as_text=True)
    [statement_id] = response.get_json()
    got = xapi.get(f"/xapi/statements?statementId={statement_id}")
    assert got.status_code == 200
    body = got.get_json()
    assert body["id"] == statement_id
    assert body["actor"] == s["actor"]
    assert "stored" in body and "authority" in body
    assert got.headers["X-Experience-API-Consistent-Through"]
    assert got.headers["X-Experience-API-Version"] == xapi.version


def test_put_and_query_by_agent(xapi):
    s = statement()
    sid = str(uuid.uuid4())
    assert xapi.put(f"/xapi/statements?statementId={sid}", json=s).status_code == 204
    import json
    result = xapi.get("/xapi/statements", query_string={"agent": json.dumps(s["actor"])})
    assert result.status_code == 200
    assert [x["id"] for x in result.get_json()["statements"]] == [sid]


def test_missing_version_header_is_400(xapi):
    response = xapi.get("/xapi/statements", version=None, headers={})
    assert response.status_code == 400


def test_no_content_answers_claim_no_media_type(xapi):
    response = xapi.put(f"/xapi/statements?statementId={uuid.uuid4()}", json=statement())
    assert response.status_code == 204
    assert "Content-Type" not in response.headers
