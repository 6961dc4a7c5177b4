"""Open Badges 3.0 credentials: issue, verify, tamper, refuse undefined terms, revoke, keys."""

import copy
import json
import os
import stat

import pytest

from certificate_rules.credentials import keys, openbadge, status_list
from certificate_rules.credentials.contexts import OB_V3P0, VC_V2
from certificate_rules.credentials.verify import verify_credential
from certificate_rules.errors import CredentialError, KeyFileError
from certificate_rules.issuing import IssuerState
from certificate_rules.rules import evaluate

from .helpers import AMINA, COMPLETED, SCORED, at, record, rule, statement

NOW = at("2026-07-01T00:00:00Z")
ISSUER = {"id": "https://learning.example.org/issuers/ssc", "name": "UN System Staff College",
          "url": "https://learning.example.org/",
          "status_list_url": "https://learning.example.org/status/1"}
TIERED = ("expiry: {days: 730}\n"
          "tiers:\n  - {id: standard, name: Standard, requires: {module_completed: a}}\n"
          "  - id: distinction\n    name: {en: Distinction, fr: Mention}\n    requires:\n"
          "      score_at_least: {module: quiz, min: 0.9}\n")


@pytest.fixture
def key(tmp_path):
    return keys.create_key_file(tmp_path / "issuer-key.json", ISSUER["id"])


@pytest.fixture
def state(tmp_path, key):
    return IssuerState(tmp_path / "state", key=key, issuer=ISSUER)


def earned_decision():
    statements = [statement(COMPLETED, "a", "2026-03-01T10:00:00Z"),
                  statement(SCORED, "quiz", "2026-03-02T10:00:00Z", score=0.95)]
    tiered = rule("  module_completed: a\n", extra=TIERED)
    return evaluate(tiered, record(statements), now=NOW), tiered


def trusted(key):
    return {key.verification_method: key.public_key_multibase}


def test_key_file_is_owner_only_and_never_holds_a_printable_secret(tmp_path, key):
    path = tmp_path / "issuer-key.json"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert "secret" not in repr(key).lower()
    assert "secretKeyMultibase" not in json.dumps(key.describe())
    with pytest.raises(KeyFileError):
        keys.create_key_file(path, ISSUER["id"])  # never overwritten
    os.chmod(path, 0o644)
    with pytest.raises(KeyFileError) as caught:
        keys.load_key_file(path)
    assert "chmod 600" in str(caught.value)
    os.chmod(path, 0o600)
    assert keys.load_key_file(path).public_key_multibase == key.public_key_multibase


def test_issued_credential_is_an_open_badge_that_verifies(state, key):
    decision, tiered = earned_decision()
    result = state.issue(decision, tiered, actor=AMINA, now=NOW, name="Amina Diallo")
    credential = result.credential
    assert result.created
    assert credential["@context"] == [VC_V2, OB_V3P0]
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["validFrom"] == "2026-03-01T10:00:00Z"  # the rule, not the tier
    assert credential["validUntil"] == "2028-02-29T10:00:00Z"
    assert credential["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
    subject = credential["credentialSubject"]
    assert subject["result"][0]["achievedLevel"].endswith("#tier-distinction")
    assert subject["identifier"][0]["hashed"] is True
    assert "amina@example.org" not in json.dumps(credential)
    verification = verify_credential(credential, now=NOW, trusted_keys=trusted(key),
                                     status_lists=state.status_list_credential)
    assert verification.valid, verification.to_dict()
    assert [check.name for check in verification.checks] == ["context", "proof", "dates",
                                                             "status"]


def test_a_changed_credential_fails_verification(state, key):
    decision, tiered = earned_decision()
    credential = state.issue(decision, tiered, actor=AMINA, now=NOW).credential
    for change in (lambda c: c["credentialSubject"]["achievement"].update(name="Other"),
                   lambda c: c.update(validUntil="2099-01-01T00:00:00Z"),
                   lambda c: c["issuer"].update(name="Someone else")):
        tampered = copy.deepcopy(credential)
        change(tampered)
        verification = verify_credential(tampered, now=NOW, trusted_keys=trusted(key),
                                         status_lists=state.status_list_credential)
        assert not verification.valid
        proof = next(check for check in verification.checks if check.name == "proof")
        assert not proof.ok and "changed after signing" in proof.message


def test_an_added_undefined_property_fails_verification(state, key):
    decision, tiered = earned_decision()
    credential = copy.deepcopy(state.issue(decision, tiered, actor=AMINA, now=NOW).credential)
    credential["credentialSubject"]["favouriteColour"] = "blue"  # pyld would drop it silently
    verification = verify_credential(credential, now=NOW, trusted_keys=trusted(key),
                                     status_lists=state.status_list_credential)
    context = verification.checks[0]
    assert not verification.valid and not context.ok and "favouriteColour" in context.message


def test_unknown_keys_are_not_trusted(state, key, tmp_path):
    decision, tiered = earned_decision()
    credential = state.issue(decision, tiered, actor=AMINA, now=NOW).credential
    verification = verify_credential(credential, now=NOW, trusted_keys={},
                                     status_lists=state.status_list_credential)
    assert not verification.valid
    assert "not one this verifier trusts" in verification.checks[1].message


def test_refuses_to_sign_undefined_terms_and_unsafe_values(key):
    decision, tiered = earned_decision()
    unsigned = openbadge.build(decision, tiered, issuer=ISSUER, actor=AMINA,
                               credential_id="urn:uuid:00000000-0000-4000-8000-000000000001")
    with_extra = copy.deepcopy(unsigned)
    with_extra["credentialSubject"]["achievement"]["duration"] = "PT30H"
    with pytest.raises(CredentialError) as caught:
        openbadge.sign(with_extra, key, "2026-07-01T00:00:00Z")
    assert caught.value.data["reason"] == "undefined_term"
    assert "credentialSubject/achievement/duration" in str(caught.value)
    tiny = copy.deepcopy(unsigned)
    tiny["credentialSubject"]["creditsEarned"] = 1e-7
    with pytest.raises(CredentialError) as caught:
        openbadge.sign(tiny, key, "2026-07-01T00:00:00Z")
    assert caught.value.data["reason"] == "unsafe_value"
    control = copy.deepcopy(unsigned)
    control["name"] = "Bell\x07"
    with pytest.raises(CredentialError):
        openbadge.sign(control, key, "2026-07-01T00:00:00Z")


def test_issuing_twice_is_a_no_op(state):
    decision, tiered = earned_decision()
    first = state.issue(decision, tiered, actor=AMINA, now=NOW)
    again = state.issue(decision, tiered, actor=AMINA, now=at("2026-07-02T00:00:00Z"))
    assert not again.created and again.credential == first.credential
    assert len(state.awards()) == 1


def test_revocation_through_the_status_list(state, key):
    decision, tiered = earned_decision()
    credential = state.issue(decision, tiered, actor=AMINA, now=NOW).credential
    assert state.revoke(credential["id"], now=NOW) is True
    assert state.revoke(credential["id"], now=NOW) is False  # already revoked
    listed = state.status_list_credential()
    index = int(credential["credentialStatus"]["statusListIndex"])
    assert status_list.is_revoked(listed, index)
    verification = verify_credential(credential, now=NOW, trusted_keys=trusted(key),
                                     status_lists=state.status_list_credential)
    status = verification.checks[-1]
    assert not verification.valid and status.name == "status" and "revoked" in status.message
    assert verification.checks[1].ok  # the signature itself is still fine


def test_expired_credential_says_so(state, key):
    decision, tiered = earned_decision()
    credential = state.issue(decision, tiered, actor=AMINA, now=NOW).credential
    verification = verify_credential(credential, now=at("2028-02-29T10:00:00Z"),
                                     trusted_keys=trusted(key),
                                     status_lists=state.status_list_credential)
    assert not verification.valid and "expired" in verification.checks[2].message


def test_status_list_bits_and_encoding():
    bits = status_list.new_bits()
    assert len(bits) * 8 == 131072
    status_list.set_bit(bits, 0)
    status_list.set_bit(bits, 131071)
    decoded = status_list.decode(status_list.encode(bits))
    assert decoded[0] == 0x80 and decoded[-1] == 0x01
    assert status_list.get_bit(decoded, 0) and not status_list.get_bit(decoded, 1)


def test_unknown_contexts_make_a_credential_invalid_not_a_crash(state, key):
    decision, tiered = earned_decision()
    credential = copy.deepcopy(state.issue(decision, tiered, actor=AMINA, now=NOW).credential)
    credential["@context"].append("https://evil.example.org/context.jsonld")
    verification = verify_credential(credential, now=NOW, trusted_keys=trusted(key),
                                     status_lists=state.status_list_credential)
    assert not verification.valid
    assert not verification.checks[0].ok and not verification.checks[1].ok
