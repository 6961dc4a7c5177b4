"""Statement attachments through the Statement Resource (xAPI Data 2.4.11, Communication 1.5
and 2.1): multipart/mixed requests in, attachment content stored once per sha2, and
multipart/mixed answers to attachments=true."""

import hashlib
import json
import os
import uuid

import pytest

from tests.conftest import statement

BOUNDARY = "-------314159265358979323846"
USAGE = "https://learning.example.org/attachment-usage/evidence"


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def attachment(content, *, content_type="text/plain", **extra):
    """The attachment object a statement declares for `content`."""
    return {"usageType": USAGE, "display": {"en-US": "Evidence"},
            "contentType": content_type, "length": len(content), "sha2": sha256(content),
            **extra}


def multipart_body(statements, contents, *, boundary=BOUNDARY, content_type="text/plain",
                   headers=None):
    """A multipart/mixed request body: the statement(s) first, then one part per content."""
    out = (f"--{boundary}\r\nContent-Type: application/json\r\n\r\n".encode()
           + json.dumps(statements).encode() + b"\r\n")
    for content in contents:
        part_headers = {"Content-Type": content_type, "Content-Transfer-Encoding": "binary",
                        "X-Experience-API-Hash": sha256(content), **(headers or {})}
        out += f"--{boundary}\r\n".encode()
        out += "".join(f"{k}: {v}\r\n" for k, v in part_headers.items() if v is not None
                       ).encode()
        out += b"\r\n" + content + b"\r\n"
    return out + f"--{boundary}--\r\n".encode()


def post_multipart(xapi, statements, contents, *, boundary=BOUNDARY, **kw):
    return xapi.post("/xapi/statements", data=multipart_body(statements, contents,
                                                             boundary=boundary, **kw),
                     headers={"Content-Type": f"multipart/mixed; boundary={boundary}"})


def read_multipart(response):
    """(JSON part, [(headers, content)]) of a multipart/mixed answer, read independently."""
    content_type = response.headers["Content-Type"]
    assert content_type.startswith("multipart/mixed")
    boundary = content_type.split("boundary=", 1)[1]
    assert not boundary.startswith('"'), "clients read the boundary verbatim"
    body = response.get_data()
    assert body.startswith(b"--" + boundary.encode() + b"\r\n")
    chunks = body[len(boundary) + 4:].split(b"\r\n--" + boundary.encode())
    assert chunks[-1] in (b"--", b"--\r\n")
    parts = []
    for index, chunk in enumerate(chunks[:-1]):
        if index:
            assert chunk.startswith(b"\r\n")
            chunk = chunk[2:]
        head, content = chunk.split(b"\r\n\r\n", 1)
        headers = dict(line.split(": ", 1) for line in head.decode().split("\r\n"))
        parts.append((headers, content))
    first_headers, json_part = parts[0]
    assert first_headers["Content-Type"] == "application/json"
    return json.loads(json_part), parts[1:]


def get_one(xapi, statement_id, attachments):
    return xapi.get("/xapi/statements", query_string={
        "statementId": statement_id, "attachments": "true" if attachments else "false"})


def test_binary_attachment_round_trips_byte_for_byte(xapi):
    content = bytes(range(256)) * 4 + b"\r\n--" + BOUNDARY.encode() + b"X\r\n\n"
    s = statement(id=str(uuid.uuid4()),
                  attachments=[attachment(content, content_type="application/octet-stream")])
    response = post_multipart(xapi, s, [content], content_type="application/octet-stream")
    assert response.status_code == 200, response.get_data(as_text=True)
    got = get_one(xapi, s["id"], True)
    assert got.status_code == 200
    body, parts = read_multipart(got)
    assert body["id"] == s["id"]
    assert body["attachments"] == s["attachments"]
    [(headers, data)] = parts
    assert data == content
    assert headers["Content-Type"] == "application/octet-stream"
    assert headers["Content-Transfer-Encoding"] == "binary"
    assert headers["X-Experience-API-Hash"] == sha256(content)


@pytest.mark.parametrize("content", [b"hello\n", b"two lines\r\n", b""])
def test_content_ending_with_a_line_break_keeps_it(xapi, content):
    s = statement(id=str(uuid.uuid4()), attachments=[attachment(content)])
    assert post_multipart(xapi, s, [content]).status_code == 200
    _, [(headers, data)] = read_multipart(get_one(xapi, s["id"], True))
    assert data == content
    assert headers["X-Experience-API-Hash"] == sha256(content)


def test_attachments_false_answers_json_with_the_metadata_only(xapi):
    content = b"the report"
    s = statement(id=str(uuid.uuid4()), attachments=[attachment(content)])
    assert post_multipart(xapi, s, [content]).status_code == 200
    for query in ({"statementId": s["id"], "attachments": "false"}, {"statementId": s["id"]}):
        got = xapi.get("/xapi/statements", query_string=query)
        assert got.status_code == 200
        assert got.headers["Content-Type"].startswith("application/json")
        assert got.get_json()["attachments"] == s["attachments"]


def test_query_with_attachments_true_returns_a_statement_result_and_parts(xapi):
    content = f"notes for {uuid.uuid4()}".encode()
    s = statement(id=str(uuid.uuid4()), attachments=[attachment(content)])
    assert post_multipart(xapi, s, [content]).status_code == 200
    got = xapi.get("/xapi/statements", query_string={
        "agent": json.dumps(s["actor"]), "attachments": "True"})  # TinCanPython capitalises
    assert got.status_code == 200
    result, parts = read_multipart(got)
    assert [x["id"] for x in result["statements"]] == [s["id"]]
    assert [data for _, data in parts] == [content]


def test_attachments_true_without_attachments_is_still_multipart(xapi):
    s = statement(id=str(uuid.uuid4()))
    assert xapi.post("/xapi/statements", json=s).status_code == 200
    body, parts = read_multipart(get_one(xapi, s["id"], True))
    assert body["id"] == s["id"] and parts == []


def test_one_part_serves_many_statements(xapi):
    content = f"shared certificate {uuid.uuid4()}".encode()
    first = statement(id=str(uuid.uuid4()), attachments=[attachment(content)])
    second = statement(id=str(uuid.uuid4()), attachments=[attachment(content)])
    assert post_multipart(xapi, [first, second], [content]).status_code == 200
    # A later statement declaring the same content sends it again; it is still stored once.
    third = statement(id=str(uuid.uuid4()), attachments=[attachment(content)])
    assert post_multipart(xapi, third, [content]).status_code == 200
    for s in (first, second, third):
        _, [(_, data)] = read_multipart(get_one(xapi, s["id"], True))
        assert data == content


def test_several_attachments_in_one_statement(xapi):
    contents = [b"first file", b"second file\n", bytes([0, 255, 13, 10])]
    s = statement(id=str(uuid.uuid4()), attachments=[attachment(c) for c in contents])
    assert post_multipart(xapi, s, contents).status_code == 200
    _, parts = read_multipart(get_one(xapi, s["id"], True))
    assert sorted(data for _, data in parts) == sorted(contents)


def test_put_with_multipart(xapi):
    content = b"put attachment"
    s = statement(attachments=[attachment(content)])
    sid = str(uuid.uuid4())
    response = xapi.put(f"/xapi/statements?statementId={sid}",
                        data=multipart_body(s, [content]),
                        headers={"Content-Type": f"multipart/mixed; boundary={BOUNDARY}"})
    assert response.status_code == 204, response.get_data(as_text=True)
    _, [(_, data)] = read_multipart(get_one(xapi, sid, True))
    assert data == content


def test_file_url_attachments_are_accepted_as_json(xapi):
    s = statement(attachments=[attachment(b"remote", fileUrl="https://files.example.org/r.txt")])
    response = xapi.post("/xapi/statements", json=s)
    assert response.status_code == 200, response.get_data(as_text=True)
    [sid] = response.get_json()
    body, parts = read_multipart(get_one(xapi, sid, True))
    assert body["attachments"] == s["attachments"] and parts == []


def test_file_url_attachments_in_multipart_need_no_part(xapi):
    s = statement(attachments=[attachment(b"remote", fileUrl="https://files.example.org/r.txt")])
    assert post_multipart(xapi, s, []).status_code == 200
    assert post_multipart(xapi, statement(), []).status_code == 200


def test_a_part_may_carry_a_file_url_attachment_too(xapi):
    content = b"also at a URL"
    s = statement(id=str(uuid.uuid4()),
                  attachments=[attachment(content, fileUrl="https://files.example.org/a")])
    assert post_multipart(xapi, s, [content]).status_code == 200
    _, [(_, data)] = read_multipart(get_one(xapi, s["id"], True))
    assert data == content


def test_quoted_boundary_and_any_header_case_are_accepted(xapi):
    content = b"quoted"
    s = statement(attachments=[attachment(content)])
    body = multipart_body(s, [content], boundary="b:o=u n'd").replace(
        b"X-Experience-API-Hash", b"x-experience-api-hash")
    response = xapi.post("/xapi/statements", data=b"preamble\r\n" + body + b"epilogue",
                         headers={"Content-Type": 'multipart/mixed; boundary="b:o=u n\'d"'})
    assert response.status_code == 200, response.get_data(as_text=True)


def test_sha512_attachments(xapi):
    content = b"hashed with SHA-512"
    digest = hashlib.sha512(content).hexdigest()
    s = statement(id=str(uuid.uuid4()), attachments=[{**attachment(content), "sha2": digest}])
    body = multipart_body(s, [content], headers={"X-Experience-API-Hash": digest})
    response = xapi.post("/xapi/statements", data=body,
                         headers={"Content-Type": f"multipart/mixed; boundary={BOUNDARY}"})
    assert response.status_code == 200, response.get_data(as_text=True)
    _, [(headers, data)] = read_multipart(get_one(xapi, s["id"], True))
    assert data == content and headers["X-Experience-API-Hash"] == digest


# -- rejections: each is a 400 with a message, never a 500, and nothing is stored ----------

def assert_rejected(xapi, response, statement_id=None):
    assert response.status_code == 400, response.get_data(as_text=True)
    assert response.get_json()["error"]["message"]
    if statement_id:
        assert xapi.get(f"/xapi/statements?statementId={statement_id}").status_code == 404


def test_json_request_declaring_content_without_file_url(xapi):
    s = statement(id=str(uuid.uuid4()), attachments=[attachment(b"missing")])
    assert_rejected(xapi, xapi.post("/xapi/statements", json=s), s["id"])
    assert_rejected(xapi, xapi.put(f"/xapi/statements?statementId={s['id']}", json=s),
                    s["id"])


def test_multipart_missing_a_declared_part(xapi):
    s = statement(id=str(uuid.uuid4()), attachments=[attachment(b"one"), attachment(b"two")])
    assert_rejected(xapi, post_multipart(xapi, s, [b"one"]), s["id"])


def test_multipart_with_a_part_no_statement_declares(xapi):
    s = statement(id=str(uuid.uuid4()), attachments=[attachment(b"one")])
    assert_rejected(xapi, post_multipart(xapi, s, [b"one", b"extra"]), s["id"])
    t = statement(id=str(uuid.uuid4()))
    assert_rejected(xapi, post_multipart(xapi, t, [b"stray"]), t["id"])


def test_part_whose_content_does_not_match_its_hash(xapi):
    s = statement(id=str(uuid.uuid4()), attachments=[attachment(b"expected")])
    body = multipart_body(s, [b"tampered"], headers={"X-Experience-API-Hash":
                                                     sha256(b"expected")})
    response = xapi.post("/xapi/statements", data=body,
                         headers={"Content-Type": f"multipart/mixed; boundary={BOUNDARY}"})
    assert_rejected(xapi, response, s["id"])


@pytest.mark.parametrize("headers", [
    {"X-Experience-API-Hash": None},
    {"Content-Transfer-Encoding": "base64"},
])
def test_part_headers_xapi_requires(xapi, headers):
    s = statement(id=str(uuid.uuid4()), attachments=[attachment(b"text")])
    body = multipart_body(s, [b"text"], headers=headers)
    response = xapi.post("/xapi/statements", data=body,
                         headers={"Content-Type": f"multipart/mixed; boundary={BOUNDARY}"})
    assert_rejected(xapi, response, s["id"])


def test_statements_must_all_be_in_the_first_part(xapi):
    s = statement(id=str(uuid.uuid4()), attachments=[attachment(b"text")])
    good = multipart_body(s, [b"text"])
    json_part = (f"--{BOUNDARY}\r\nContent-Type: application/json\r\n\r\n".encode()
                 + json.dumps(s).encode() + b"\r\n")
    response = xapi.post("/xapi/statements", data=json_part + good,
                         headers={"Content-Type": f"multipart/mixed; boundary={BOUNDARY}"})
    assert_rejected(xapi, response, s["id"])


@pytest.mark.parametrize("breakage", ["first part type", "no boundary in header",
                                      "no first boundary", "no boundary before a part",
                                      "no closing boundary", "form-data", "garbage"])
def test_broken_multipart_bodies(xapi, breakage):
    s = statement(id=str(uuid.uuid4()), attachments=[attachment(b"text")])
    body = multipart_body(s, [b"text"])
    content_type = f"multipart/mixed; boundary={BOUNDARY}"
    if breakage == "first part type":
        body = body.replace(b"application/json", b"text/plain", 1)
    elif breakage == "no boundary in header":
        content_type = "multipart/mixed;"
    elif breakage == "no first boundary":
        body = body[len(BOUNDARY) + 4:]
    elif breakage == "no boundary before a part":
        body = body.replace(f"\r\n--{BOUNDARY}\r\nContent-Type: text".encode(),
                            b"\r\nContent-Type: text", 1)
    elif breakage == "no closing boundary":
        body = body[:-len(BOUNDARY) - 6]
    elif breakage == "form-data":
        content_type = f"multipart/form-data; boundary={BOUNDARY}"
    else:
        body = bytes(range(256)) * 3
    response = xapi.post("/xapi/statements", data=body, headers={"Content-Type": content_type})
    assert_rejected(xapi, response, s["id"])


def test_attachments_that_are_not_attachment_objects(xapi):
    for bad in ({"sha2": 5}, "a string", [1, 2]):
        s = statement(id=str(uuid.uuid4()), attachments=bad)
        assert_rejected(xapi, post_multipart(xapi, s, []), s["id"])


def test_attachment_near_the_body_limit_is_stored_or_refused_cleanly(app, xapi103):
    content = os.urandom(app.config["MAX_BODY_BYTES"] - 64 * 1024)
    sha2 = hashlib.sha256(content).hexdigest()
    s = statement(attachments=[{
        "usageType": "http://id.tincanapi.com/attachment/supporting_media",
        "display": {"en-US": "Recording"}, "contentType": "application/octet-stream",
        "length": len(content), "sha2": sha2}])
    boundary = "nearlimitboundary"
    body = (f"--{boundary}\r\nContent-Type: application/json\r\n\r\n".encode()
            + json.dumps(s).encode()
            + f"\r\n--{boundary}\r\nContent-Type: application/octet-stream\r\n"
              f"Content-Transfer-Encoding: binary\r\nX-Experience-API-Hash: {sha2}\r\n\r\n"
              .encode()
            + content + f"\r\n--{boundary}--".encode())
    response = xapi103.post("/xapi/statements", data=body,
                            content_type=f"multipart/mixed; boundary={boundary}")
    if response.status_code == 413:
        # Only a MariaDB server whose max_allowed_packet is below twice the body limit
        # refuses (cleanly, before writing anything); see lrs.storage.packets.
        assert app.extensions["lrs.storage"].backend in ("mysql", "mariadb")
        return
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    [statement_id] = response.get_json()
    got = xapi103.get(f"/xapi/statements?statementId={statement_id}&attachments=true")
    assert got.status_code == 200 and content in got.data
