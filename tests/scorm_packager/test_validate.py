"""`validate` on packages from anyone: schema errors and broken references found with file and
line, unsafe archives and unsafe XML refused, exit codes a script can rely on."""

import stat
import subprocess
import sys
import zipfile

import pytest

from scorm_packager.archive import Limits, read_tar, read_zip
from scorm_packager.build import package_files
from scorm_packager.catalogue import module_course
from scorm_packager.errors import UnsafeArchiveError
from scorm_packager.validate.package import validate_files


@pytest.fixture
def files(module):
    return package_files(module_course(module), "scorm2004-4")


def write(path, files, *, symlink=None):
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, "/etc/passwd")
    return path


def edit(files, old, new, name="imsmanifest.xml"):
    text = files[name].decode()
    assert old in text
    return {**files, name: text.replace(old, new, 1).encode()}


def line_of(files, needle, name="imsmanifest.xml"):
    text = files[name].decode()
    return text[:text.index(needle)].count("\n") + 1


def only(report, code):
    found = [f for f in report.findings if f.code == code]
    assert found, [str(f) for f in report.findings]
    return found


def test_reference_to_a_missing_resource_is_reported_with_its_line(files):
    broken = edit(files, 'identifierref="R01_giving-feedback"', 'identifierref="R99_nothing"')
    finding = only(validate_files(broken), "references")[0]
    assert finding.file == "imsmanifest.xml"
    assert finding.line == line_of(broken, 'identifierref="R99_nothing"')
    assert "R99_nothing" in finding.message


def test_missing_launch_file_and_listed_file_are_reported(files):
    broken = dict(files)
    del broken["units/giving-feedback/index.html"]
    messages = [f.message for f in only(validate_files(broken), "files")]
    assert any("launch file" in m for m in messages)
    assert any("listed but not in the package" in m for m in messages)


def test_default_organization_naming_nothing_is_an_error(files):
    broken = edit(files, 'organizations default="O00_giving-feedback"',
                  'organizations default="O99_other"')
    assert "names no organization" in only(validate_files(broken), "references")[0].message


def test_duplicate_identifiers_and_identifiers_alike_in_15_characters(files):
    broken = edit(files, 'identifier="I01_giving-feedback"', 'identifier="R01_giving-feedback"')
    report = validate_files(broken)
    assert any("used twice" in f.message for f in only(report, "identifiers"))
    assert not report.is_valid()


def test_schema_violation_names_file_and_line(files):
    broken = edit(files, "<title>Giving feedback that helps</title>",
                  "<title>Giving feedback that helps</title><bogus/>")
    finding = only(validate_files(broken), "schema")[0]
    assert finding.line == line_of(broken, "<bogus/>")
    assert "bogus" in finding.message


def test_wrong_schemaversion_and_missing_schema_file(files):
    broken = edit(files, "2004 4th Edition", "2004 2nd Edition")
    del broken["imsss_v1p0.xsd"]
    report = validate_files(broken)
    assert only(report, "schemas-present")
    assert not report.is_valid()


def test_manifest_in_a_top_level_folder_is_refused(files):
    nested = {f"course/{name}": data for name, data in files.items()}
    finding = only(validate_files(nested), "manifest")[0]
    assert "inside a folder" in finding.message


def test_byte_order_mark_is_an_error(files):
    broken = {**files, "imsmanifest.xml": b"\xef\xbb\xbf" + files["imsmanifest.xml"]}
    assert only(validate_files(broken), "encoding")


def test_entity_declarations_are_refused_not_expanded(files):
    text = files["imsmanifest.xml"].decode()
    evil = text.replace("?>\n", '?>\n<!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n', 1)
    finding = only(validate_files({**files, "imsmanifest.xml": evil.encode()}), "xml")[0]
    assert finding.line == 2 and "entity" in finding.message


def test_unsafe_file_names_are_warned_about(files):
    report = validate_files({**files, "units/giving-feedback/my notes.html": b"x"})
    assert report.is_valid() and not report.is_valid(strict=True)
    assert only(report, "file-names")


def test_path_traversal_and_links_are_refused(tmp_path, files):
    with pytest.raises(UnsafeArchiveError, match="unsafe path"):
        read_zip(write(tmp_path / "a.zip", {"../evil.txt": b"x", **files}))
    with pytest.raises(UnsafeArchiveError, match="link"):
        read_zip(write(tmp_path / "b.zip", files, symlink="units/link"))


def test_count_and_size_limits(tmp_path, files):
    path = write(tmp_path / "p.zip", files)
    with pytest.raises(UnsafeArchiveError, match="more than 3 entries"):
        read_zip(path, Limits(max_entries=3))
    with pytest.raises(UnsafeArchiveError, match="larger than"):
        read_zip(path, Limits(max_entry_bytes=100))
    with pytest.raises(UnsafeArchiveError, match="expands to more than"):
        read_zip(path, Limits(max_total_bytes=1000))


def test_tar_links_are_refused(tmp_path):
    import tarfile
    path = tmp_path / "course.tar.gz"
    with tarfile.open(path, "w:gz") as archive:
        info = tarfile.TarInfo("course/link")
        info.type, info.linkname = tarfile.SYMTYPE, "/etc/passwd"
        archive.addfile(info)
    with pytest.raises(UnsafeArchiveError, match="link"):
        read_tar(path)


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "scorm_packager.cli", *map(str, args)],
                          capture_output=True, text=True, timeout=60)


def test_cli_exit_codes_valid_invalid_unreadable(tmp_path, files, packages):
    ok = run_cli("validate", packages["scorm12"], packages["cmi5"])
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "valid" in ok.stdout
    broken = edit(files, 'identifierref="R01_giving-feedback"', 'identifierref="R99_nothing"')
    bad = run_cli("validate", write(tmp_path / "bad.zip", broken))
    assert bad.returncode == 1
    assert f"imsmanifest.xml:{line_of(broken, 'R99_nothing')}: error [references]" in bad.stdout
    (tmp_path / "junk.zip").write_bytes(b"not a zip")
    junk = run_cli("validate", tmp_path / "junk.zip")
    assert junk.returncode == 2
    assert junk.stderr.count("\n") == 1 and "not a readable zip" in junk.stderr
