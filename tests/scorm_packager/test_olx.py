"""`scorm-package from-olx`: an Open edX course export (written here from the OLX docs) becomes a
valid package in every format; what cannot be converted is listed in the report."""

import io
import subprocess
import sys
import tarfile

import pytest

from scorm_packager.build import build
from scorm_packager.errors import SourceError, UnsafeArchiveError
from scorm_packager.olx import convert_olx
from scorm_packager.validate.package import validate_package

from .conftest import FIXTURES, FORMATS

COURSE = FIXTURES / "olx" / "course"


def export(tmp_path, extra=None, name="course.tar.gz"):
    path = tmp_path / name
    with tarfile.open(path, "w:gz") as archive:
        archive.add(COURSE, arcname="course")
        for member, data in (extra or {}).items():
            info = tarfile.TarInfo(member)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    return convert_olx(export(tmp_path_factory.mktemp("olx")))


def test_chapters_become_units_with_pages_quiz_and_media(converted):
    course, _ = converted
    feedback, reflection = course.units
    assert feedback.title == "Feedback basics" and course.title == "Leading teams: an introduction"
    assert [q.multiple for q in feedback.quiz.questions] == [False, True]
    assert feedback.quiz.pass_mark == 0.6                       # from the grading policy
    assert feedback.quiz.questions[0].choices[1].feedback == "Too late to change much."
    page = feedback.pages[0].html
    assert 'src="static/loop.png"' in page and "trackEverything" not in page
    assert '<video controls src="static/demo.mp4">' in page     # embedded file, shipped
    assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in page   # remote: a link
    assert {a.path for a in feedback.assets} == {"static/loop.png", "static/demo.mp4"}
    assert "How often do you do the following?" in reflection.pages[0].html


def test_unconvertible_parts_are_listed_with_file_and_line(converted):
    _, skipped = converted
    listed = {(item.kind, item.where) for item in skipped}
    assert ("discussion", "vertical/v-intro.xml:5") in listed
    assert ("problem", "problem/p-numeric.xml:1") in listed
    assert any(kind == "learning_path" for kind, _ in listed)
    assert any(kind == "leadership_assessment" for kind, _ in listed)


@pytest.mark.parametrize("fmt", FORMATS)
def test_converted_course_is_valid_in_every_format(converted, tmp_path, fmt):
    course, _ = converted
    assert validate_package(build(course, fmt, tmp_path / "olx.zip")).findings == []


def test_cli_writes_package_and_report(tmp_path):
    out = tmp_path / "lead101.zip"
    result = subprocess.run([sys.executable, "-m", "scorm_packager.cli", "from-olx",
                             str(export(tmp_path)), "--format", "scorm2004-4", "-o", str(out)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "4 parts could not be converted" in result.stdout
    report = (tmp_path / "lead101.report.txt").read_text(encoding="utf-8")
    assert "discussions need a live forum" in report
    assert validate_package(out).findings == []


def test_traversal_in_the_export_is_refused(tmp_path):
    with pytest.raises(UnsafeArchiveError, match="unsafe path"):
        convert_olx(export(tmp_path, {"../../etc/cron.d/x": b"boom"}))


def test_entities_in_olx_are_refused_with_file_and_line(tmp_path):
    bomb = (b'<?xml version="1.0"?>\n<!DOCTYPE p [<!ENTITY a "aaaaaaaa">]>\n'
            b"<problem>&a;</problem>\n")
    path = export(tmp_path, {"course/problem/p-timing.xml": bomb}, name="bomb.tar.gz")
    with pytest.raises(SourceError) as caught:
        convert_olx(path)
    assert caught.value.file.endswith("problem/p-timing.xml") and caught.value.line == 2
