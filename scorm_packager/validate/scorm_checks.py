"""Semantic checks of imsmanifest.xml that the XSDs cannot express but LMSs depend on.

CHECKS maps a check code to a small pure function that yields (line, severity, message); the
driver in package.py runs them all and adds the file name.
"""

import re

from ..i18n import _
from ..naming import is_safe_path
from .report import ERROR, WARNING

XML_NS = "http://www.w3.org/XML/1998/namespace"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
ADLCP = {"scorm12": "http://www.adlnet.org/xsd/adlcp_rootv1p2"}
USUAL_PREFIXES = {
    "http://www.adlnet.org/xsd/adlcp_rootv1p2": "adlcp",
    "http://www.adlnet.org/xsd/adlcp_v1p3": "adlcp",
    "http://www.adlnet.org/xsd/adlseq_v1p3": "adlseq",
    "http://www.adlnet.org/xsd/adlnav_v1p3": "adlnav",
    "http://www.imsglobal.org/xsd/imsss": "imsss",
}


def _local(element):
    return element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""


def _all(ctx, name):
    return [el for el in ctx.root.iter() if _local(el) == name]


def _scorm_type(ctx, resource):
    for key, value in resource.attrib.items():
        if key.rsplit("}", 1)[-1].lower() == "scormtype":
            return value
    return None


def check_identifiers(ctx):
    seen, prefixes = {}, {}
    for element in ctx.root.iter():
        if not isinstance(element.tag, str) or _local(element) not in (
                "manifest", "organization", "item", "resource"):
            continue
        identifier = element.get("identifier")
        if identifier is None:
            continue
        if not NCNAME.match(identifier):
            yield element.sourceline, ERROR, _(
                "identifier {id!r} is not a valid XML name").format(id=identifier)
        if identifier in seen:
            yield element.sourceline, ERROR, (
                _("identifier {id!r} is used twice (first on line {line})").format(
                    id=identifier, line=seen[identifier]))
        seen.setdefault(identifier, element.sourceline)
        short = identifier[:15]
        if short in prefixes and prefixes[short] != identifier:
            yield element.sourceline, WARNING, (
                _("identifiers {first!r} and {second!r} share their first 15 characters; "
                  "LMSs that truncate identifiers will mix them up").format(
                    first=prefixes[short], second=identifier))
        prefixes.setdefault(short, identifier)


def check_references(ctx):
    resources = {r.get("identifier") for r in _all(ctx, "resource")}
    organizations = {o.get("identifier") for o in _all(ctx, "organization")}
    for orgs in _all(ctx, "organizations"):
        default = orgs.get("default")
        if default and default not in organizations:
            yield orgs.sourceline, ERROR, (
                _("organizations default {id!r} names no organization").format(id=default))
    for element in _all(ctx, "item") + _all(ctx, "dependency"):
        ref = element.get("identifierref")
        if ref and ref not in resources:
            yield element.sourceline, ERROR, (
                _("{element} refers to resource {id!r}, which does not exist").format(
                    element=_local(element), id=ref))
    if not organizations:
        yield ctx.root.sourceline, WARNING, _(
            "the manifest has no organization: nothing to launch")


def _base(element):
    """xml:base of the resource and of <resources>, joined as CP 1.1.4 describes."""
    bases = []
    while element is not None and isinstance(element.tag, str):
        if element.get(f"{{{XML_NS}}}base"):
            bases.append(element.get(f"{{{XML_NS}}}base"))
        element = element.getparent()
    return "".join(reversed(bases))


def check_files(ctx):
    by_id = {r.get("identifier"): r for r in _all(ctx, "resource")}
    for resource in by_id.values():
        base = _base(resource)
        href = resource.get("href")
        if href and not ctx.has_file(href, base):
            yield resource.sourceline, ERROR, _(
                "launch file {href!r} is not in the package").format(href=href)
        for file_el in resource:
            if _local(file_el) == "file" and file_el.get("href") \
                    and not ctx.has_file(file_el.get("href"), base):
                yield file_el.sourceline, ERROR, (
                    _("file {href!r} is listed but not in the package").format(
                        href=file_el.get("href")))
    for item in _all(ctx, "item"):
        resource = by_id.get(item.get("identifierref"))
        if resource is not None and not resource.get("href"):
            yield item.sourceline, ERROR, (
                _("item {item!r} launches resource {id!r}, which has no href").format(
                    item=item.get("identifier"), id=resource.get("identifier")))
        if resource is not None and (_scorm_type(ctx, resource) or "").lower() not in (
                "sco", "asset"):
            yield resource.sourceline, ERROR, (
                _("resource {id!r} has no valid SCORM type (sco or asset)").format(
                    id=resource.get("identifier")))


def check_schemas_present(ctx):
    location = ctx.root.get(f"{{{XSI}}}schemaLocation") or ""
    words = location.split()
    for href in words[1::2]:
        if "/" not in href and href not in ctx.files:
            yield ctx.root.sourceline, ERROR, (
                _("schema {href!r} named in xsi:schemaLocation is not at the package root")
                .format(href=href))


def check_prefixes(ctx):
    if ctx.root.prefix is not None:
        yield ctx.root.sourceline, WARNING, (
            _("the content-packaging namespace should be the default namespace (no prefix)"))
    for prefix, uri in ctx.root.nsmap.items():
        usual = USUAL_PREFIXES.get(uri)
        if usual and prefix != usual:
            yield ctx.root.sourceline, WARNING, (
                _("namespace {uri} is bound to prefix {prefix!r}; LMSs expect {usual!r}")
                .format(uri=uri, prefix=prefix, usual=usual))


def check_file_names(ctx):
    for name in sorted(ctx.files):
        if not is_safe_path(name):
            yield 0, WARNING, (
                _("file name {name!r} has characters some LMSs reject "
                  "(use letters, digits, . _ -)").format(name=name))


def check_metadata(ctx):
    expected = {"scorm12": ("1.2",), "scorm2004-3rd": ("2004 3rd Edition", "CAM 1.3"),
                "scorm2004-4th": ("2004 4th Edition",)}[ctx.format]
    versions = _all(ctx, "schemaversion")
    if not versions:
        yield ctx.root.sourceline, WARNING, _(
            "no <schemaversion> in the manifest metadata")
    elif (versions[0].text or "").strip() not in expected:
        yield versions[0].sourceline, ERROR, (
            _("schemaversion {version!r} does not match the {format} schemas").format(
                version=versions[0].text, format=ctx.format))
    for mastery in _all(ctx, "masteryscore"):
        try:
            value = float(mastery.text)
        except (TypeError, ValueError):
            value = -1
        if not 0 <= value <= 100:
            yield mastery.sourceline, ERROR, _(
                "masteryscore must be a number from 0 to 100")


CHECKS = {
    "identifiers": check_identifiers,
    "references": check_references,
    "files": check_files,
    "schemas-present": check_schemas_present,
    "prefixes": check_prefixes,
    "file-names": check_file_names,
    "metadata": check_metadata,
}
