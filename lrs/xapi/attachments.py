"""Attachments of statements: matching the attachments statements declare with the parts sent.

Rules (xAPI Data 2.4.11, Communication 1.5): every attachment without a fileUrl must come
as a part of a multipart/mixed request, found by its sha2; every part sent must be declared
by some statement of the request; a signature attachment (Data 2.6) must be an
application/octet-stream part holding a JWS that verifies. One part may serve many
statements: attachment content is stored once per sha2.
"""

from ..errors import BadRequest
from . import signature
from .multipart import media_type

MAX_CONTENT_TYPE = 255  # the storage column's size


def check(statements, parts, *, version):
    """Return the parts to store as {sha2: (content type, bytes)}, 400 when they don't match.

    `statements` are validated (and completed) statements; `parts` come from
    ``multipart.parse`` (lower-case sha2 keys). The sha2 keys returned are spelt as the
    statements declare them, so that retrieval by a statement's sha2 finds the content.
    """
    declared = set()
    kept = {}
    for statement in statements:
        for attachment in _attachments(statement):
            sha2 = attachment["sha2"]
            declared.add(sha2.lower())
            part = parts.get(sha2.lower())
            if signature.is_signature(attachment):
                _check_signature(attachment, part, statement)
            elif part is None and "fileUrl" not in attachment:
                raise BadRequest(f"attachment {sha2} has no fileUrl, so its content must be "
                                 f"sent as a part of a multipart/mixed request; none was")
            if part is not None:
                kept[sha2] = (_content_type(part[0], attachment), part[1])
    undeclared = sorted(set(parts) - declared)
    if undeclared:
        raise BadRequest(f"multipart part {undeclared[0]} is not an attachment declared by "
                         f"any statement in the request")
    return kept


def _attachments(statement):
    attachments = statement.get("attachments")
    if attachments is None:
        return []
    if not isinstance(attachments, list):
        raise BadRequest("attachments must be an array of attachment objects",
                         path="attachments")
    for index, attachment in enumerate(attachments):
        if not isinstance(attachment, dict) or not isinstance(attachment.get("sha2"), str):
            raise BadRequest("an attachment must be an object with a sha2 string",
                             path=f"attachments[{index}]")
    return attachments


def _check_signature(attachment, part, statement):
    declared_type = attachment.get("contentType")
    if not isinstance(declared_type, str) or \
            media_type(declared_type) != signature.SIGNATURE_CONTENT_TYPE:
        raise BadRequest(f"a signature attachment must have contentType "
                         f"{signature.SIGNATURE_CONTENT_TYPE}, not {declared_type!r}")
    if part is None:
        raise BadRequest(f"signature attachment {attachment['sha2']} must be sent as a part "
                         f"of a multipart/mixed request holding the JWS")
    signature.verify(part[1], statement)


def _content_type(sent, attachment):
    """The part's own Content-Type, else the one the attachment declares."""
    declared = attachment.get("contentType")
    if not sent and isinstance(declared, str) and declared.isprintable():
        sent = declared
    sent = sent or "application/octet-stream"
    if len(sent) > MAX_CONTENT_TYPE:
        raise BadRequest(f"attachment {attachment['sha2']} has a content type longer than "
                         f"{MAX_CONTENT_TYPE} characters")
    return sent
