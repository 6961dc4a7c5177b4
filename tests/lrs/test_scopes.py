"""xAPI scopes on credentials: a read-only reporting tool can't write, and is told why."""

import uuid

import pytest

from lrs.service.auth import hash_secret
from tests.conftest import basic_auth, statement


@pytest.fixture
def scoped(app):
    def make(*scopes):
        storage = app.extensions["lrs.storage"]
        key = "scoped-" + uuid.uuid4().hex[:8]
        storage.credentials.create(store_id=storage.credentials.store_id(), key=key,
                                   name="Scoped client", secret_hash=hash_secret("pw"),
                                   scopes=scopes)
        client = app.test_client()

        def call(method, path, **kw):
            headers = {"Authorization": basic_auth(key, "pw"),
                       "X-Experience-API-Version": "1.0.3"}
            return client.open(path, method=method, headers=headers, **kw)
        return call
    return make


def test_read_only_credential_reads_but_cannot_write(scoped):
    reader = scoped("statements/read")
    assert reader("GET", "/xapi/statements").status_code == 200
    refused = reader("POST", "/xapi/statements", json=statement())
    assert refused.status_code == 403
    assert "statements/read" in refused.get_json()["error"]["message"]


def test_write_only_credential_cannot_read(scoped):
    writer = scoped("statements/write")
    assert writer("POST", "/xapi/statements", json=statement()).status_code == 200
    assert writer("GET", "/xapi/statements").status_code == 403


def test_state_scope_covers_state_only(scoped):
    state_only = scoped("state")
    agent = '{"mbox": "mailto:sara@example.org"}'
    params = {"activityId": "https://learning.example.org/m/1", "agent": agent,
              "stateId": "bookmark"}
    assert state_only("PUT", "/xapi/activities/state", query_string=params,
                      data=b"3", content_type="text/plain").status_code == 204
    assert state_only("GET", "/xapi/statements").status_code == 403
