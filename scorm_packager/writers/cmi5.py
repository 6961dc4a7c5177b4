"""cmi5.xml (course structure) for one AU per unit, or a block of AUs for a learning path."""

from lxml import etree

from ..model import pick
from .xmlutil import serialise, sub

NS = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"


def _t(tag):
    return f"{{{NS}}}{tag}"


def _text(parent, tag, texts, fallback):
    element = sub(parent, _t(tag))
    for lang, text in (texts or {"en": fallback}).items():
        sub(element, _t("langstring"), text or fallback, lang=lang)
    return element


def write(course, layouts, fmt, *, block=False):
    root = etree.Element(_t("courseStructure"), nsmap={None: NS})
    course_el = sub(root, _t("course"), id=course.iri)
    _text(course_el, "title", course.titles, course.title)
    _text(course_el, "description", course.descriptions or course.titles, course.title)
    parent = root
    if block:
        parent = sub(root, _t("block"), id=course.iri + "/block")
        _text(parent, "title", course.titles, course.title)
        _text(parent, "description", course.descriptions or course.titles, course.title)
    for layout in layouts:
        unit = layout.unit
        move_on = unit.move_on if unit.mastery_score is not None else "Completed"
        au = sub(parent, _t("au"), id=unit.iri, moveOn=move_on, launchMethod=unit.launch_method)
        if unit.mastery_score is not None:
            au.set("masteryScore", f"{unit.mastery_score:g}")
        _text(au, "title", unit.titles, unit.title)
        _text(au, "description", unit.descriptions or unit.titles,
              pick(unit.descriptions, unit.language) or unit.title)
        sub(au, _t("url"), layout.launch)
    return serialise(root)
