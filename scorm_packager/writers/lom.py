"""Multilingual titles and descriptions in SCORM manifests, as metadata the LMS can read:
IMS MD 1.2.1 (SCORM 1.2) or IEEE LOM (SCORM 2004), one language string per language."""

from lxml import etree

from .xmlutil import sub

IMSMD = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
LOM = "http://ltsc.ieee.org/xsd/LOM"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def imsmd(parent, titles, descriptions):
    """<imsmd:lom><imsmd:general><imsmd:title><imsmd:langstring xml:lang=..>"""
    lom = etree.SubElement(parent, f"{{{IMSMD}}}lom", nsmap={"imsmd": IMSMD})
    general = sub(lom, f"{{{IMSMD}}}general")
    for tag, texts in (("title", titles), ("description", descriptions)):
        if texts:
            holder = sub(general, f"{{{IMSMD}}}{tag}")
            for lang, text in texts.items():
                sub(holder, f"{{{IMSMD}}}langstring", text).set(XML_LANG, lang)
    return lom


def lom(parent, titles, descriptions):
    """<lom xmlns="http://ltsc.ieee.org/xsd/LOM"><general><title><string language=..>"""
    root = etree.SubElement(parent, f"{{{LOM}}}lom", nsmap={None: LOM})
    general = sub(root, f"{{{LOM}}}general")
    for tag, texts in (("title", titles), ("description", descriptions)):
        if texts:
            holder = sub(general, f"{{{LOM}}}{tag}")
            for lang, text in texts.items():
                sub(holder, f"{{{LOM}}}string", text, language=lang)
    return root
