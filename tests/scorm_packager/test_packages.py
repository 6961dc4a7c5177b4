"""Every format, built from the catalogue, passes the official schemas and the semantic rules, and
carries what LMSs read: mastery, completion threshold, moveOn, titles in every language."""

import zipfile

import pytest
from lxml import etree

from scorm_packager.build import build, package_files
from scorm_packager.catalogue import module_course, path_course
from scorm_packager.model import Course
from scorm_packager.validate.package import validate_files, validate_package

from .conftest import FORMATS

CP12 = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"
CP = "{http://www.imsglobal.org/xsd/imscp_v1p1}"
ADLCP = "{http://www.adlnet.org/xsd/adlcp_v1p3}"
SS = "{http://www.imsglobal.org/xsd/imsss}"
CMI5 = "{https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd}"


def manifest(package):
    with zipfile.ZipFile(package) as archive:
        name = "cmi5.xml" if "cmi5.xml" in archive.namelist() else "imsmanifest.xml"
        return archive.read(name)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_is_valid_with_no_finding_at_all(packages, fmt):
    report = validate_package(packages[fmt])
    assert report.format == {"scorm2004-3": "scorm2004-3rd",
                             "scorm2004-4": "scorm2004-4th"}.get(fmt, fmt)
    assert report.findings == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_zip_layout_is_what_lmss_expect(packages, fmt):
    with zipfile.ZipFile(packages[fmt]) as archive:
        names = archive.namelist()
        infos = archive.infolist()
    assert names[0] in ("imsmanifest.xml", "cmi5.xml")          # manifest first, at the root
    assert not any(info.flag_bits & 0x08 for info in infos)      # no data descriptors: seekable
    assert all(not name.startswith("/") and ".." not in name for name in names)
    data = manifest(packages[fmt])
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")   # UTF-8, no BOM
    if fmt != "cmi5":
        xsds = {"scorm12": "imscp_rootv1p1p2.xsd"}.get(fmt, "imscp_v1p1.xsd")
        assert xsds in names and "adlcp_rootv1p2.xsd" in names or fmt != "scorm12"


def test_scorm12_mastery_score_is_the_pass_mark_in_percent(packages):
    root = etree.fromstring(manifest(packages["scorm12"]))
    item = root.find(f".//{CP12}item")
    assert item.find("{http://www.adlnet.org/xsd/adlcp_rootv1p2}masteryscore").text == "50"
    assert root.nsmap[None] == CP12.strip("{}") and root.nsmap["adlcp"].endswith("adlcp_rootv1p2")


@pytest.mark.parametrize("fmt", ["scorm2004-3", "scorm2004-4"])
def test_scorm2004_mastery_is_the_primary_objective_measure(packages, fmt):
    root = etree.fromstring(manifest(packages[fmt]))
    item = root.find(f".//{CP}item")
    primary = item.find(f"{SS}sequencing/{SS}objectives/{SS}primaryObjective")
    assert primary.get("satisfiedByMeasure") == "true"
    assert primary.find(f"{SS}minNormalizedMeasure").text == "0.5"
    threshold = item.find(f"{ADLCP}completionThreshold")
    if fmt == "scorm2004-4":
        assert threshold.get("completedByMeasure") == "true"
        assert threshold.get("minProgressMeasure") == "1"
    else:
        assert threshold.text == "1"
    assert {"adlcp", "adlseq", "adlnav", "imsss"} <= set(root.nsmap)


def test_cmi5_structure_has_move_on_mastery_launch_method_and_every_language(packages):
    root = etree.fromstring(manifest(packages["cmi5"]))
    au = root.find(f"{CMI5}au")
    assert (au.get("moveOn"), au.get("masteryScore"), au.get("launchMethod")) == (
        "CompletedAndPassed", "0.5", "AnyWindow")
    titles = {ls.get("lang"): ls.text for ls in au.find(f"{CMI5}title")}
    assert titles["ar"] == "تقديم ملاحظات مفيدة" and titles["fr"] == "Donner un feedback utile"
    assert root.find(f"{CMI5}course").get("id") != au.get("id")
    assert au.find(f"{CMI5}url").text == "units/giving-feedback/index.html"


def test_a_path_becomes_one_multi_sco_package_with_short_unique_identifiers(module, tmp_path):
    unit_a = module_course(module).units[0]
    unit_b = module_course(module, "ar").units[0]
    unit_b.id, unit_b.iri = unit_a.id + "-arabic", unit_a.iri + "-arabic"
    course = Course("feedback-path", "https://learning.example.org/paths/feedback",
                    {"en": "Feedback path"}, "en", [unit_a, unit_b])
    for fmt in FORMATS:
        report = validate_package(build(course, fmt, tmp_path / f"{fmt}.zip", block=True))
        assert report.findings == [], fmt
    root = etree.fromstring(manifest(tmp_path / "scorm2004-4.zip"))
    ids = [el.get("identifier") for el in root.iter() if el.get("identifier")]
    assert len({i[:15] for i in ids}) == len(ids)
    cmi5 = etree.fromstring(manifest(tmp_path / "cmi5.zip"))
    assert len(cmi5.findall(f"{CMI5}block/{CMI5}au")) == 2


def test_catalogue_learning_path_builds_when_the_catalogue_has_paths(catalogue, tmp_path):
    if not catalogue.paths:
        pytest.skip("the fixture catalogue has no path")
    path = next(iter(catalogue.paths.values()))
    course = path_course(catalogue, path)
    assert validate_files(package_files(course, "cmi5", block=True)).findings == []


@pytest.mark.parametrize("fmt,tag", [("scorm12", "{http://www.imsglobal.org/xsd/imsmd_rootv1p2p1}"
                                                  "langstring"),
                                     ("scorm2004-3", "{http://ltsc.ieee.org/xsd/LOM}string"),
                                     ("scorm2004-4", "{http://ltsc.ieee.org/xsd/LOM}string")])
def test_scorm_manifests_carry_titles_in_every_language_as_checked_metadata(module, fmt, tag):
    files = package_files(module_course(module), fmt)
    root = etree.fromstring(files["imsmanifest.xml"])
    strings = {el.text for el in root.iter(tag)}
    assert {"Giving feedback that helps", "تقديم ملاحظات مفيدة",
            "Donner un feedback utile"} <= strings
    # The metadata is schema-checked, not skipped: a stray element in it is an error.
    general = next(root.iter(tag.replace("langstring", "general").replace("string", "general")))
    etree.SubElement(general, tag.replace("langstring", "bogus").replace("}string", "}bogus"))
    broken = {**files, "imsmanifest.xml": etree.tostring(root)}
    assert "schema" in validate_files(broken).codes()
