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
from dataclasses import dataclass

import orjson

from ..errors import LRSError
from ..storage.records import AttachmentRecord

MANIFEST = "attachments.ndjson"
# Attachments are fetched a few at a time and files hashed in chunks: an attachment may
# be as large as a request (20 MiB by default), and memory must not grow with a page.
FETCH_AT_ONCE = 4
CHUNK = 1024 * 1024
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
        wanted = sorted({sha2 for row in rows for sha2 in statement_sha2s(row.body)
                         if _name(sha2) and sha2.lower() not in self.written})
        for start in range(0, len(wanted), FETCH_AT_ONCE):
            found = self.storage.statements.attachments(
                self.store_id, wanted[start:start + FETCH_AT_ONCE])
            for sha2, (content_type, content) in found.items():
                self._write(_name(sha2), content_type, content)

    def _write(self, name, content_type, content):
        if name in self.written:  # the same content under another spelling of its sha2
            return
        with open(os.path.join(self.directory, name), "wb") as out:
            out.write(content)
        self.manifest.write(orjson.dumps({"sha2": name, "contentType": content_type}) + b"\n")
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
        """(AttachmentFiles found for the statement's attachments without a fileUrl, how
        many of those have no file). AttachmentMismatch when a file is not its sha2."""
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
            declared = attachment.get("contentType")
            content_type = self.types.get(name) or (
                declared if isinstance(declared, str) else "application/octet-stream")
            found.append(AttachmentFile(sha2, content_type, path))
            _check(found[-1], _digest(name, path))
        return found, missing


@dataclass(frozen=True)
class AttachmentFile:
    """An attachment's content in a file, read only when it is stored."""
    sha2: str
    content_type: str
    path: str

    def load(self):
        """The AttachmentRecord, its content checked again (the file may have changed)."""
        with open(self.path, "rb") as handle:
            content = handle.read()
        name = self.sha2.lower()
        _check(self, hashlib.new(ALGORITHMS[len(name)], content).hexdigest())
        return AttachmentRecord(sha2=self.sha2, content_type=self.content_type,
                                content=content)


def _digest(name, path):
    digest = hashlib.new(ALGORITHMS[len(name)])
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _check(attachment, digest):
    if digest != attachment.sha2.lower():
        raise AttachmentMismatch(f"attachment {attachment.sha2}: the file {attachment.path} "
                                 f"does not have that sha2")


def _name(sha2):
    """The file name of a sha2: lower-case hex of a SHA-2 length, or None (never a path)."""
    if isinstance(sha2, str) and len(sha2) in ALGORITHMS and _HEX.fullmatch(sha2):
        return sha2.lower()
    return None
