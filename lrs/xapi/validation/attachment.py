"""Attachment objects: the metadata a statement declares for each attached file."""

from .core import ValidationError, check_object, show
from .syntax import is_sha2_hex
from .values import iri, irl, language_map, mime_type, non_negative_integer


def sha2(value, path, ctx):
    if not is_sha2_hex(value):
        yield ValidationError(path, f"must be the hex digits of a SHA-2 hash (64 for SHA-256), "
                                    f"not {show(value)}")


ATTACHMENT = {
    "usageType": iri,
    "display": language_map,
    "description": language_map,
    "contentType": mime_type,
    "length": non_negative_integer,
    "sha2": sha2,
    "fileUrl": irl,
}
REQUIRED = ("usageType", "display", "contentType", "length", "sha2")


def attachment(value, path, ctx):
    yield from check_object(value, path, ctx, ATTACHMENT, required=REQUIRED,
                            what="an Attachment object")
