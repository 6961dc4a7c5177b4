"""Validate a package: read it safely, find its manifest, check it against the official schemas,
then run the semantic checks. Every finding names the file and line."""

from lxml import etree

from ..archive import DEFAULT_LIMITS, read_zip
from ..errors import UnsafeXMLError
from ..i18n import _
from ..safexml import parse_bytes
from . import cmi5_checks, scorm_checks
from .context import PackageContext
from .report import ERROR, Finding, Report
from .schemas import schema_errors

CP12 = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
CP2004 = "http://www.imsglobal.org/xsd/imscp_v1p1"
CMI5 = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"
BOM = b"\xef\xbb\xbf"


def validate_package(path, limits=DEFAULT_LIMITS):
    """A Report for the zip at `path`. Unsafe or unreadable archives raise UnsafeArchiveError."""
    return validate_files(read_zip(path, limits), str(path))


def validate_files(files, name="package"):
    report = Report(name)
    manifest_name = next((n for n in ("imsmanifest.xml", "cmi5.xml") if n in files), None)
    if manifest_name is None:
        nested = sorted(n for n in files if n.rsplit("/", 1)[-1] in ("imsmanifest.xml",
                                                                      "cmi5.xml"))
        message = (_("the manifest is inside a folder ({path}): it must be at the zip root")
                   .format(path=nested[0]) if nested
                   else _("no imsmanifest.xml or cmi5.xml at the zip root"))
        report.findings.append(Finding(name, 0, ERROR, "manifest", message))
        return report
    data = files[manifest_name]
    if data.startswith(BOM):
        report.findings.append(Finding(manifest_name, 1, ERROR, "encoding",
                                       _("the manifest starts with a byte-order mark")))
        data = data[len(BOM):]
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        report.findings.append(Finding(manifest_name, data.count(b"\n", 0, error.start) + 1,
                                       ERROR, "encoding",
                                       _("the manifest is not UTF-8")))
    try:
        tree = parse_bytes(data, manifest_name)
    except UnsafeXMLError as error:
        report.findings.append(Finding(manifest_name, error.line or 0, ERROR, "xml",
                                       error.message))
        return report
    report.format = detect_format(tree)
    if report.format is None:
        report.findings.append(Finding(manifest_name, tree.getroot().sourceline or 0, ERROR,
                                       "format",
                                       _("not a SCORM 1.2, SCORM 2004 or cmi5 manifest")))
        return report
    for line, message in schema_errors(tree, report.format):
        report.findings.append(Finding(manifest_name, line or 0, ERROR, "schema", message))
    ctx = PackageContext(files, manifest_name, tree, report.format)
    checks = cmi5_checks.CHECKS if report.format == "cmi5" else scorm_checks.CHECKS
    for code, check in checks.items():
        for line, severity, message in check(ctx):
            report.findings.append(Finding(manifest_name if line else name, line or 0,
                                           severity, code, message))
    report.findings.sort(key=lambda f: (f.file, f.line, f.code))
    return report


def detect_format(tree):
    root = tree.getroot()
    namespace = etree.QName(root).namespace
    if namespace == CP12:
        return "scorm12"
    if namespace == CMI5:
        return "cmi5"
    if namespace == CP2004:
        version = root.findtext(f"{{{CP2004}}}metadata/{{{CP2004}}}schemaversion") or ""
        return "scorm2004-4th" if "4th" in version else "scorm2004-3rd"
    return None
