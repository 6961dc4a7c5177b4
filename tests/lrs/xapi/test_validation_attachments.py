"""Attachment metadata in statements: usageType, display, contentType, length, sha2, fileUrl."""

import pytest

from ._validation import AGENT, accepted, make, rejected

SHA256 = "495395e777cd98da653df9615d09c0fd6bb2f8d4788394cd53c56a3bfdcd848a"
ATTACHMENT = {
    "usageType": "http://adlnet.gov/expapi/attachments/signature",
    "display": {"en-US": "Signed action plan", "es": "Plan de acción firmado"},
    "description": {"en-US": "The plan agreed with the coach", "es-MX": "El plan acordado"},
    "contentType": "text/plain; charset=ascii",
    "length": 27,
    "sha2": SHA256,
    "fileUrl": "https://files.example.org/plans/7.txt",
}


def with_attachment(**changes):
    return make(attachments=[{**ATTACHMENT, **changes}])


def test_attachments_are_accepted(version):
    accepted(with_attachment(), version)
    accepted(make(attachments=[]), version)
    without_url = {k: v for k, v in ATTACHMENT.items() if k != "fileUrl"}
    accepted(make(attachments=[without_url, ATTACHMENT]), version)


def test_attachments_in_sub_statements_are_checked(version):
    sub = {"objectType": "SubStatement", "actor": AGENT,
           "verb": {"id": "http://adlnet.gov/expapi/verbs/shared"},
           "object": {"id": "https://learning.example.org/plan"},
           "attachments": [ATTACHMENT]}
    accepted(make(object=sub), version)
    sub["attachments"] = [{**ATTACHMENT, "length": "27"}]
    rejected(make(object=sub), version, "object.attachments[0].length")


@pytest.mark.parametrize("value", [ATTACHMENT, "attachment", 5])
def test_attachments_is_an_array(version, value):
    rejected(make(attachments=value), version, "attachments")


@pytest.mark.parametrize("value", [12345, "should fail", None, [ATTACHMENT]])
def test_each_attachment_is_an_object(version, value):
    rejected(make(attachments=[value]), version, "attachments[0]")


@pytest.mark.parametrize("missing", ["usageType", "display", "contentType", "length", "sha2"])
def test_required_attachment_properties(version, missing):
    attachment = {k: v for k, v in ATTACHMENT.items() if k != missing}
    rejected(make(attachments=[attachment]), version, f"attachments[0].{missing}")


@pytest.mark.parametrize("key,value", [
    ("usageType", "should fail"), ("usageType", "example.com/attachment-usage/test"),
    ("display", 12345), ("display", "should error"), ("display", {}),
    ("display", {"something": "x"}), ("display", {"de-419-DE": "x"}),
    ("description", 12345), ("description", "should error"), ("description", {}),
    ("description", {"a12345": "x"}),
    ("contentType", "should fail"), ("contentType", 999), ("contentType", "text"),
    ("length", "should fail"), ("length", "27"), ("length", -1), ("length", 2.5),
    ("length", True),
    ("sha2", 12345), ("sha2", "not a hash"), ("sha2", SHA256[:-1]), ("sha2", "g" * 64),
    ("fileUrl", "should fail"), ("fileUrl", "over.there.com/file.txt"),
    ("FileUrl", "https://files.example.org/x"),
])
def test_attachment_properties_are_checked(version, key, value):
    path = f"attachments[0].{key}"
    rejected(with_attachment(**{key: value}), version,
             path + (f".{next(iter(value))}" if isinstance(value, dict) and value else ""))


@pytest.mark.parametrize("value", ["application/pdf", "image/svg+xml",
                                   "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                                   "text/plain;charset=utf-8", "application/octet-stream"])
def test_content_types(version, value):
    accepted(with_attachment(contentType=value), version)


@pytest.mark.parametrize("value", [SHA256.upper(), "a" * 56, "b" * 96, "c" * 128])
def test_sha2_hashes_of_any_sha2_size(version, value):
    accepted(with_attachment(sha2=value), version)


def test_a_whole_number_length_is_accepted_however_written(version):
    accepted(with_attachment(length=0), version)
    accepted(with_attachment(length=27.0), version)
