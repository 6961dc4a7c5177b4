"""eddsa-rdfc-2022: the W3C vc-di-eddsa test vector byte for byte, and the pyld pitfalls."""

import hashlib
import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from certificate_rules.credentials import data_integrity, multibase
from certificate_rules.credentials.canonical import canonize, escape_literal, undefined_terms
from certificate_rules.credentials.contexts import document_loader
from certificate_rules.errors import CredentialError

# Published with the W3C vc-di-eddsa specification (TestVectors/eddsa-rdfc-2022, keyPair.json).
SECRET = "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq"
PUBLIC = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
SIGNED = json.loads((Path(__file__).parent / "data/vc-di-eddsa-rdfc-2022-signed.json").read_text())
PROOF_CANONICAL = (
    '_:c14n0 <http://purl.org/dc/terms/created> "2023-02-24T23:36:38Z"'
    "^^<http://www.w3.org/2001/XMLSchema#dateTime> .\n"
    "_:c14n0 <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
    "<https://w3id.org/security#DataIntegrityProof> .\n"
    '_:c14n0 <https://w3id.org/security#cryptosuite> "eddsa-rdfc-2022"'
    "^^<https://w3id.org/security#cryptosuiteString> .\n"
    "_:c14n0 <https://w3id.org/security#proofPurpose> "
    "<https://w3id.org/security#assertionMethod> .\n"
    "_:c14n0 <https://w3id.org/security#verificationMethod> "
    "<https://vc.example/issuers/5678#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2> .\n")


def _unsecured():
    return {key: value for key, value in SIGNED.items() if key != "proof"}


def test_the_published_test_vector_is_reproduced_byte_for_byte():
    private = Ed25519PrivateKey.from_private_bytes(multibase.raw_secret_key(SECRET))
    proof = SIGNED["proof"]
    secured = data_integrity.sign(_unsecured(), private,
                                  verification_method=proof["verificationMethod"],
                                  created=proof["created"])
    assert secured["proof"] == proof
    assert json.dumps(secured, sort_keys=True) == json.dumps(SIGNED, sort_keys=True)


def test_the_proof_options_canonicalise_as_published():
    options = data_integrity.proof_options(
        verification_method=SIGNED["proof"]["verificationMethod"],
        created=SIGNED["proof"]["created"], context=SIGNED["@context"])
    assert canonize(options) == PROOF_CANONICAL
    # hashData = sha256(proof options) || sha256(document), as the spec shows
    assert data_integrity.hash_data(_unsecured(), options)[:32] == hashlib.sha256(
        PROOF_CANONICAL.encode()).digest()


def test_the_published_credential_verifies_and_a_changed_one_does_not():
    data_integrity.verify(SIGNED, PUBLIC)
    tampered = json.loads(json.dumps(SIGNED))
    tampered["credentialSubject"]["alumniOf"] = "Another School"
    with pytest.raises(CredentialError) as caught:
        data_integrity.verify(tampered, PUBLIC)
    assert caught.value.data["reason"] == "bad_signature"


def test_the_secret_key_matches_the_published_public_key():
    private = Ed25519PrivateKey.from_private_bytes(multibase.raw_secret_key(SECRET))
    from certificate_rules.credentials.keys import from_private
    assert from_private("https://vc.example/issuers/5678", private).public_key_multibase == PUBLIC


def test_control_characters_are_escaped_as_rdfc_requires():
    assert escape_literal('a\bb\fc\x01d\x7fe"\\\t\n\r') == (
        'a\\bb\\fc\\u0001d\\u007Fe\\"\\\\\\t\\n\\r')
    document = {"@context": {"name": "https://schema.org/name"}, "@id": "urn:x:1",
                "name": "bell\x07 and backspace\b"}
    assert canonize(document) == (
        '<urn:x:1> <https://schema.org/name> "bell\\u0007 and backspace\\b" .\n')


def test_undefined_properties_and_types_are_found():
    document = _unsecured()
    document["@context"] = document["@context"][:1]  # without the examples' @vocab
    problems = undefined_terms(document)
    assert ("credentialSubject", "alumniOf") in problems
    assert ("@type", "AlumniCredential") in problems


def test_contexts_never_come_from_the_network():
    with pytest.raises(CredentialError):
        document_loader("https://example.org/some-context.jsonld")
