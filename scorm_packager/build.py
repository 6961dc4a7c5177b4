"""Turn a `Course` into the files of a package and write the zip."""

from pathlib import Path

from .archive import write_zip
from .formats import get_format
from .player.render import index_html, unit_data_js
from .writers import cmi5, scorm12, scorm2004
from .writers.layout import PLAYER_FILES, plan

PLAYER_ASSETS = Path(__file__).parent / "player" / "assets"
SCHEMA_ROOT = Path(__file__).parent / "schemas"
MANIFEST_WRITERS = {"scorm12": scorm12.write, "scorm2004-3": scorm2004.write,
                    "scorm2004-4": scorm2004.write}


def package_files(course, format_name, *, block=False):
    """{zip entry name: bytes} for `course` in the named format."""
    fmt = get_format(format_name)
    layouts = plan(course)
    files = {}
    for layout in layouts:
        unit = layout.unit
        files[f"{layout.folder}/index.html"] = index_html(unit, "../../player/")
        files[f"{layout.folder}/unit-data.js"] = unit_data_js(unit, fmt.runtime,
                                                              unit.mastery_score)
        for asset in unit.assets:
            files[f"{layout.folder}/{asset.path}"] = asset.data
    for name in PLAYER_FILES:
        files[name] = (PLAYER_ASSETS / Path(name).name).read_bytes()
    if fmt.runtime == "cmi5":
        files["cmi5.xml"] = cmi5.write(course, layouts, fmt, block=block)
    else:
        files["imsmanifest.xml"] = MANIFEST_WRITERS[fmt.name](course, layouts, fmt)
        files.update(schema_files(fmt.schema_dir))
    return files


def schema_files(schema_dir):
    """The official schema files, at the package root as SCORM expects. The 3rd Edition set has
    no IEEE LOM schema; its manifests' LOM metadata uses the 4th Edition's copy (same standard)."""
    folder = SCHEMA_ROOT / schema_dir
    files = {path.relative_to(folder).as_posix(): path.read_bytes()
             for path in sorted(folder.rglob("*")) if path.is_file()}
    if schema_dir == "scorm2004-3rd":
        lom = SCHEMA_ROOT / "scorm2004-4th"
        for path in sorted(lom.rglob("*.xsd")):
            name = path.relative_to(lom).as_posix()
            if name.startswith(("lom", "common/", "extend/", "unique/", "vocab/")):
                files.setdefault(name, path.read_bytes())
    return files


def build(course, format_name, out, *, block=False):
    return write_zip(out, package_files(course, format_name, block=block))
