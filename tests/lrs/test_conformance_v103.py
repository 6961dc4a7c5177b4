"""xAPI 1.0.3 protocol details the ADL 1.0.3 conformance suite checks, sent the way the
suite sends them (version header 1.0.2, parameters as the suite encodes them)."""

import uuid

import pytest

from tests.conftest import statement
from tests.lrs.test_attachments import BOUNDARY, attachment, multipart_body, read_multipart

SUITE_VERSION = "1.0.2"  # what the 1.0.3 suite puts in X-Experience-API-Version


@pytest.fixture
def suite(xapi103):
    xapi103.version = SUITE_VERSION
    return xapi103


def test_posting_a_statement_the_lrs_already_has_answers_204(suite):
    # Communication 2.1.2: a statement id the LRS already has changes nothing; the answer
    # is 409 Conflict or 204 No Content, not 200.
    s = statement(id=str(uuid.uuid4()))
    assert suite.put("/xapi/statements", query_string={"statementId": s["id"]},
                     json=s).status_code == 204
    response = suite.post("/xapi/statements", json=s)
    assert response.status_code in (204, 409)
    # A batch with something new in it is still answered with every id.
    fresh = statement(id=str(uuid.uuid4()))
    response = suite.post("/xapi/statements", json=[s, fresh])
    assert response.status_code == 200
    assert response.get_json() == [s["id"], fresh["id"]]


def test_posting_a_known_statement_under_2_0_still_returns_its_id(xapi20):
    s = statement(id=str(uuid.uuid4()))
    assert xapi20.post("/xapi/statements", json=s).status_code == 200
    response = xapi20.post("/xapi/statements", json=s)
    assert response.status_code == 200
    assert response.get_json() == [s["id"]]


def test_binary_attachment_sent_as_latin1_text_in_utf8_is_accepted(suite):
    # The suite reads its image attachment file as Latin-1 text and sends that text as
    # UTF-8: every byte over 0x7F arrives as two. The declared hash is of the real bytes.
    image = bytes(range(256)) * 4
    s = statement(id=str(uuid.uuid4()), attachments=[attachment(image, content_type="image/png")])
    body = multipart_body(s, [image], content_type="image/png")
    mangled = body.decode("latin-1").encode("utf-8")
    response = suite.post("/xapi/statements", data=mangled,
                          headers={"Content-Type": f"multipart/mixed; boundary={BOUNDARY}"})
    assert response.status_code == 200, response.get_data(as_text=True)
    got = suite.get("/xapi/statements",
                    query_string={"statementId": s["id"], "attachments": "true"})
    _, parts = read_multipart(got)
    assert [content for _, content in parts] == [image]


def test_attachment_part_with_a_wrong_hash_is_still_refused(suite):
    content = "héllo wörld".encode()
    s = statement(attachments=[attachment(content)])
    body = multipart_body(s, [content]).replace(content, b"hello world")
    response = suite.post("/xapi/statements", data=body,
                          headers={"Content-Type": f"multipart/mixed; boundary={BOUNDARY}"})
    assert response.status_code == 400


def test_alternate_syntax_get_with_no_body_is_a_query(suite):
    # Headers may travel as real headers; with nothing else to say, the form is empty.
    response = suite.post("/xapi/statements", query_string={"method": "GET"})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert set(response.get_json()) == {"statements", "more"}
    # A PUT with no body still has no statement to store.
    assert suite.post("/xapi/statements", query_string={"method": "PUT"}).status_code == 400


@pytest.mark.parametrize(("sent", "returned"), [
    ("2013-05-18T05:32:34Z", "2013-05-18T05:32:34.000Z"),
    ("2013-05-18T07:32:34.8+02:00", "2013-05-18T05:32:34.800Z"),
    ("2013-05-18T05:32:34.8041234Z", "2013-05-18T05:32:34.8041234Z"),
])
def test_timestamps_come_back_with_at_least_millisecond_precision(suite, sent, returned):
    # The suite reads the milliseconds of returned timestamps; a timestamp sent without
    # them comes back with them (the same instant).
    s = statement(id=str(uuid.uuid4()), timestamp=sent)
    assert suite.post("/xapi/statements", json=s).status_code == 200
    got = suite.get("/xapi/statements", query_string={"statementId": s["id"]}).get_json()
    assert got["timestamp"] == returned


def test_a_mistyped_statements_path_still_says_how_consistent_the_lrs_is(suite):
    # The suite polls "/statementslimit=1" (its "?" forgotten) and reads
    # X-Experience-API-Consistent-Through off the 404 to know it may go on.
    response = suite.get("/xapi/statementslimit=1")
    assert response.status_code == 404
    assert response.headers["X-Experience-API-Consistent-Through"].endswith("Z")
