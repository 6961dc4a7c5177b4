"""Signed statements (xAPI Data 2.6): checking the JWS a statement carries as an attachment.

The LRS decodes the JWS, checks its algorithm is one of RS256/RS384/RS512, verifies the
signature against the X.509 certificate in the ``x5c`` header when there is one, and checks
the signed payload is a statement logically equivalent to the one received. Any failure is
a ``BadRequest`` naming the problem. The certificate check catches mistakes; it says nothing
about who signed (the spec leaves trust to the consumers of the statement).
"""

import base64
import binascii

import orjson
from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from ..errors import BadRequest
from .comparison import same_statement

SIGNATURE_USAGE = "http://adlnet.gov/expapi/attachments/signature"
SIGNATURE_CONTENT_TYPE = "application/octet-stream"
ALGORITHMS = {"RS256": hashes.SHA256, "RS384": hashes.SHA384, "RS512": hashes.SHA512}


def is_signature(attachment) -> bool:
    return isinstance(attachment, dict) and attachment.get("usageType") == SIGNATURE_USAGE


def verify(jws: bytes, statement: dict) -> None:
    """Raise BadRequest unless `jws` is a valid signature of `statement`."""
    payload = None
    for header, signing_input, signature, payload_bytes in _signatures(jws):
        _check_header(header)
        if "x5c" in header:
            _verify_with_certificate(header, signing_input, signature)
        payload = payload_bytes
    try:
        original = orjson.loads(payload)
    except orjson.JSONDecodeError:
        raise BadRequest("the JWS payload of the statement signature is not a JSON "
                         "serialization of a statement") from None
    if not isinstance(original, dict):
        raise BadRequest("the JWS payload of the statement signature is not a statement "
                         "object")
    if not equivalent(original, statement):
        raise BadRequest("the signed statement in the JWS payload differs from the "
                         "statement received")


def equivalent(original: dict, received: dict) -> bool:
    """Whether the signed statement means the same as the one received.

    Ignored (Data 2.3.1 and 2.6): the properties the LRS sets (stored, authority,
    version), the id and the timestamp when the signed statement has none (the LRS assigns
    them), and the signature attachments themselves, added after signing.
    """
    original = _without_signatures(original)
    received = _without_signatures(received)
    if "id" in original and str(original["id"]).lower() != str(received.get("id")).lower():
        return False
    return same_statement(received, original)


def _without_signatures(statement: dict) -> dict:
    attachments = statement.get("attachments")
    if not isinstance(attachments, list):
        return statement
    statement = dict(statement)
    kept = [a for a in attachments if not is_signature(a)]
    if kept:
        statement["attachments"] = kept
    else:
        del statement["attachments"]
    return statement


def _check_header(header):
    alg = header.get("alg")
    if alg not in ALGORITHMS:
        raise BadRequest(f"statement signatures must use RS256, RS384 or RS512, not "
                         f"{str(alg)[:20]!r}")
    if header.get("crit"):
        raise BadRequest("the statement signature's JWS has critical header parameters "
                         "this LRS does not understand")


def _verify_with_certificate(header, signing_input, signature):
    chain = header["x5c"]
    if not isinstance(chain, list) or not chain or not isinstance(chain[0], str):
        raise BadRequest("the x5c header of the statement signature must be a list of "
                         "base64 certificates")
    try:
        certificate = x509.load_der_x509_certificate(base64.b64decode(chain[0],
                                                                      validate=True))
        key = certificate.public_key()
    except (ValueError, binascii.Error, UnsupportedAlgorithm):
        raise BadRequest("the x5c certificate of the statement signature cannot be "
                         "read") from None
    if not isinstance(key, rsa.RSAPublicKey):
        raise BadRequest("the x5c certificate of the statement signature does not hold "
                         "an RSA key")
    try:
        key.verify(signature, signing_input, padding.PKCS1v15(), ALGORITHMS[header["alg"]]())
    except InvalidSignature:
        raise BadRequest("the statement signature does not verify with the certificate "
                         "in its x5c header") from None


def _signatures(jws: bytes):
    """Yield (header, signing input, signature, payload) for each signature in the JWS."""
    try:
        text = jws.decode("ascii").strip()
    except UnicodeDecodeError:
        raise BadRequest("the statement signature is not a JWS (it is not ASCII)") from None
    if text.startswith("{"):
        yield from _json_serialization(text)
        return
    pieces = text.split(".")
    if len(pieces) != 3:
        raise BadRequest("the statement signature is not a JWS in compact serialization "
                         "(three base64url parts separated by dots)")
    protected, payload, signature = pieces
    header = _json_object(_b64url(protected), "JWS header")
    yield (header, f"{protected}.{payload}".encode(), _b64url(signature), _b64url(payload))


def _json_serialization(text):
    """JWS JSON serialization, general or flattened (discouraged by xAPI, still valid)."""
    data = _json_object(text.encode(), "JWS")
    payload = data.get("payload")
    entries = data.get("signatures", [data])
    if not isinstance(payload, str) or not isinstance(entries, list) or not entries:
        raise BadRequest("the statement signature's JWS JSON serialization has no payload "
                         "or no signatures")
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("signature"), str):
            raise BadRequest("a signature of the statement's JWS is malformed")
        protected = entry.get("protected", "")
        if not isinstance(protected, str):
            raise BadRequest("a protected JWS header must be a base64url string")
        header = _json_object(_b64url(protected), "JWS header") if protected else {}
        unprotected = entry.get("header", {})
        if not isinstance(unprotected, dict):
            raise BadRequest("an unprotected JWS header must be a JSON object")
        yield ({**unprotected, **header}, f"{protected}.{payload}".encode(),
               _b64url(entry["signature"]), _b64url(payload))


def _b64url(text: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise BadRequest("the statement signature's JWS is not valid base64url") from None


def _json_object(data: bytes, what: str) -> dict:
    try:
        value = orjson.loads(data)
    except orjson.JSONDecodeError:
        raise BadRequest(f"the statement signature's {what} is not JSON") from None
    if not isinstance(value, dict):
        raise BadRequest(f"the statement signature's {what} is not a JSON object")
    return value
