"""The four package formats and what differs between them."""

from dataclasses import dataclass

from .i18n import _


@dataclass(frozen=True)
class Format:
    name: str               # CLI value
    label: str
    runtime: str            # which player adapter talks to the LMS: scorm12, scorm2004, cmi5
    schema_dir: str         # folder under scorm_packager/schemas (also copied to package root)
    schemaversion: str = ""  # SCORM <schemaversion>


FORMATS = {
    "scorm12": Format("scorm12", "SCORM 1.2", "scorm12", "scorm12", "1.2"),
    "scorm2004-3": Format("scorm2004-3", "SCORM 2004 3rd Edition", "scorm2004", "scorm2004-3rd",
                          "2004 3rd Edition"),
    "scorm2004-4": Format("scorm2004-4", "SCORM 2004 4th Edition", "scorm2004", "scorm2004-4th",
                          "2004 4th Edition"),
    "cmi5": Format("cmi5", "cmi5", "cmi5", "cmi5"),
}


def get_format(name):
    from .errors import PackagerError
    try:
        return FORMATS[name]
    except KeyError:
        raise PackagerError(_("unknown format {name!r}; choose one of: {names}").format(
            name=name, names=", ".join(FORMATS))) from None
