"""Semantic checks of cmi5.xml (course structure) beyond CourseStructure.xsd."""

from urllib.parse import urlsplit

from ..i18n import _
from ..naming import is_safe_path
from .report import ERROR, WARNING


def _local(element):
    return element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""


def check_ids(ctx):
    seen = {}
    for element in ctx.root.iter():
        if _local(element) not in ("course", "block", "au"):
            continue
        identifier = element.get("id") or ""
        if not urlsplit(identifier).scheme:
            yield element.sourceline, ERROR, (
                _("{element} id {id!r} is not an absolute IRI").format(
                    element=_local(element), id=identifier))
        if identifier in seen:
            yield element.sourceline, ERROR, (
                _("id {id!r} is used twice (first on line {line})").format(
                    id=identifier, line=seen[identifier]))
        seen.setdefault(identifier, element.sourceline)


def check_urls(ctx):
    for au in ctx.root.iter():
        if _local(au) != "au":
            continue
        url = next((child for child in au if _local(child) == "url"), None)
        if url is None or not (url.text or "").strip():
            continue
        href = url.text.strip()
        parts = urlsplit(href)
        if not parts.scheme and not ctx.has_file(href):
            yield url.sourceline, ERROR, _(
                "AU url {href!r} is not a file in the package").format(href=href)


def check_mastery(ctx):
    for au in ctx.root.iter():
        if _local(au) == "au" and au.get("masteryScore") and au.get("moveOn") in (
                None, "NotApplicable", "Completed"):
            yield au.sourceline, WARNING, (
                _("masteryScore is set but moveOn does not depend on passing"))


def check_file_names(ctx):
    for name in sorted(ctx.files):
        if not is_safe_path(name):
            yield 0, WARNING, (
                _("file name {name!r} has characters some LMSs reject "
                  "(use letters, digits, . _ -)").format(name=name))


CHECKS = {
    "ids": check_ids,
    "urls": check_urls,
    "mastery": check_mastery,
    "file-names": check_file_names,
}
