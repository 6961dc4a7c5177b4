"""Headers of statement responses, HEAD, CORS and credentials."""

from email.utils import parsedate_to_datetime

from lrs.xapi.timestamps import parse
from tests.conftest import statement

THROUGH = "X-Experience-API-Consistent-Through"


def test_consistent_through_is_on_every_statements_get_whatever_the_status(xapi):
    [sid] = xapi.post("/xapi/statements", json=statement()).get_json()
    responses = [
        xapi.get("/xapi/statements"),
        xapi.get("/xapi/statements", query_string={"statementId": sid}),
        xapi.get("/xapi/statements", query_string={"statementId":
                                                   "5f1f9a2b-8a55-4e24-8b6b-1a3e7a9c0d11"}),
        xapi.get("/xapi/statements", query_string={"foo": "bar"}),
        xapi.get("/xapi/statements", version=None, auth=False),
        xapi.head("/xapi/statements"),
    ]
    assert [r.status_code for r in responses] == [200, 200, 404, 400, 400, 200]
    for response in responses:
        parse(response.headers[THROUGH], require_offset=True)
    listed = responses[0].get_json()["statements"]
    through = parse(responses[0].headers[THROUGH])
    assert all(parse(s["stored"]) <= through for s in listed)


def test_last_modified_is_the_stored_time(xapi):
    [sid] = xapi.post("/xapi/statements", json=statement()).get_json()
    response = xapi.get("/xapi/statements", query_string={"statementId": sid})
    stored = parse(response.get_json()["stored"]).replace(microsecond=0)
    assert parsedate_to_datetime(response.headers["Last-Modified"]) == stored
    listing = xapi.get("/xapi/statements", query_string={"limit": 1})
    newest = parse(listing.get_json()["statements"][0]["stored"]).replace(microsecond=0)
    assert parsedate_to_datetime(listing.headers["Last-Modified"]) == newest


def test_head_answers_like_get_without_a_body(xapi):
    [sid] = xapi.post("/xapi/statements", json=statement()).get_json()
    activity = statement()["object"]["id"]
    agent = '{"mbox": "mailto:someone@example.org"}'
    for path, query in (("/xapi/statements", {}), ("/xapi/statements", {"statementId": sid}),
                        ("/xapi/activities", {"activityId": activity}),
                        ("/xapi/agents", {"agent": agent}), ("/xapi/about", {})):
        get = xapi.get(path, query_string=query)
        head = xapi.head(path, query_string=query)
        assert head.status_code == get.status_code == 200, path
        assert head.get_data() == b""
        assert head.headers["Content-Type"] == get.headers["Content-Type"]
    assert xapi.head("/xapi/statements", query_string={"statementId": "bad"}).status_code == 400


def test_cors_preflight_needs_no_credentials_and_allows_what_browsers_send(xapi):
    response = xapi.request(
        "OPTIONS", "/xapi/statements", version=None, auth=False,
        headers={"Origin": "https://course.example.org",
                 "Access-Control-Request-Method": "PUT",
                 "Access-Control-Request-Headers": "authorization, content-type, "
                                                   "x-experience-api-version, x-custom"})
    assert response.status_code == 200
    headers = response.headers
    assert headers["Access-Control-Allow-Origin"] == "https://course.example.org"
    assert headers["Access-Control-Allow-Credentials"] == "true"
    assert "PUT" in headers["Access-Control-Allow-Methods"]
    allowed = headers["Access-Control-Allow-Headers"].lower()
    for name in ("authorization", "content-type", "x-experience-api-version", "if-match",
                 "x-custom"):
        assert name in allowed
    real = xapi.get("/xapi/statements", headers={"Origin": "https://course.example.org"})
    exposed = real.headers["Access-Control-Expose-Headers"].lower()
    for name in ("x-experience-api-consistent-through", "x-experience-api-version",
                 "last-modified", "etag"):
        assert name in exposed


def test_missing_or_wrong_credentials_get_401_with_a_challenge(xapi):
    for headers in ({}, {"Authorization": "Basic Zm9vOmJhcg=="},
                    {"Authorization": "Basic:Zm9vOmJhcg=="}, {"Authorization": "Bearer x"},
                    {"Authorization": "Basic !!!"}):
        response = xapi.put("/xapi/statements?statementId=5f1f9a2b-8a55-4e24-8b6b-1a3e7a9c0d11",
                            json=statement(), auth=False, headers=headers)
        assert response.status_code == 401, headers
        assert response.headers["WWW-Authenticate"].startswith("Basic")
        assert response.get_json()["error"]["code"] == 401


def test_credentials_are_checked_before_parameters(xapi):
    response = xapi.get("/xapi/statements", query_string={"foo": "bar"}, auth=False)
    assert response.status_code == 401


def _credential(app, key, scopes):
    import base64

    from lrs.service.auth import hash_secret
    storage = app.extensions["lrs.storage"]
    if not storage.credentials.find(key):
        storage.credentials.create(store_id=storage.credentials.store_id(), key=key,
                                   name=key, secret_hash=hash_secret("pw"), scopes=scopes)
    return {"Authorization": "Basic " + base64.b64encode(f"{key}:pw".encode()).decode()}


def test_scopes_limit_what_a_credential_may_do(xapi, app):
    reader = _credential(app, "reader-only", ("statements/read",))
    writer = _credential(app, "writer-only", ("statements/write",))
    assert xapi.get("/xapi/statements", auth=False, headers=reader).status_code == 200
    response = xapi.post("/xapi/statements", json=statement(), auth=False, headers=reader)
    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == 403
    assert xapi.post("/xapi/statements", json=statement(), auth=False,
                     headers=writer).status_code == 200
    assert xapi.get("/xapi/statements", auth=False, headers=writer).status_code == 403
    agent = '{"mbox": "mailto:someone@example.org"}'
    # Reading agents is reading what statements say: a write-only client may not.
    assert xapi.get("/xapi/agents", query_string={"agent": agent}, auth=False,
                    headers=writer).status_code == 403
    assert xapi.get("/xapi/agents", query_string={"agent": agent}, auth=False,
                    headers=reader).status_code == 200
