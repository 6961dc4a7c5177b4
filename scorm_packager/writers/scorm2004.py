"""imsmanifest.xml for SCORM 2004 3rd and 4th Edition (IMS CP 1.1.4, ADL CP/SEQ/NAV 1.3, IMS SS).

Mastery is expressed the 2004 way: the primary objective is satisfied by measure with
minNormalizedMeasure = pass mark, which the LMS hands the SCO as cmi.scaled_passing_score.
"""

from lxml import etree

from ..naming import identifier
from . import lom
from .layout import PLAYER_FILES
from .xmlutil import serialise, sub

CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
ADLCP = "http://www.adlnet.org/xsd/adlcp_v1p3"
ADLSEQ = "http://www.adlnet.org/xsd/adlseq_v1p3"
ADLNAV = "http://www.adlnet.org/xsd/adlnav_v1p3"
IMSSS = "http://www.imsglobal.org/xsd/imsss"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = (f"{CP} imscp_v1p1.xsd {ADLCP} adlcp_v1p3.xsd {ADLSEQ} adlseq_v1p3.xsd "
                   f"{ADLNAV} adlnav_v1p3.xsd {IMSSS} imsss_v1p0.xsd {lom.LOM} lom.xsd")
PLAYER_RESOURCE = "RPLAYER"


def _cp(tag):
    return f"{{{CP}}}{tag}"


def _ss(tag):
    return f"{{{IMSSS}}}{tag}"


def write(course, layouts, fmt):
    fourth = fmt.name == "scorm2004-4"
    root = etree.Element(_cp("manifest"), nsmap={
        None: CP, "adlcp": ADLCP, "adlseq": ADLSEQ, "adlnav": ADLNAV, "imsss": IMSSS, "xsi": XSI})
    root.set("identifier", identifier("M", 0, course.id))
    root.set("version", "1")
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    metadata = sub(root, _cp("metadata"))
    sub(metadata, _cp("schema"), "ADL SCORM")
    sub(metadata, _cp("schemaversion"), fmt.schemaversion)
    lom.lom(metadata, course.titles, course.descriptions)

    org_id = identifier("O", 0, course.id)
    organization = sub(sub(root, _cp("organizations"), default=org_id), _cp("organization"),
                       identifier=org_id)
    sub(organization, _cp("title"), course.title)
    for layout in layouts:
        _item(organization, layout, fourth)
    sequencing = sub(organization, _ss("sequencing"))
    sub(sequencing, _ss("controlMode"), choice="true", flow="true")

    resources = sub(root, _cp("resources"))
    for layout in layouts:
        resource = sub(resources, _cp("resource"), identifier=layout.resource_id,
                       type="webcontent", href=layout.launch)
        resource.set(f"{{{ADLCP}}}scormType", "sco")
        for path in layout.files:
            sub(resource, _cp("file"), href=path)
        sub(resource, _cp("dependency"), identifierref=PLAYER_RESOURCE)
    player = sub(resources, _cp("resource"), identifier=PLAYER_RESOURCE, type="webcontent")
    player.set(f"{{{ADLCP}}}scormType", "asset")
    for path in PLAYER_FILES:
        sub(player, _cp("file"), href=path)
    return serialise(root)


def _item(organization, layout, fourth):
    unit = layout.unit
    item = sub(organization, _cp("item"), identifier=layout.item_id,
               identifierref=layout.resource_id)
    sub(item, _cp("title"), unit.title)
    lom.lom(sub(item, _cp("metadata")), unit.titles, unit.descriptions)
    threshold = f"{unit.completion_threshold:g}"
    if fourth:
        sub(item, f"{{{ADLCP}}}completionThreshold", completedByMeasure="true",
            minProgressMeasure=threshold)
    else:
        sub(item, f"{{{ADLCP}}}completionThreshold", threshold)
    sequencing = sub(item, _ss("sequencing"))
    if unit.mastery_score is not None:
        objectives = sub(sequencing, _ss("objectives"))
        primary = sub(objectives, _ss("primaryObjective"), objectiveID="PRIMARYOBJ",
                      satisfiedByMeasure="true")
        sub(primary, _ss("minNormalizedMeasure"), f"{unit.mastery_score:g}")
    else:
        # Nothing to pass: the SCO never reports success, so its objective stays unknown, and
        # by the default rollup (SN RB.1.2) an unknown child keeps its parent unknown: a path
        # could never be satisfied. It counts for completion only.
        sub(sequencing, _ss("rollupRules"), rollupObjectiveSatisfied="false")
    sub(sequencing, _ss("deliveryControls"), completionSetByContent="true",
        objectiveSetByContent="true")
    return item
