"""Per-credential limits: a body over the credential's size gets 413, the request over its
per-minute budget 429 with Retry-After, counted across every worker."""

import io
import uuid

from lrs import create_app
from tests.conftest import XAPIClient, statement


def test_body_over_the_credential_limit_is_413_and_stores_nothing(client_for, xapi):
    small = client_for(store=f"small-{uuid.uuid4().hex[:6]}", max_body_bytes=400,
                       version=xapi.version)
    response = small.post("/xapi/statements", json=[statement() for _ in range(5)])
    assert response.status_code == 413
    assert "400 bytes" in response.get_json()["error"]["message"]
    assert small.get("/xapi/statements").get_json()["statements"] == []
    assert small.post("/xapi/statements", json={"actor": {"mbox": "mailto:a@b.org"},
                                                "verb": {"id": "http://x.org/v"},
                                                "object": {"id": "http://x.org/a"}}
                      ).status_code == 200


def test_body_without_a_length_is_cut_at_the_limit(client_for):
    small = client_for(max_body_bytes=200)
    body = ("[" + ",".join(['{"actor": {"mbox": "mailto:a@b.org"}}'] * 20) + "]").encode()

    # As gunicorn hands over a chunked body: no length, a terminated input stream.
    response = small.post("/xapi/statements", input_stream=io.BytesIO(body),
                          environ_overrides={"wsgi.input_terminated": True},
                          headers={"Content-Type": "application/json",
                                   "Transfer-Encoding": "chunked"})
    assert response.status_code == 413, response.get_json()


def test_requests_per_minute_then_429_with_retry_after(client_for):
    limited = client_for(store=f"rate-{uuid.uuid4().hex[:6]}", requests_per_minute=5)
    codes = [limited.get("/xapi/statements").status_code for _ in range(7)]
    assert codes[:5] == [200] * 5, codes
    assert codes[5:] == [429, 429]
    refused = limited.get("/xapi/statements")
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert "5 requests per minute" in refused.get_json()["error"]["message"]


def test_the_budget_is_shared_by_every_worker(app, client_for):
    limited = client_for(requests_per_minute=4)
    # A second app over the same database stands for another worker or host.
    other_worker = create_app({"DATABASE_URL": app.config["DATABASE_URL"], "TESTING": True})
    twin = XAPIClient(other_worker.test_client(), key=limited.key, secret=limited.secret)
    codes = [client.get("/xapi/statements").status_code
             for client in (limited, twin, limited, twin, limited, twin)]
    other_worker.extensions["lrs.storage"].dispose()
    assert codes == [200, 200, 200, 200, 429, 429]


def test_unlimited_credentials_are_never_counted(app, client_for):
    usage = app.extensions["lrs.storage"].usage
    counted = []
    original = usage.count_request
    usage.count_request = lambda *a: counted.append(a) or original(*a)
    try:
        client = client_for()
        for _ in range(3):
            assert client.get("/xapi/statements").status_code == 200
    finally:
        usage.count_request = original
    assert counted == []
