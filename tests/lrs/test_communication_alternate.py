"""Alternate request syntax (xAPI 1.0.x, Communication 1.3): the request travels as a POST
with a form body; xAPI 2.0 removed it."""

import json
import uuid
from urllib.parse import urlencode

from tests.conftest import basic_auth, statement

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def _form(**fields):
    return urlencode(fields)


def test_put_through_a_form(xapi103):
    sid = str(uuid.uuid4())
    body = _form(statementId=sid, content=json.dumps(statement()),
                 **{"X-Experience-API-Version": "1.0.3", "Authorization": basic_auth(),
                    "Content-Type": "application/json"})
    response = xapi103.post("/xapi/statements?method=PUT", data=body, headers=FORM,
                            version=None, auth=False)
    assert response.status_code == 204, response.get_data(as_text=True)
    got = xapi103.get("/xapi/statements", query_string={"statementId": sid})
    assert got.status_code == 200


def test_get_through_a_form(xapi103):
    response = xapi103.post("/xapi/statements?method=GET", data=_form(limit="1"),
                            headers=FORM)
    assert response.status_code == 200
    assert set(response.get_json()) == {"statements", "more"}


def test_headers_of_the_request_itself_win_over_form_fields(xapi103):
    sid = str(uuid.uuid4())
    body = _form(statementId=sid, content=json.dumps(statement()),
                 **{"X-Experience-API-Version": "0.8"})
    response = xapi103.post("/xapi/statements?method=PUT", data=body, headers=FORM)
    assert response.status_code == 204


def test_malformed_alternate_requests_are_refused(xapi103):
    sid = str(uuid.uuid4())
    content = json.dumps(statement())
    # Anything but method in the query string.
    assert xapi103.post(f"/xapi/statements?method=PUT&statementId={sid}",
                        data=_form(statementId=sid, content=content),
                        headers=FORM).status_code == 400
    # No form body at all.
    assert xapi103.post("/xapi/statements?method=PUT").status_code == 400
    # A body that is not a form.
    assert xapi103.post("/xapi/statements?method=PUT",
                        data=json.dumps({"statementId": sid, "content": content}),
                        headers=FORM).status_code == 400
    # An unknown method.
    assert xapi103.post("/xapi/statements?method=PATCH", data=_form(content=content),
                        headers=FORM).status_code == 400
    # The syntax only exists as a POST.
    assert xapi103.get("/xapi/statements?method=POST").status_code == 400
    assert xapi103.post("/xapi/statements?method=GET", data=_form(foo="bar"),
                        headers=FORM).status_code == 400


def test_xapi_2_has_no_alternate_syntax(xapi20):
    sid = str(uuid.uuid4())
    body = _form(statementId=sid, content=json.dumps(statement()))
    for method in ("PUT", "GET", "POST"):
        response = xapi20.post(f"/xapi/statements?method={method}", data=body, headers=FORM)
        assert response.status_code == 400
    assert xapi20.put("/xapi/statements?method=POST", json=statement()).status_code == 400
    assert xapi20.get("/xapi/statements", query_string={"statementId": sid}).status_code == 404


def test_oversize_form_is_a_413(xapi103, app):
    middleware = app.wsgi_app
    old = middleware.max_body
    middleware.max_body = 100
    try:
        body = _form(statementId=str(uuid.uuid4()), content=json.dumps(statement()))
        response = xapi103.post("/xapi/statements?method=PUT", data=body, headers=FORM)
        assert response.status_code == 413
    finally:
        middleware.max_body = old
