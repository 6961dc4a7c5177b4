"""`scorm-package build`: one module in each format, every module of a catalogue with a progress
bar, a learning path as one package; bad input as one line on stderr with file and line, exit 2."""

import shutil
import subprocess
import sys

from scorm_packager.validate.package import validate_package

from .conftest import CATALOGUE, FORMATS

MODULE_FILE = CATALOGUE / "modules" / "giving-feedback" / "module.yaml"


def cli(*args):
    return subprocess.run([sys.executable, "-m", "scorm_packager.cli", *map(str, args)],
                          capture_output=True, text=True, timeout=120)


def test_build_one_module_file_in_each_format(tmp_path):
    for fmt in FORMATS:
        out = tmp_path / f"{fmt}.zip"
        result = cli("build", MODULE_FILE, "--format", fmt, "--lang", "ar", "-o", out)
        assert result.returncode == 0, result.stderr
        assert validate_package(out).findings == []


def test_build_all_modules_in_all_formats_with_progress(tmp_path):
    result = cli("build", "--catalogue", CATALOGUE, "--all", "-o", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "Building packages" in result.stderr
    built = sorted(p.relative_to(tmp_path / "out").as_posix()
                   for p in (tmp_path / "out").rglob("*.zip"))
    assert built == sorted(f"{fmt}/{name}.zip" for fmt in FORMATS
                           for name in ("giving-feedback", "listening"))
    assert "8 packages written" in result.stdout


def test_build_a_learning_path_as_one_cmi5_course(tmp_path):
    out = tmp_path / "path.zip"
    result = cli("build", "--catalogue", CATALOGUE, "--path",
                 "https://learning.example.org/paths/feedback-basics", "--format", "cmi5",
                 "-o", out)
    assert result.returncode == 0, result.stderr
    assert validate_package(out).findings == []


def test_broken_module_names_file_and_line(tmp_path):
    catalogue = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE, catalogue)
    broken = catalogue / "modules" / "giving-feedback" / "module.yaml"
    text = broken.read_text(encoding="utf-8").replace("pass_mark: 0.5", "pass_mark: lots")
    broken.write_text(text, encoding="utf-8")
    line = text[:text.index("pass_mark: lots")].count("\n") + 1
    result = cli("build", "--catalogue", catalogue, "--all", "-o", tmp_path / "out")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert f"module.yaml:{line}:" in result.stderr


def test_bad_options_are_one_line_errors(tmp_path):
    unknown = cli("build", "--catalogue", CATALOGUE, "--module", "nope", "--format", "cmi5",
                  "-o", tmp_path / "x.zip")
    assert unknown.returncode == 2 and "no module 'nope'" in unknown.stderr
    two = cli("build", MODULE_FILE, "--format", "cmi5", "--format", "scorm12",
              "-o", tmp_path / "x.zip")
    assert two.returncode == 2 and "exactly one --format" in two.stderr


def test_page_pointing_at_an_undeclared_file_names_page_and_line(tmp_path):
    catalogue = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE, catalogue)
    page = catalogue / "modules" / "giving-feedback" / "pages" / "01-why.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n![chart](images/missing.png)\n",
                    encoding="utf-8")
    line = page.read_text(encoding="utf-8").count("\n")
    result = cli("build", catalogue / "modules" / "giving-feedback" / "module.yaml",
                 "--format", "scorm12", "-o", tmp_path / "x.zip")
    assert result.returncode == 2
    assert f"01-why.md:{line}: 'images/missing.png' is not a file of this module" in result.stderr
