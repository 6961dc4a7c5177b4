"""DataIntegrityProof with the ``eddsa-rdfc-2022`` cryptosuite (W3C vc-di-eddsa): RDFC-1.0
canonicalisation of the document and of the proof options, SHA-256 of each, Ed25519 over
proofHash || documentHash, signature as base58-btc multibase."""

import copy
import hashlib

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from ..errors import CredentialError
from ..i18n import _
from . import multibase
from .canonical import canonize

CRYPTOSUITE = "eddsa-rdfc-2022"


def proof_options(*, verification_method, created, context, purpose="assertionMethod"):
    return {"type": "DataIntegrityProof", "cryptosuite": CRYPTOSUITE, "created": created,
            "verificationMethod": verification_method, "proofPurpose": purpose,
            "@context": context}


def hash_data(document, options):
    """proofHash || documentHash, the 64 bytes that are signed."""
    proof_hash = hashlib.sha256(canonize(options).encode("utf-8")).digest()
    document_hash = hashlib.sha256(canonize(document).encode("utf-8")).digest()
    return proof_hash + document_hash


def sign(document, private_key, *, verification_method, created):
    """A copy of ``document`` with a ``proof``; ``private_key`` is an Ed25519PrivateKey."""
    unsecured = {key: value for key, value in document.items() if key != "proof"}
    options = proof_options(verification_method=verification_method, created=created,
                            context=unsecured["@context"])
    signature = private_key.sign(hash_data(unsecured, options))
    proof = {key: value for key, value in options.items() if key != "@context"}
    proof["proofValue"] = multibase.encode(signature)
    secured = copy.deepcopy(unsecured)
    secured["proof"] = proof
    return secured


def verify(secured, public_key_multibase):
    """Raise CredentialError unless the proof verifies with the given Ed25519 Multikey."""
    proof = secured.get("proof")
    if not isinstance(proof, dict):
        raise CredentialError(_("the credential has no single proof"), reason="no_proof")
    if proof.get("type") != "DataIntegrityProof" or proof.get("cryptosuite") != CRYPTOSUITE:
        raise CredentialError(_("the proof is not a DataIntegrityProof with eddsa-rdfc-2022"),
                              reason="unsupported_proof")
    unsecured = {key: value for key, value in secured.items() if key != "proof"}
    options = {key: value for key, value in proof.items() if key != "proofValue"}
    options["@context"] = unsecured.get("@context")
    try:
        signature = multibase.decode(proof.get("proofValue"))
        key = Ed25519PublicKey.from_public_bytes(multibase.raw_public_key(public_key_multibase))
        key.verify(signature, hash_data(unsecured, options))
    except InvalidSignature as exc:
        raise CredentialError(_("the signature does not match the credential: it was changed "
                                "after signing, or signed by another key"),
                              reason="bad_signature") from exc
