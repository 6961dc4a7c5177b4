"""Signed statements (xAPI Data 2.6): a JWS of the statement sent as a signature attachment.

Keys and certificates are made here with `cryptography`; the JWS is assembled by hand
(compact serialization), as a client library would.
"""

import base64
import datetime
import hashlib
import json
import uuid

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID

from tests.conftest import statement
from tests.lrs.test_attachments import (
    BOUNDARY,
    assert_rejected,
    attachment,
    get_one,
    multipart_body,
    read_multipart,
)

SIGNATURE = "http://adlnet.gov/expapi/attachments/signature"
HASHES = {"RS256": hashes.SHA256, "RS384": hashes.SHA384, "RS512": hashes.SHA512}


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def make_signer(common_name):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
                   .public_key(key.public_key()).serial_number(x509.random_serial_number())
                   .not_valid_before(now).not_valid_after(now + datetime.timedelta(days=1))
                   .sign(key, hashes.SHA256()))
    x5c = base64.b64encode(certificate.public_bytes(serialization.Encoding.DER)).decode()
    return key, x5c


@pytest.fixture(scope="module")
def signer():
    return make_signer("Learning platform signing key")


@pytest.fixture(scope="module")
def other_signer():
    return make_signer("Someone else")


def jws(payload, key, *, alg="RS256", x5c=None, payload_text=None):
    header = {"alg": alg, **({"x5c": [x5c]} if x5c else {})}
    signing_input = (b64url(json.dumps(header).encode()) + "."
                     + b64url(payload_text.encode() if payload_text is not None
                              else json.dumps(payload).encode()))
    if alg in HASHES:
        signature = key.sign(signing_input.encode(), padding.PKCS1v15(), HASHES[alg]())
    else:
        signature = hashlib.sha256(signing_input.encode()).digest()  # not an RSA signature
    return (signing_input + "." + b64url(signature)).encode()


def signature_attachment(token, content_type="application/octet-stream"):
    return {"usageType": SIGNATURE, "display": {"en-US": "Signature"},
            "contentType": content_type, "length": len(token),
            "sha2": hashlib.sha256(token).hexdigest()}


def post_signed(xapi, sent, token, *, content_type="application/octet-stream",
                extra_parts=()):
    sent = {**sent, "attachments": [*sent.get("attachments", []),
                                    signature_attachment(token, content_type)]}
    body = multipart_body(sent, [*extra_parts, token], content_type="application/octet-stream")
    return xapi.post("/xapi/statements", data=body,
                     headers={"Content-Type": f"multipart/mixed; boundary={BOUNDARY}"})


@pytest.mark.parametrize("alg", ["RS256", "RS384", "RS512"])
def test_signed_statement_with_certificate_is_stored_with_its_signature(xapi, signer, alg):
    key, x5c = signer
    s = statement(id=str(uuid.uuid4()))
    token = jws(s, key, alg=alg, x5c=x5c)
    response = post_signed(xapi, s, token)
    assert response.status_code == 200, response.get_data(as_text=True)
    body, [(headers, data)] = read_multipart(get_one(xapi, s["id"], True))
    assert data == token
    assert headers["Content-Type"] == "application/octet-stream"
    assert body["attachments"][0]["usageType"] == SIGNATURE


def test_signed_statement_without_certificate_is_accepted(xapi, signer):
    # Without x5c there is nothing to verify against; the payload is still compared.
    s = statement(id=str(uuid.uuid4()))
    assert post_signed(xapi, s, jws(s, signer[0])).status_code == 200


def test_payload_without_id_or_timestamp_matches_what_the_lrs_assigns(xapi, signer):
    key, x5c = signer
    s = statement()
    response = post_signed(xapi, s, jws(s, key, x5c=x5c))
    assert response.status_code == 200, response.get_data(as_text=True)


def test_statement_put_with_its_id_in_the_parameter(xapi, signer):
    key, x5c = signer
    s = statement()
    sid = str(uuid.uuid4())
    token = jws({**s, "id": sid}, key, x5c=x5c)
    sent = {**s, "attachments": [signature_attachment(token)]}
    response = xapi.put(f"/xapi/statements?statementId={sid}",
                        data=multipart_body(sent, [token],
                                            content_type="application/octet-stream"),
                        headers={"Content-Type": f"multipart/mixed; boundary={BOUNDARY}"})
    assert response.status_code == 204, response.get_data(as_text=True)


def test_timestamp_in_another_form_of_the_same_instant(xapi, signer):
    key, x5c = signer
    s = statement(id=str(uuid.uuid4()), timestamp="2026-03-01T10:00:00.000Z")
    token = jws({**s, "timestamp": "2026-03-01T12:00:00+02:00"}, key, x5c=x5c)
    assert post_signed(xapi, s, token).status_code == 200


def test_other_attachments_are_part_of_what_is_signed(xapi, signer):
    key, x5c = signer
    content = b"the signed report"
    s = statement(id=str(uuid.uuid4()), attachments=[attachment(content)])
    response = post_signed(xapi, s, jws(s, key, x5c=x5c), extra_parts=[content])
    assert response.status_code == 200, response.get_data(as_text=True)
    changed = statement(id=str(uuid.uuid4()), attachments=[attachment(content)])
    unsigned_attachment = {**changed, "attachments": []}
    token = jws({**unsigned_attachment, "id": changed["id"]}, key, x5c=x5c)
    assert_rejected(xapi, post_signed(xapi, changed, token, extra_parts=[content]),
                    changed["id"])


def test_signed_statements_in_a_batch(xapi, signer):
    key, x5c = signer
    first, second = statement(id=str(uuid.uuid4())), statement(id=str(uuid.uuid4()))
    t1, t2 = jws(first, key, x5c=x5c), jws(second, key, x5c=x5c)
    batch = [{**first, "attachments": [signature_attachment(t1)]},
             {**second, "attachments": [signature_attachment(t2)]}]
    response = xapi.post("/xapi/statements",
                         data=multipart_body(batch, [t1, t2],
                                             content_type="application/octet-stream"),
                         headers={"Content-Type": f"multipart/mixed; boundary={BOUNDARY}"})
    assert response.status_code == 200, response.get_data(as_text=True)
    # Swapping the signatures makes each payload differ from its statement.
    third, fourth = statement(id=str(uuid.uuid4())), statement(id=str(uuid.uuid4()))
    t3, t4 = jws(third, key, x5c=x5c), jws(fourth, key, x5c=x5c)
    swapped = [{**third, "attachments": [signature_attachment(t4)]},
               {**fourth, "attachments": [signature_attachment(t3)]}]
    response = xapi.post("/xapi/statements",
                         data=multipart_body(swapped, [t3, t4],
                                             content_type="application/octet-stream"),
                         headers={"Content-Type": f"multipart/mixed; boundary={BOUNDARY}"})
    assert_rejected(xapi, response, third["id"])


# -- malformed signatures: 400, and the statement is not stored -----------------------------

@pytest.mark.parametrize("alg", ["HS256", "none", "ES256", "PS256"])
def test_algorithms_other_than_rsa_sha(xapi, signer, alg):
    s = statement(id=str(uuid.uuid4()))
    assert_rejected(xapi, post_signed(xapi, s, jws(s, signer[0], alg=alg)), s["id"])


def test_signature_that_does_not_verify_with_the_certificate(xapi, signer, other_signer):
    s = statement(id=str(uuid.uuid4()))
    token = jws(s, other_signer[0], x5c=signer[1])
    assert_rejected(xapi, post_signed(xapi, s, token), s["id"])


def test_tampered_signature_bytes(xapi, signer):
    key, x5c = signer
    s = statement(id=str(uuid.uuid4()))
    head, payload, sig = jws(s, key, x5c=x5c).split(b".")
    flipped = bytearray(base64.urlsafe_b64decode(sig + b"=" * (-len(sig) % 4)))
    flipped[10] ^= 1
    token = head + b"." + payload + b"." + b64url(bytes(flipped)).encode()
    assert_rejected(xapi, post_signed(xapi, s, token), s["id"])


def test_payload_is_not_json(xapi, signer):
    s = statement(id=str(uuid.uuid4()))
    broken = json.dumps(s).replace('"', "'", 1)
    assert_rejected(xapi, post_signed(xapi, s, jws(None, signer[0], payload_text=broken)),
                    s["id"])


@pytest.mark.parametrize("change", ["verb", "id", "timestamp", "result", "not an object"])
def test_payload_that_differs_from_the_statement(xapi, signer, change):
    key, x5c = signer
    s = statement(id=str(uuid.uuid4()), timestamp="2026-03-01T10:00:00Z")
    signed = dict(s)
    if change == "verb":
        signed["verb"] = {"id": "http://adlnet.gov/expapi/verbs/failed"}
    elif change == "id":
        signed["id"] = str(uuid.uuid4())
    elif change == "timestamp":
        signed["timestamp"] = "2026-03-01T10:00:01Z"
    elif change == "result":
        signed["result"] = {"success": True}
    else:
        signed = [s]
    assert_rejected(xapi, post_signed(xapi, s, jws(signed, key, x5c=x5c)), s["id"])


def test_signature_attachment_must_be_octet_stream(xapi, signer):
    s = statement(id=str(uuid.uuid4()))
    token = jws(s, signer[0], x5c=signer[1])
    assert_rejected(xapi, post_signed(xapi, s, token, content_type="text/plain; charset=ascii"),
                    s["id"])


def test_signature_attachment_without_its_part(xapi, signer):
    s = statement(id=str(uuid.uuid4()))
    token = jws(s, signer[0], x5c=signer[1])
    signed = {**s, "attachments": [{**signature_attachment(token),
                                    "fileUrl": "https://files.example.org/sig.jws"}]}
    assert_rejected(xapi, xapi.post("/xapi/statements", json=signed), s["id"])


@pytest.mark.parametrize("token", [b"not a jws", b"a.b", b"e30.e30.e30.e30", b"!!!.###.$$$",
                                   b"\xff\xfe binary", b'{"payload": 1}'])
def test_content_that_is_not_a_jws(xapi, token):
    s = statement(id=str(uuid.uuid4()))
    assert_rejected(xapi, post_signed(xapi, s, token), s["id"])


def test_x5c_that_is_not_a_certificate(xapi, signer):
    s = statement(id=str(uuid.uuid4()))
    for x5c in ("bm90IGEgY2VydGlmaWNhdGU=", "%%%"):
        assert_rejected(xapi, post_signed(xapi, s, jws(s, signer[0], x5c=x5c)), s["id"])


def test_signed_statement_framed_tersely(xapi, signer):
    # Leading CRLF before the first boundary, no space after header colons, no line break
    # after the closing boundary: all valid RFC 2046, as a minimal client writes it.
    key, x5c = signer
    s = statement(id=str(uuid.uuid4()))
    token = jws(s, key, x5c=x5c)
    sent = json.dumps({**s, "attachments": [signature_attachment(token)]}).encode()
    body = (f"\r\n--{BOUNDARY}\r\nContent-Type:application/json\r\n\r\n".encode() + sent
            + f"\r\n--{BOUNDARY}\r\nContent-Type:application/octet-stream\r\n"
              f"Content-Transfer-Encoding:binary\r\nX-Experience-API-Hash:"
              f"{hashlib.sha256(token).hexdigest()}\r\n\r\n".encode()
            + token + f"\r\n--{BOUNDARY}--".encode())
    response = xapi.post("/xapi/statements", data=body,
                         headers={"Content-Type": f"multipart/mixed; boundary={BOUNDARY}"})
    assert response.status_code == 200, response.get_data(as_text=True)


def test_jws_json_serialization_is_understood(xapi, signer):
    key, x5c = signer
    s = statement(id=str(uuid.uuid4()))
    protected, payload, signature = jws(s, key, x5c=x5c).decode().split(".")
    flattened = json.dumps({"protected": protected, "payload": payload,
                            "signature": signature}).encode()
    assert post_signed(xapi, s, flattened).status_code == 200
    other = statement(id=str(uuid.uuid4()))
    general = json.dumps({"payload": payload, "signatures": [
        {"protected": protected, "signature": signature}]}).encode()
    assert_rejected(xapi, post_signed(xapi, other, general), other["id"])  # payload is s
