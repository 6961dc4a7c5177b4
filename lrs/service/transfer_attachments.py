"""Attachment content beside an export: ``lrs export --attachments DIR`` / ``lrs import
--attachments DIR``.

NDJSON carries statements, not the bytes of their attachments. Beside it, a folder holds
each attachment's content in a file named by its sha2 (lower-case hex, as xAPI identifies
content), and ``attachments.ndjson`` the content type each was stored with. Importing
checks every file against its sha2 before storing it: a file that doesn't match refuses
its statement's line, with the reason, so that nothing is stored under a wrong hash.
"""

import hashlib
import os
import re

import orjson

from ..errors import LRSError
from ..storage.records import AttachmentRecord

MANIFEST = "attachments.ndjson"
# SHA-2 digests by their length in hex digits (xAPI Data 2.4.11: "SHA-2 hash").
ALGORITHMS = {56: "sha224", 64: "sha256", 96: "sha384", 128: "sha512"}
_HEX = re.compile(r"[0-9a-fA-F]+")


class AttachmentMismatch(LRSError):
    pass


def statement_sha2s(body):
    """The sha2 of each attachment a stored statement declares."""
    statement = orjson.loads(body)
    return [a["sha2"] for a in statement.get("attachments") or ()
            if isinstance(a, dict) and isinstance(a.get("sha2"), str)]


class AttachmentWriter:
    """Writes the content of the attachments of exported statements, each once."""

    def __init__(self, storage, store_id, directory):
        self.storage, self.store_id, self.directory = storage, store_id, directory
        os.makedirs(directory, exist_ok=True)
        self.written = set()
        self.manifest = open(os.path.join(directory, MANIFEST), "ab")  # noqa: SIM115

    def page(self, rows):
        wanted = {sha2 for row in rows for sha2 in statement_sha2s(row.body)
                  if _name(sha2) and sha2.lower() not in self.written}
        for sha2, (content_type, content) in self.storage.statements.attachments(
                self.store_id, wanted).items():
            name = _name(sha2)
            with open(os.path.join(self.directory, name), "wb") as out:
                out.write(content)
            self.manifest.write(orjson.dumps({"sha2": name, "contentType": content_type})
                                + b"\n")
            self.written.add(name)

    def close(self):
        self.manifest.close()


class AttachmentFiles:
    """The folder an export wrote, read by an import."""

    def __init__(self, directory):
        self.directory = directory
        self.types = {}
        path = os.path.join(directory, MANIFEST)
        if os.path.exists(path):
            with open(path, "rb") as manifest:
                for line in manifest:
                    if line.strip():
                        entry = orjson.loads(line)
                        self.types[entry["sha2"]] = entry["contentType"]

    def content(self, statement):
        """(AttachmentRecords found for the statement's attachments without a fileUrl,
        how many of those have no file). AttachmentMismatch when a file is not its sha2."""
        found, missing = [], 0
        for attachment in statement.get("attachments") or ():
            if not isinstance(attachment, dict) or "fileUrl" in attachment:
                continue
            sha2 = attachment["sha2"]
            name = _name(sha2)
            path = os.path.join(self.directory, name) if name else None
            if path is None or not os.path.isfile(path):
                missing += 1
                continue
            with open(path, "rb") as handle:
                content = handle.read()
            if hashlib.new(ALGORITHMS[len(name)], content).hexdigest() != name:
                raise AttachmentMismatch(f"attachment {sha2}: the file {path} does not "
                                         f"have that sha2")
            declared = attachment.get("contentType")
            content_type = self.types.get(name) or (
                declared if isinstance(declared, str) else "application/octet-stream")
            found.append(AttachmentRecord(sha2=sha2, content_type=content_type,
                                          content=content))
        return found, missing


def _name(sha2):
    """The file name of a sha2: lower-case hex of a SHA-2 length, or None (never a path)."""
    if isinstance(sha2, str) and len(sha2) in ALGORITHMS and _HEX.fullmatch(sha2):
        return sha2.lower()
    return None
