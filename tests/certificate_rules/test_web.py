"""The verification page and JSON endpoint, as a plain WSGI app."""

import io
import json
from wsgiref.util import setup_testing_defaults

import pytest

from certificate_rules.credentials import keys
from certificate_rules.issuing import IssuerState
from certificate_rules.rules import evaluate
from certificate_rules.web import VerificationApp

from .helpers import AMINA, COMPLETED, at, record, rule, statement

ISSUER = {"id": "https://learning.example.org/issuers/ssc", "name": "UN <System> Staff College",
          "status_list_url": "https://learning.example.org/certificates/status/1"}
NOW = at("2026-07-01T00:00:00Z")


@pytest.fixture
def issued(tmp_path):
    key = keys.create_key_file(tmp_path / "key.json", ISSUER["id"])
    state = IssuerState(tmp_path / "state", key=key, issuer=ISSUER)
    the_rule = rule("  module_completed: a\n")
    decision = evaluate(the_rule, record([statement(COMPLETED, "a", "2026-03-01T10:00:00Z")]),
                        now=NOW)
    credential = state.issue(decision, the_rule, actor=AMINA, now=NOW).credential
    app = VerificationApp(state, trusted_keys={key.verification_method:
                                               key.public_key_multibase}, clock=lambda: NOW)
    return app, state, credential


def call(app, path, query="", method="GET", body=None, headers=None):
    environ = {"PATH_INFO": path, "QUERY_STRING": query, "REQUEST_METHOD": method}
    if body is not None:
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
    environ.update(headers or {})
    setup_testing_defaults(environ)
    captured = {}

    def start_response(status, response_headers):
        captured["status"], captured["headers"] = status, dict(response_headers)

    data = b"".join(app(environ, start_response))
    return captured["status"], captured["headers"], data


def test_json_endpoint_says_valid_and_why(issued):
    app, _state, credential = issued
    status, headers, body = call(app, "/verify.json", "id=" + credential["id"])
    result = json.loads(body)
    assert status == "200 OK" and result["valid"] is True
    assert [check["name"] for check in result["checks"]] == ["context", "proof", "dates",
                                                             "status"]


def test_json_endpoint_after_revocation_and_for_a_posted_tampered_credential(issued):
    app, state, credential = issued
    tampered = dict(credential, name="Something else")
    _status, _headers, body = call(app, "/verify.json", method="POST",
                                   body=json.dumps(tampered).encode())
    assert json.loads(body)["valid"] is False
    state.revoke(credential["id"], now=NOW)
    result = json.loads(call(app, "/verify.json", "id=" + credential["id"])[2])
    assert result["valid"] is False and result["checks"][-1]["message"] == "revoked by its issuer"


def test_page_is_escaped_translated_and_script_free(issued):
    app, _state, credential = issued
    status, headers, body = call(app, "/verify", "id=" + credential["id"] + "&lang=fr")
    html = body.decode()
    assert status == "200 OK" and '<html lang="fr"' in html
    assert "Ce justificatif est valide." in html and "non révoqué" in html
    assert "UN &lt;System&gt; Staff College" in html and "<System>" not in html
    assert "<script" not in html and "onclick" not in html
    assert '<label for="credential-id">' in html
    assert "default-src 'none'" in headers["Content-Security-Policy"]


def test_unknown_credential_and_status_list(issued):
    app, _state, _credential = issued
    status, _headers, body = call(app, "/verify", "id=urn:uuid:nope",
                                  headers={"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.8"})
    assert status == "404 Not Found" and "No credential with this identifier" in body.decode()
    status, _headers, body = call(app, "/status/1")
    assert status == "200 OK" and json.loads(body)["type"][1] == "BitstringStatusListCredential"


def test_the_lrs_serves_the_verification_app_when_mounted(tmp_path, monkeypatch):
    import yaml

    from lrs import create_app

    key = keys.create_key_file(tmp_path / "key.json", ISSUER["id"])
    state = IssuerState(tmp_path / "state", key=key, issuer=ISSUER)
    the_rule = rule("  module_completed: a\n")
    decision = evaluate(the_rule, record([statement(COMPLETED, "a", "2026-03-01T10:00:00Z")]),
                        now=at("2026-03-02T00:00:00Z"))
    credential = state.issue(decision, the_rule, actor=AMINA, now=at("2026-03-02T00:00:00Z")
                             ).credential
    (tmp_path / "issuer.yaml").write_text(yaml.safe_dump(ISSUER))
    (tmp_path / "controller.json").write_text(json.dumps(key.controller_document()))
    monkeypatch.setenv("CERTIFICATES_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("CERTIFICATES_ISSUER", str(tmp_path / "issuer.yaml"))
    monkeypatch.setenv("CERTIFICATES_TRUST", str(tmp_path / "controller.json"))
    lrs = create_app({"DATABASE_URL": "sqlite:///" + str(tmp_path / "lrs.sqlite3"),
                      "MOUNTS": "/certificates=certificate_rules.web:"
                                "create_app_from_environment"})
    client = lrs.test_client()
    answer = client.get("/certificates/verify.json", query_string={"id": credential["id"]})
    assert answer.status_code == 200 and answer.get_json()["valid"] is True
    assert client.get("/xapi/about").status_code == 200  # the LRS itself as before
