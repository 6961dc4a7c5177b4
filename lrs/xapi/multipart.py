"""multipart/mixed bodies of statement requests and responses (xAPI attachments).

(Basic version: completed by the attachments work.)
"""

import hashlib
import secrets

from ..errors import BadRequest


def boundary_of(content_type: str) -> str:
    for piece in content_type.split(";")[1:]:
        name, _, value = piece.strip().partition("=")
        if name.lower() == "boundary":
            return value.strip().strip('"')
    raise BadRequest("multipart/mixed request without a boundary")


def parse(body: bytes, content_type: str):
    """Returns (statement JSON bytes, {sha2: (content_type, bytes)})."""
    boundary = boundary_of(content_type).encode()
    delimiter = b"--" + boundary
    if not body.startswith(delimiter) and (b"\r\n" + delimiter) not in body:
        raise BadRequest("multipart body does not contain its boundary")
    chunks = (b"\r\n" + body).split(b"\r\n" + delimiter)
    parts = []
    for chunk in chunks[1:]:
        if chunk.startswith(b"--"):
            break
        head, sep, content = chunk.partition(b"\r\n\r\n")
        if not sep:
            raise BadRequest("multipart part without a header/body separator")
        headers = {}
        for line in head.split(b"\r\n"):
            if b":" in line:
                name, _, value = line.partition(b":")
                headers[name.strip().lower().decode("latin-1")] = value.strip().decode("latin-1")
        parts.append((headers, content))
    if not parts:
        raise BadRequest("multipart body without parts")
    first_headers, statement_bytes = parts[0]
    if not first_headers.get("content-type", "").startswith("application/json"):
        raise BadRequest("the first part of a multipart statement request must be "
                         "application/json")
    attachments = {}
    for headers, content in parts[1:]:
        sha2 = headers.get("x-experience-api-hash")
        if not sha2:
            raise BadRequest("attachment part without an X-Experience-API-Hash header")
        if hashlib.sha256(content).hexdigest() != sha2.lower():
            raise BadRequest(f"attachment part's content does not match its hash {sha2}")
        attachments[sha2] = (headers.get("content-type", "application/octet-stream"), content)
    return statement_bytes, attachments


def build(json_text: str, attachments: dict):
    """A multipart/mixed response: the JSON part, then one part per attachment."""
    boundary = secrets.token_hex(16)
    out = [f"--{boundary}\r\nContent-Type: application/json\r\n\r\n".encode(),
           json_text.encode()]
    for sha2, (ctype, content) in attachments.items():
        out.append(
            f"\r\n--{boundary}\r\nContent-Type: {ctype}\r\nContent-Transfer-Encoding: binary\r\n"
            f"X-Experience-API-Hash: {sha2}\r\n\r\n".encode())
        out.append(content)
    out.append(f"\r\n--{boundary}--".encode())
    return b"".join(out), f"multipart/mixed; boundary={boundary}"
