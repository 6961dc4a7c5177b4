"""imsmanifest.xml for SCORM 1.2 (IMS CP 1.1.2 + ADL CP 1.2)."""

from lxml import etree

from ..naming import identifier
from . import lom
from .layout import PLAYER_FILES
from .xmlutil import serialise, sub

CP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = (f"{CP} imscp_rootv1p1p2.xsd "
                   "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd "
                   f"{ADLCP} adlcp_rootv1p2.xsd")
PLAYER_RESOURCE = "RPLAYER"


def _cp(tag):
    return f"{{{CP}}}{tag}"


def write(course, layouts, fmt):
    root = etree.Element(_cp("manifest"), nsmap={None: CP, "adlcp": ADLCP, "xsi": XSI})
    root.set("identifier", identifier("M", 0, course.id))
    root.set("version", "1.0")
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    metadata = sub(root, _cp("metadata"))
    sub(metadata, _cp("schema"), "ADL SCORM")
    sub(metadata, _cp("schemaversion"), fmt.schemaversion)
    lom.imsmd(metadata, course.titles, course.descriptions)

    org_id = identifier("O", 0, course.id)
    organization = sub(sub(root, _cp("organizations"), default=org_id), _cp("organization"),
                       identifier=org_id)
    sub(organization, _cp("title"), course.title)
    for layout in layouts:
        item = sub(organization, _cp("item"), identifier=layout.item_id,
                   identifierref=layout.resource_id, isvisible="true")
        sub(item, _cp("title"), layout.unit.title)
        lom.imsmd(sub(item, _cp("metadata")), layout.unit.titles, layout.unit.descriptions)
        if layout.unit.mastery_score is not None:
            sub(item, f"{{{ADLCP}}}masteryscore", _percent(layout.unit.mastery_score))

    resources = sub(root, _cp("resources"))
    for layout in layouts:
        resource = sub(resources, _cp("resource"), identifier=layout.resource_id,
                       type="webcontent", href=layout.launch)
        resource.set(f"{{{ADLCP}}}scormtype", "sco")
        for path in layout.files:
            sub(resource, _cp("file"), href=path)
        sub(resource, _cp("dependency"), identifierref=PLAYER_RESOURCE)
    player = sub(resources, _cp("resource"), identifier=PLAYER_RESOURCE, type="webcontent")
    player.set(f"{{{ADLCP}}}scormtype", "asset")
    for path in PLAYER_FILES:
        sub(player, _cp("file"), href=path)
    return serialise(root)


def _percent(scaled):
    return f"{round(scaled * 100, 2):g}"
