"""multipart/mixed bodies of statement requests and responses (xAPI attachments, RFC 2046).

A request body is: an optional preamble, then parts each opened by a delimiter line
``--boundary``, then a close delimiter ``--boundary--`` and an optional epilogue. The line
break *before* each delimiter belongs to the delimiter, not to the part before it, so an
attachment whose content ends with a newline keeps that newline and its hash matches. The
first part holds the statement(s) as application/json; every other part is an attachment
named by its X-Experience-API-Hash header.

Bodies that use bare LF line breaks throughout (some hand-written clients) are read the
same way, with LF in place of CRLF; the first delimiter line decides which.
"""

import hashlib
import re
import secrets

from ..errors import BadRequest

# Hex length of a SHA-2 digest -> the hash function that makes it.
SHA2_BY_LENGTH = {56: hashlib.sha224, 64: hashlib.sha256, 96: hashlib.sha384,
                  128: hashlib.sha512}
_HEX = re.compile(r"^[0-9a-fA-F]+$")
# A parameter of a header value: name=token or name="quoted string" (RFC 2045 / RFC 7231).
_PARAM = re.compile(r';\s*([!#$%&\'*+.^_`|~0-9A-Za-z-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)')
_WHITESPACE = b" \t"


def media_type(content_type: str | None) -> str:
    """'Application/JSON; charset=utf-8' -> 'application/json'."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def boundary_of(content_type: str) -> str:
    for name, value in _PARAM.findall(content_type):
        if name.lower() != "boundary":
            continue
        value = value.strip()
        if value.startswith('"') and value.endswith('"') and len(value) >= 2:
            value = re.sub(r"\\(.)", r"\1", value[1:-1])
        if value:
            return value
    raise BadRequest("a multipart/mixed request needs a boundary parameter in its "
                     "Content-Type header")


def split_parts(body: bytes, boundary: str) -> list[tuple[dict, bytes]]:
    """The parts of a multipart body as (headers with lower-case names, content bytes)."""
    try:
        dash = b"--" + boundary.encode("latin-1")
    except UnicodeEncodeError:
        raise BadRequest("the multipart boundary must be ASCII") from None
    if body.startswith(dash):
        position = len(dash)
    else:
        found = body.find(b"\n" + dash)
        if found < 0:
            raise BadRequest("the multipart body does not contain its boundary "
                             f"{boundary!r}")
        position = found + 1 + len(dash)
    if body.startswith(b"--", position):
        raise BadRequest("the multipart body has no parts")
    newline = _line_end_after(body, position)
    if newline is None:
        raise BadRequest("the multipart body's first boundary line is malformed")
    delimiter = newline + dash
    start = position + len(newline) + _padding(body, position)
    parts = []
    while True:
        end, after, closing = _next_delimiter(body, delimiter, newline, start)
        parts.append(_split_part(body[start:end], newline))
        if closing:
            return parts
        start = after


def _padding(body, position):
    """Length of the transport padding (spaces, tabs) after a boundary."""
    end = position
    while end < len(body) and body[end] in _WHITESPACE:
        end += 1
    return end - position


def _line_end_after(body, position):
    """The line break (CRLF or LF) that ends a delimiter line at `position`, if any."""
    position += _padding(body, position)
    if body.startswith(b"\r\n", position):
        return b"\r\n"
    if body.startswith(b"\n", position):
        return b"\n"
    return None


def _next_delimiter(body, delimiter, newline, start):
    """(end of the part's content, start of the next part, whether this was the close)."""
    search = start
    while True:
        found = body.find(delimiter, search)
        if found < 0:
            raise BadRequest("the multipart body ends without its closing boundary "
                             "(--boundary--)")
        after = found + len(delimiter)
        if body.startswith(b"--", after):
            return found, None, True
        padding = _padding(body, after)
        if body.startswith(newline, after + padding):
            return found, after + padding + len(newline), False
        # "--boundary" followed by other characters is content, not a delimiter.
        search = found + 1


def _split_part(content: bytes, newline: bytes) -> tuple[dict, bytes]:
    if content.startswith(newline):  # no headers at all
        return {}, content[len(newline):]
    blank = content.find(newline + newline)
    if blank < 0:
        if content.endswith(newline):  # headers and an empty body
            return _headers(content[:-len(newline)], newline), b""
        raise BadRequest("a multipart part has no blank line between its headers and "
                         "its content")
    return _headers(content[:blank], newline), content[blank + 2 * len(newline):]


def _headers(block: bytes, newline: bytes) -> dict:
    headers = {}
    name = None
    for raw in block.split(newline):
        line = raw.decode("latin-1")
        if line[:1] in (" ", "\t") and name is not None:  # folded header (RFC 5322)
            headers[name] += " " + line.strip()
            continue
        name, colon, value = line.partition(":")
        name = name.strip().lower()
        if not colon or not name:
            raise BadRequest(f"malformed header line in a multipart part: {line[:100]!r}")
        headers[name] = value.strip()
    return headers


def check_hash(sha2: str | None, content: bytes) -> str:
    """The lower-case hash of an attachment part, after checking it matches the content."""
    if not sha2:
        raise BadRequest("every attachment part needs an X-Experience-API-Hash header")
    digest = SHA2_BY_LENGTH.get(len(sha2))
    if digest is None or not _HEX.match(sha2):
        raise BadRequest(f"X-Experience-API-Hash {sha2[:140]!r} is not a SHA-2 hash in "
                         f"hexadecimal")
    sha2 = sha2.lower()
    if digest(content).hexdigest() != sha2:
        raise BadRequest(f"the content of attachment part {sha2} does not match its "
                         f"X-Experience-API-Hash")
    return sha2


def _undo_latin1_as_utf8(sha2: str | None, content: bytes) -> bytes:
    """The bytes a client meant to send, when it read a binary file as Latin-1 text and sent
    that text as UTF-8 (the ADL conformance suite's image attachment arrives so: every byte
    over 0x7F as two). Only used when the hash matches the bytes before that mistake."""
    digest = SHA2_BY_LENGTH.get(len(sha2 or ""))
    if digest is None or not any(byte > 0x7F for byte in content):
        return content
    try:
        meant = content.decode("utf-8").encode("latin-1")
    except (UnicodeDecodeError, UnicodeEncodeError):
        return content
    return meant if digest(meant).hexdigest() == sha2.lower() else content


def parse(body: bytes, content_type: str):
    """Return (statement JSON bytes, {sha2: (content type or None, bytes)}).

    sha2 keys are lower case. Raises BadRequest for anything malformed.
    """
    parts = split_parts(body, boundary_of(content_type))
    first_headers, statement_bytes = parts[0]
    if media_type(first_headers.get("content-type")) != "application/json":
        raise BadRequest("the first part of a multipart statement request must have "
                         "Content-Type application/json and hold the statement(s)")
    attachments = {}
    for headers, content in parts[1:]:
        encoding = headers.get("content-transfer-encoding")
        if encoding is not None and encoding.strip().lower() != "binary":
            raise BadRequest(f"attachment parts must use Content-Transfer-Encoding binary, "
                             f"not {encoding[:40]!r}")
        declared = headers.get("x-experience-api-hash")
        try:
            sha2 = check_hash(declared, content)
        except BadRequest:
            content = _undo_latin1_as_utf8(declared, content)
            sha2 = check_hash(declared, content)
        attachments[sha2] = (headers.get("content-type") or None, content)
    return statement_bytes, attachments


def build(json_text: str, attachments: dict):
    """A multipart/mixed response: the JSON part, then one part per attachment.

    The boundary is sent unquoted: some clients (tincanjs) read it verbatim.
    """
    json_bytes = json_text.encode()
    contents = [json_bytes, *(content for _, content in attachments.values())]
    boundary = secrets.token_hex(16)
    while any(boundary.encode() in content for content in contents):
        boundary = secrets.token_hex(16)
    out = [f"--{boundary}\r\nContent-Type: application/json\r\n\r\n".encode(), json_bytes]
    for sha2, (ctype, content) in attachments.items():
        ctype = re.sub(r"[\x00-\x1f\x7f]+", " ", ctype or "application/octet-stream")
        out.append(
            f"\r\n--{boundary}\r\nContent-Type: {ctype}\r\nContent-Transfer-Encoding: binary\r\n"
            f"X-Experience-API-Hash: {sha2}\r\n\r\n".encode())
        out.append(content)
    out.append(f"\r\n--{boundary}--\r\n".encode())
    return b"".join(out), f"multipart/mixed; boundary={boundary}"
