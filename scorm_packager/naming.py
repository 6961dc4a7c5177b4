"""Identifiers and file names that every LMS accepts.

Identifiers are XML NCNames (letters, digits, `_ - .`, starting with a letter) whose first 15
characters are unique within a package: some LMSs truncate identifiers, so a numbered prefix comes
first. File names keep to ASCII letters, digits, `._-` and `/` separators.
"""

import re
import unicodedata

_NOT_ID = re.compile(r"[^A-Za-z0-9_.-]+")
_NOT_FILE = re.compile(r"[^a-z0-9._-]+")
SAFE_PATH = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$")


def ascii_fold(text):
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def identifier(prefix, number, slug):
    """`I01_giving-feedback` style: unique first 15 characters via the numbered prefix."""
    tail = _NOT_ID.sub("-", ascii_fold(slug)).strip("-.") or "x"
    return f"{prefix}{number:02d}_{tail}"[:60]


def file_slug(text, default="unit"):
    slug = _NOT_FILE.sub("-", ascii_fold(text).lower()).strip("-.")
    return slug[:48] or default


def is_safe_path(path):
    return bool(SAFE_PATH.match(path)) and ".." not in path.split("/")
