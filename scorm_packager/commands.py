"""What the CLI commands do, kept apart from argument parsing so tests can call them too."""

from pathlib import Path

from .build import build
from .errors import PackagerError, SourceError
from .i18n import _


def build_one(source, fmt, lang, catalogue_dir, module_id, path_id, output):
    from . import catalogue as cat
    if source is not None and catalogue_dir is None:
        catalogue_dir, module_id = _catalogue_of(Path(source)), str(Path(source))
    if catalogue_dir is None:
        raise PackagerError(_("give a module file, or --catalogue DIR with --module or --path"))
    catalogue = cat.open_catalogue(catalogue_dir)
    if path_id:
        try:
            path = catalogue.path(path_id)
        except KeyError:
            raise SourceError(_("no learning path {path!r} in the catalogue").format(
                path=path_id)) from None
        return build(cat.path_course(catalogue, path, lang), fmt, output, block=True)
    if not (module_id or source):
        raise PackagerError(_("name a module (--module) or a path (--path)"))
    module = cat.find_module(catalogue, module_id or str(source))
    return build(cat.module_course(module, lang), fmt, output)


def _catalogue_of(source):
    """The catalogue directory holding a module YAML file: the nearest ancestor that loads."""
    from leadership_domain.catalogue import catalogue_files
    if not source.is_file():
        raise SourceError(_("no such module file"), file=str(source))
    resolved = source.resolve()
    for directory in list(resolved.parents)[:4]:
        try:
            if resolved in {f.resolve() for f in catalogue_files(directory)}:
                return directory
        except OSError:
            continue
    return resolved.parent


def build_catalogue(catalogue_dir, formats, lang, output, progress):
    """Every module in every format: OUTPUT/<format>/<module>.zip."""
    from . import catalogue as cat
    catalogue = cat.open_catalogue(catalogue_dir)
    jobs = [(module, fmt) for module in catalogue.modules.values() for fmt in formats]
    written = []
    with progress(jobs, _("Building packages")) as bar:
        for module, fmt in bar:
            course = cat.module_course(module, lang)
            written.append(build(course, fmt, Path(output) / fmt / f"{course.id}.zip"))
    return written


def build_olx(course_path, fmt, lang, output, report_path):
    from .olx import convert_olx, write_conversion_report
    course, skipped = convert_olx(course_path, lang)
    package = build(course, fmt, output)
    report_path = Path(report_path or Path(output).with_suffix(".report.txt"))
    write_conversion_report(report_path, course_path, skipped)
    return package, report_path, skipped
