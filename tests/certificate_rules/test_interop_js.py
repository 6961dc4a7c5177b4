"""Our credentials through the widely used JavaScript verifier (Digital Bazaar's vc +
eddsa-rdfc-2022, jsonld.js in safe mode), installed by `make test` (npm ci in
tests/certificate_rules/interop)."""

import copy
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from certificate_rules.credentials import keys, openbadge
from certificate_rules.credentials.contexts import _DIRECTORY, _FILES
from certificate_rules.issuing import IssuerState
from certificate_rules.rules import evaluate

from .helpers import AMINA, COMPLETED, at, record, rule, statement

INTEROP = Path(__file__).parent / "interop"
NOW = at("2026-07-01T00:00:00Z")


@pytest.fixture
def verify_with_js(tmp_path):
    assert shutil.which("node") and (INTEROP / "node_modules/@digitalbazaar/vc").exists(), \
        "run `make test` (it installs the JavaScript verifier with npm ci)"
    key = keys.create_key_file(tmp_path / "key.json", "https://learning.example.org/issuers/ssc")
    (tmp_path / "controller.json").write_text(json.dumps(key.controller_document()))
    contexts = {url: str(_DIRECTORY / name) for url, name in _FILES.items()}
    for url in ("https://w3id.org/security/multikey/v1", "https://www.w3.org/ns/did/v1"):
        contexts[url] = str(INTEROP / "multikey-v1.jsonld")  # the verifier's side only
    (tmp_path / "contexts.json").write_text(json.dumps(contexts))

    def verify(credential):
        path = tmp_path / "credential.json"
        path.write_text(json.dumps(credential))
        done = subprocess.run(
            ["node", str(INTEROP / "verify.mjs"), str(path), str(tmp_path / "contexts.json"),
             str(tmp_path / "controller.json"), "2026-07-01T00:00:00Z"],
            capture_output=True, text=True, timeout=60, check=True)
        return json.loads(done.stdout)

    return key, verify


def test_the_javascript_verifier_accepts_ours_and_rejects_changes(verify_with_js, tmp_path):
    key, verify = verify_with_js
    state = IssuerState(tmp_path / "state", key=key, issuer={
        "id": "https://learning.example.org/issuers/ssc", "name": "UN System Staff College",
        "status_list_url": "https://learning.example.org/certificates/status/1"})
    tiered = rule("  module_completed: a\n", extra=(
        "expiry: {days: 365}\ntiers:\n  - {id: standard, name: Standard, requires: "
        "{module_completed: a}}\n"))
    decision = evaluate(tiered, record([statement(COMPLETED, "a", "2026-03-01T10:00:00Z")]),
                        now=NOW)
    credential = state.issue(decision, tiered, actor=AMINA, now=NOW, name="Zoë").credential
    assert verify(credential) == {"verified": True, "error": None}
    assert verify(state.status_list_credential())["verified"] is True
    tampered = copy.deepcopy(credential)
    tampered["credentialSubject"]["name"] = "Someone else"
    assert verify(tampered)["error"] == "Invalid signature."


def test_what_our_guard_refuses_the_javascript_verifier_rejects(verify_with_js):
    key, verify = verify_with_js
    unsigned = {"@context": list(openbadge.CONTEXT), "id": "urn:uuid:1e0c4a52-0000-4000-8000-1",
                "type": ["VerifiableCredential", "OpenBadgeCredential"],
                "issuer": {"id": key.controller, "type": ["Profile"], "name": "SSC"},
                "validFrom": "2026-03-01T00:00:00Z",
                "credentialSubject": {"type": ["AchievementSubject"], "shoeSize": 42,
                                      "achievement": {"id": "https://example.org/a",
                                                      "type": ["Achievement"], "name": "A",
                                                      "criteria": {"narrative": "n"}}}}
    from certificate_rules.credentials import data_integrity
    from certificate_rules.errors import CredentialError

    with pytest.raises(CredentialError):
        openbadge.sign(unsigned, key, "2026-03-01T00:00:00Z")
    # signed anyway, bypassing the guard: pyld drops shoeSize, jsonld.js refuses the credential
    forced = data_integrity.sign(unsigned, key.private_key,
                                 verification_method=key.verification_method,
                                 created="2026-03-01T00:00:00Z")
    assert verify(forced) == {"verified": False, "error": "Safe mode validation error."}
