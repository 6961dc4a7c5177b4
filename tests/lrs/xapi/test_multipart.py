"""The multipart/mixed reader and writer on their own (RFC 2046 framing, xAPI part rules)."""

import hashlib

import pytest

from lrs.errors import BadRequest
from lrs.xapi import multipart

STATEMENT = b'{"verb": {"id": "http://adlnet.gov/expapi/verbs/shared"}}'


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def attachment_part(content, *, boundary="sep", ctype="text/plain", sha2=None, nl=b"\r\n",
                    extra=b""):
    sha2 = sha256(content) if sha2 is None else sha2
    return (b"--" + boundary.encode() + nl + b"Content-Type: " + ctype.encode() + nl
            + b"Content-Transfer-Encoding: binary" + nl + extra
            + b"X-Experience-API-Hash: " + sha2.encode() + nl + nl + content + nl)


def body_of(*contents, boundary="sep", nl=b"\r\n", preamble=b"", epilogue=b""):
    out = preamble + (b"--" + boundary.encode() + nl + b"Content-Type: application/json"
                      + nl + nl + STATEMENT + nl)
    for content in contents:
        out += attachment_part(content, boundary=boundary, nl=nl)
    return out + b"--" + boundary.encode() + b"--" + epilogue


def test_statement_part_and_attachment_parts():
    statement, parts = multipart.parse(body_of(b"first", b"second"),
                                       "multipart/mixed; boundary=sep")
    assert statement == STATEMENT
    assert parts == {sha256(b"first"): ("text/plain", b"first"),
                     sha256(b"second"): ("text/plain", b"second")}


@pytest.mark.parametrize("content", [b"hello\n", b"hello\r\n", b"\r\n", b"", b"\n\n\r\n\r\n"])
def test_content_keeps_its_own_line_breaks(content):
    # The CRLF before a delimiter belongs to the delimiter, never to the content.
    _, parts = multipart.parse(body_of(content), "multipart/mixed; boundary=sep")
    assert parts[sha256(content)][1] == content


def test_binary_content_with_boundary_like_bytes_is_kept_exactly():
    content = bytes(range(256)) + b"\r\n--se\r\n--sepX not a delimiter\r\n--sep-" * 3
    _, parts = multipart.parse(body_of(content), "multipart/mixed; boundary=sep")
    assert parts[sha256(content)][1] == content


@pytest.mark.parametrize("content_type", [
    'multipart/mixed; boundary="sep"',
    "multipart/mixed;boundary=sep",
    "Multipart/Mixed; charset=utf-8; BOUNDARY=sep",
    'multipart/mixed; boundary = "sep" ; type=x',
])
def test_boundary_parameter_forms(content_type):
    statement, _ = multipart.parse(body_of(), content_type)
    assert statement == STATEMENT


def test_quoted_boundary_with_characters_only_quotes_allow():
    boundary = "a:b=c d'(+)?"
    body = body_of(b"x", boundary=boundary)
    _, parts = multipart.parse(body, f'multipart/mixed; boundary="{boundary}"')
    assert parts[sha256(b"x")][1] == b"x"


def test_preamble_and_epilogue_are_ignored():
    body = body_of(b"data", preamble=b"This is a preamble.\r\n--not the boundary\r\n",
                   epilogue=b"\r\nand an epilogue --sep\r\n")
    statement, parts = multipart.parse(body, "multipart/mixed; boundary=sep")
    assert statement == STATEMENT and list(parts) == [sha256(b"data")]


def test_body_starting_with_crlf_and_padding_after_boundaries():
    body = (b"\r\n--sep  \r\nContent-Type:application/json\r\n\r\n" + STATEMENT
            + b"\r\n--sep\t\r\ncontent-type: text/plain\r\nx-experience-api-hash: "
            + sha256(b"z").encode() + b"\r\n\r\nz\r\n--sep--")
    statement, parts = multipart.parse(body, "multipart/mixed; boundary=sep")
    assert statement == STATEMENT and parts[sha256(b"z")] == ("text/plain", b"z")


def test_bare_lf_bodies_are_read_with_lf_as_line_break():
    body = body_of(b"lf content\n", nl=b"\n")
    _, parts = multipart.parse(body, "multipart/mixed; boundary=sep")
    assert parts[sha256(b"lf content\n")][1] == b"lf content\n"


def test_folded_header_and_header_names_in_any_case():
    content = b"folded"
    body = (b"--sep\r\nCONTENT-TYPE: application/json\r\n\r\n" + STATEMENT
            + b"\r\n--sep\r\ncontent-type: text/plain;\r\n charset=utf-8\r\n"
            + b"X-EXPERIENCE-API-HASH: " + sha256(content).upper().encode()
            + b"\r\n\r\n" + content + b"\r\n--sep--\r\n")
    _, parts = multipart.parse(body, "multipart/mixed; boundary=sep")
    assert parts == {sha256(content): ("text/plain; charset=utf-8", content)}


def test_part_without_content_type_is_kept_without_one():
    body = (b"--sep\r\nContent-Type: application/json\r\n\r\n" + STATEMENT
            + b"\r\n--sep\r\nX-Experience-API-Hash: " + sha256(b"a").encode()
            + b"\r\n\r\na\r\n--sep--")
    _, parts = multipart.parse(body, "multipart/mixed; boundary=sep")
    assert parts == {sha256(b"a"): (None, b"a")}


@pytest.mark.parametrize("algorithm", ["sha224", "sha256", "sha384", "sha512"])
def test_every_sha2_length_is_checked(algorithm):
    content = b"any member of the SHA-2 family"
    digest = hashlib.new(algorithm, content).hexdigest()
    body = (b"--sep\r\nContent-Type: application/json\r\n\r\n" + STATEMENT + b"\r\n"
            + attachment_part(content, sha2=digest) + b"--sep--")
    _, parts = multipart.parse(body, "multipart/mixed; boundary=sep")
    assert parts[digest][1] == content


def _bad(body, content_type="multipart/mixed; boundary=sep"):
    with pytest.raises(BadRequest) as caught:
        multipart.parse(body, content_type)
    assert caught.value.message
    return caught.value.message


def test_missing_boundary_parameter():
    assert "boundary" in _bad(body_of(), "multipart/mixed;")
    _bad(body_of(), 'multipart/mixed; boundary=""')


def test_boundary_absent_from_body():
    assert "boundary" in _bad(b'Content-Type: application/json\r\n\r\n{"a": 1}')


def test_statement_outside_the_first_boundary_is_preamble():
    # Without a boundary before it, the statement is preamble and the first part is text.
    body = (b"Content-Type: application/json\r\n\r\n" + STATEMENT + b"\r\n"
            + attachment_part(b"t") + b"--sep--\r\n")
    assert "application/json" in _bad(body)


def test_missing_closing_delimiter():
    assert "closing" in _bad(body_of(b"x")[:-len(b"--sep--")])
    _bad(b"--sep\r\nContent-Type: application/json\r\n\r\n{}")


def test_no_parts():
    _bad(b"--sep--\r\n")


def test_malformed_boundary_line():
    _bad(b"--sep junk\r\nContent-Type: application/json\r\n\r\n{}\r\n--sep--")


def test_part_without_blank_line_after_headers():
    _bad(b"--sep\r\nContent-Type: application/json\r\n{}\r\n--sep--")


def test_malformed_header_line():
    _bad(b"--sep\r\nContent-Type application/json\r\n\r\n{}\r\n--sep--")


@pytest.mark.parametrize("first_type", [b"text/plain", b"application/jsonx", b""])
def test_first_part_must_be_json(first_type):
    body = body_of().replace(b"application/json", first_type, 1)
    _bad(body)


def test_transfer_encoding_other_than_binary():
    body = body_of(b"x").replace(b"binary", b"base64")
    assert "binary" in _bad(body)


def test_missing_hash_header():
    body = body_of(b"x").replace(b"X-Experience-API-Hash", b"X-Other")
    assert "X-Experience-API-Hash" in _bad(body)


@pytest.mark.parametrize("sha2", ["0" * 64, "xyz", "a" * 63, sha256(b"x") + "0"])
def test_hash_that_does_not_match_or_is_not_sha2(sha2):
    body = (b"--sep\r\nContent-Type: application/json\r\n\r\n" + STATEMENT + b"\r\n"
            + attachment_part(b"x", sha2=sha2) + b"--sep--")
    _bad(body)


def test_non_ascii_boundary_is_a_bad_request():
    _bad(body_of(), "multipart/mixed; boundary=s\u00e9p\u2603")


def test_build_answers_with_an_unquoted_boundary_json_first_and_binary_parts():
    content = bytes(range(256)) + b"\n"
    body, content_type = multipart.build('{"statements":[]}', {
        sha256(content): ("application/octet-stream", content)})
    assert content_type.startswith("multipart/mixed; boundary=")
    boundary = content_type.split("boundary=", 1)[1]
    assert '"' not in boundary and boundary.encode() not in content
    head, rest = body.split(b"\r\n\r\n", 1)
    assert head == b"--" + boundary.encode() + b"\r\nContent-Type: application/json"
    assert rest.startswith(b'{"statements":[]}\r\n--' + boundary.encode() + b"\r\n")
    assert (b"Content-Transfer-Encoding: binary\r\nX-Experience-API-Hash: "
            + sha256(content).encode()) in rest
    statement, parts = multipart.parse(body, content_type)
    assert statement == b'{"statements":[]}'
    assert parts == {sha256(content): ("application/octet-stream", content)}


def test_build_never_lets_a_content_type_break_the_headers():
    body, content_type = multipart.build("{}", {sha256(b"a"): ("text/plain\r\nX-Evil: 1",
                                                               b"a")})
    assert b"\r\nX-Evil" not in body
    assert multipart.parse(body, content_type)[1][sha256(b"a")][1] == b"a"
