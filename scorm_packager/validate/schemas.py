"""XSD validation against the official schemas shipped in scorm_packager/schemas, never the copies
inside the package being checked, and never over the network.

libxml2 quirks handled here (see schemas/NOTICE.md): one wrapper schema imports every namespace so
that `##other strict` extension elements are declared; SCORM 1.2's ims_xml.xsd and the 4th
Edition's remote xml.xsd are resolved to the local W3C xml.xsd; imsmd's `##any` is patched to
`##other` at load time so that libxml2's determinism check passes.
"""

from functools import cache
from pathlib import Path

from lxml import etree

SCHEMA_ROOT = Path(__file__).resolve().parent.parent / "schemas"
XML_XSD = SCHEMA_ROOT / "scorm2004-3rd" / "xml.xsd"

SCHEMA_SETS = {
    "scorm12": [
        ("http://www.imsproject.org/xsd/imscp_rootv1p1p2", "scorm12/imscp_rootv1p1p2.xsd"),
        ("http://www.adlnet.org/xsd/adlcp_rootv1p2", "scorm12/adlcp_rootv1p2.xsd"),
        ("http://www.imsglobal.org/xsd/imsmd_rootv1p2p1", "scorm12/imsmd_rootv1p2p1.xsd"),
    ],
    "scorm2004-3rd": [
        ("http://www.imsglobal.org/xsd/imscp_v1p1", "scorm2004-3rd/imscp_v1p1.xsd"),
        ("http://www.adlnet.org/xsd/adlcp_v1p3", "scorm2004-3rd/adlcp_v1p3.xsd"),
        ("http://www.adlnet.org/xsd/adlseq_v1p3", "scorm2004-3rd/adlseq_v1p3.xsd"),
        ("http://www.adlnet.org/xsd/adlnav_v1p3", "scorm2004-3rd/adlnav_v1p3.xsd"),
        ("http://www.imsglobal.org/xsd/imsss", "scorm2004-3rd/imsss_v1p0.xsd"),
        ("http://ltsc.ieee.org/xsd/LOM", "scorm2004-4th/lom.xsd"),   # same IEEE LOM
    ],
    "scorm2004-4th": [
        ("http://www.imsglobal.org/xsd/imscp_v1p1", "scorm2004-4th/imscp_v1p1.xsd"),
        ("http://www.adlnet.org/xsd/adlcp_v1p3", "scorm2004-4th/adlcp_v1p3.xsd"),
        ("http://www.adlnet.org/xsd/adlseq_v1p3", "scorm2004-4th/adlseq_v1p3.xsd"),
        ("http://www.adlnet.org/xsd/adlnav_v1p3", "scorm2004-4th/adlnav_v1p3.xsd"),
        ("http://www.imsglobal.org/xsd/imsss", "scorm2004-4th/imsss_v1p0.xsd"),
        ("http://ltsc.ieee.org/xsd/LOM", "scorm2004-4th/lom.xsd"),
    ],
    "cmi5": [
        ("https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd", "cmi5/CourseStructure.xsd"),
    ],
}


class _LocalResolver(etree.Resolver):
    """Maps every schema reference to a local file; anything else resolves to nothing."""

    def resolve(self, url, public_id, context):
        name = (url or "").rsplit("/", 1)[-1]
        if name in ("xml.xsd", "ims_xml.xsd"):
            return self.resolve_filename(str(XML_XSD), context)
        if name == "imsmd_rootv1p2p1.xsd":
            text = (SCHEMA_ROOT / "scorm12" / name).read_bytes()
            return self.resolve_string(text.replace(b'namespace="##any"', b'namespace="##other"'),
                                       context, base_url=url)
        if url and url.startswith(("http:", "https:", "ftp:")):
            return self.resolve_string(b"", context)
        return None


def _parser():
    parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
    parser.resolvers.add(_LocalResolver())
    return parser


@cache
def schema_for(schema_set):
    """The compiled wrapper schema for one of SCHEMA_SETS."""
    imports = "".join(
        f'<xs:import namespace="{ns}" schemaLocation="{(SCHEMA_ROOT / path).as_uri()}"/>'
        for ns, path in SCHEMA_SETS[schema_set])
    wrapper = ('<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" '
               f'targetNamespace="urn:scorm-packager:wrapper">{imports}</xs:schema>')
    document = etree.fromstring(wrapper.encode(), _parser(),
                                base_url=(SCHEMA_ROOT / "wrapper.xsd").as_uri())
    return etree.XMLSchema(document)


def schema_errors(tree, schema_set):
    """(line, message) for each schema violation."""
    schema = schema_for(schema_set)
    if schema.validate(tree):
        return []
    return [(error.line, error.message) for error in schema.error_log]
