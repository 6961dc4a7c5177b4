"""The X-Experience-API-Version header: asked for on every request but /about, answered on
every response."""

import pytest

from tests.conftest import statement

HEADER = "X-Experience-API-Version"


@pytest.mark.parametrize("asked, answered", [
    ("1.0.0", "1.0.3"), ("1.0.1", "1.0.3"), ("1.0.2", "1.0.3"), ("1.0.3", "1.0.3"),
    ("1.0", "1.0.3"), ("2.0.0", "2.0.0"), ("2.0", "2.0.0")])
def test_accepted_versions_are_answered_with_the_latest_patch(xapi103, asked, answered):
    response = xapi103.get("/xapi/statements", query_string={"limit": 1}, version=asked)
    assert response.status_code == 200
    assert response.headers[HEADER] == answered


@pytest.mark.parametrize("asked", ["0.9", "0.95", "1.1.0", "3.0.0", "2.1.0", "latest", ""])
def test_unsupported_versions_are_refused(xapi103, asked):
    response = xapi103.get("/xapi/statements", version=asked)
    assert response.status_code == 400
    assert response.headers[HEADER] == "2.0.0"


@pytest.mark.parametrize("method", ["GET", "POST", "PUT"])
def test_a_missing_version_is_refused_before_credentials(xapi, method):
    kwargs = {"json": statement()} if method != "GET" else {}
    response = xapi.request(method, "/xapi/statements?statementId="
                            "5f1f9a2b-8a55-4e24-8b6b-1a3e7a9c0d11", version=None, auth=False,
                            **kwargs)
    assert response.status_code == 400
    assert response.headers[HEADER] == "2.0.0"
    assert response.get_json()["error"]["code"] == 400


def test_every_response_carries_the_version(xapi):
    expected = xapi.version if xapi.version == "2.0.0" else "1.0.3"
    for response in (
        xapi.get("/xapi/statements"),
        xapi.post("/xapi/statements", json=statement()),
        xapi.get("/xapi/statements", query_string={"statementId":
                                                   "5f1f9a2b-8a55-4e24-8b6b-1a3e7a9c0d11"}),
        xapi.get("/xapi/nothing-here"),
        xapi.delete("/xapi/statements"),
        xapi.get("/xapi/statements", auth=False),
        xapi.get("/xapi/about"),
    ):
        assert response.headers[HEADER] == expected, response.status_code


def test_about_lists_the_versions_a_client_can_use(xapi):
    response = xapi.get("/xapi/about", auth=False)
    assert response.status_code == 200
    body = response.get_json()
    if xapi.version == "2.0.0":
        assert "2.0.0" in body["version"]
    else:
        # 1.0 clients (and the 1.0.3 conformance suite) accept only 1.0.x there.
        assert body["version"] == ["1.0.0", "1.0.1", "1.0.2", "1.0.3"]
    assert body["extensions"] == {}


def test_about_needs_no_version_or_credentials(xapi):
    response = xapi.get("/xapi/about", version=None, auth=False)
    assert response.status_code == 200
    assert set(response.get_json()["version"]) == {"1.0.0", "1.0.1", "1.0.2", "1.0.3", "2.0.0"}
    assert response.headers[HEADER] == "2.0.0"
    assert xapi.head("/xapi/about", version=None, auth=False).get_data() == b""
    assert xapi.get("/xapi/about", query_string={"x": "1"}).status_code == 400
    # A client of a version we don't speak learns what we do speak.
    old_client = xapi.get("/xapi/about", version="0.95", auth=False)
    assert old_client.status_code == 200 and "1.0.3" in old_client.get_json()["version"]
