"""Error answers: bodies a client can read, the right status, never a 500."""

import uuid

import pytest

from tests.conftest import statement


def _error(response, status):
    assert response.status_code == status, response.get_data(as_text=True)
    body = response.get_json()
    assert body["error"]["code"] == status and body["error"]["message"]
    assert response.headers["Content-Type"] == "application/json"


@pytest.mark.parametrize("path", ["/xapi/statements", "/xapi/activities", "/xapi/agents"])
def test_methods_outside_the_spec_get_405_even_without_credentials(xapi, path):
    _error(xapi.delete(path, auth=False), 405)
    if path != "/xapi/statements":
        _error(xapi.post(path, json={}), 405)
        _error(xapi.put(path, json={}), 405)


def test_malformed_json_is_a_400(xapi):
    for body in (b'{"actor": ', b"not json", b'{"a": 1,}', b"[1, 2"):
        _error(xapi.post("/xapi/statements", data=body,
                         headers={"Content-Type": "application/json"}), 400)


def test_invalid_utf8_is_a_400(xapi):
    body = b'{"actor": {"mbox": "mailto:a@example.org", "name": "\xff\xfe"}}'
    _error(xapi.post("/xapi/statements", data=body,
                     headers={"Content-Type": "application/json"}), 400)


def test_a_utf8_byte_order_mark_is_tolerated(xapi):
    import json
    body = b"\xef\xbb\xbf" + json.dumps(statement()).encode()
    response = xapi.post("/xapi/statements", data=body,
                         headers={"Content-Type": "application/json; charset=utf-8"})
    assert response.status_code == 200


def test_non_ascii_text_round_trips(xapi):
    display = {"ja-JP": "出席した", "ar-EG": "حضر", "hy-AM": "ներկա է գտնվել"}
    s = statement(verb={"id": f"http://example.org/verbs/{uuid.uuid4().hex}",
                        "display": display})
    [sid] = xapi.post("/xapi/statements", json=s).get_json()
    got = xapi.get("/xapi/statements", query_string={"statementId": sid}).get_json()
    assert got["verb"]["display"] == display


def test_wrong_content_type_is_a_400(xapi):
    import json
    for content_type in ("text/plain", "application/xml", "application/x-www-form-urlencoded"):
        _error(xapi.post("/xapi/statements", data=json.dumps(statement()),
                         headers={"Content-Type": content_type}), 400)


def test_bodies_that_are_not_statements_are_a_400(xapi):
    for body in ("", "42", '"text"', "[1, 2]", "null", "[{}, 3]"):
        _error(xapi.post("/xapi/statements", data=body,
                         headers={"Content-Type": "application/json"}), 400)


def test_oversize_bodies_are_a_413(xapi, app):
    old = app.config["MAX_CONTENT_LENGTH"]
    app.config["MAX_CONTENT_LENGTH"] = 2000
    try:
        big = statement(result={"response": "x" * 5000})
        _error(xapi.post("/xapi/statements", json=big), 413)
    finally:
        app.config["MAX_CONTENT_LENGTH"] = old


def test_unknown_paths_are_a_404(xapi):
    _error(xapi.get("/xapi/statement"), 404)


def test_unknown_parameters_on_post_and_put_are_refused(xapi):
    _error(xapi.post("/xapi/statements?verbose=1", json=statement()), 400)
    sid = str(uuid.uuid4())
    _error(xapi.put(f"/xapi/statements?statementId={sid}&x=1", json=statement()), 400)
    _error(xapi.put(f"/xapi/statements?StatementId={sid}", json=statement()), 400)
