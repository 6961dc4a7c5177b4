"""Attachments of statements: matching declared attachments with the parts that carry them.

(Placeholder: completed with sha2 checks and signature verification.)
"""

from ..errors import BadRequest


def check(statements, parts, *, version):
    """Return the parts to store, keyed by sha2; 400 when declared and sent parts don't match."""
    declared = {}
    for statement in statements:
        for attachment in statement.get("attachments") or []:
            if "fileUrl" not in attachment:
                declared[attachment["sha2"]] = attachment
    for sha2 in declared:
        if sha2 not in parts:
            raise BadRequest(f"attachment {sha2} is declared but no part carries it")
    return {sha2: parts[sha2] for sha2 in parts}
