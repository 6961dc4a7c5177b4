"""`scorm-package`: build packages from the catalogue or an OLX export, and validate any package.

Bad input gives one line on stderr and exit code 2; `validate` exits 1 when a package is invalid.
"""

import sys
from pathlib import Path

import click

from .errors import PackagerError
from .formats import FORMATS
from .i18n import _, ngettext

FORMAT_CHOICE = click.Choice(list(FORMATS))


class _Command(click.Group):
    """Turns PackagerError (and the domain's errors) into one line on stderr, exit code 2."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except PackagerError as error:
            click.echo(_("error: {message}").format(message=error), err=True)
            sys.exit(2)
        except Exception as error:  # the domain's errors: same one-line treatment
            from leadership_domain.errors import LeadershipDomainError
            if isinstance(error, LeadershipDomainError):
                click.echo(_("error: {message}").format(message=error), err=True)
                sys.exit(2)
            raise


@click.group(cls=_Command, help=_("SCORM 1.2, SCORM 2004 and cmi5 packages."))
def main():
    pass


@main.command(help=_("Build packages from a catalogue module, a learning path or every module."))
@click.argument("source", required=False, type=click.Path(path_type=Path))
@click.option("--format", "formats", multiple=True, type=FORMAT_CHOICE,
              help=_("Package format (repeat for several; default: all four with --all)."))
@click.option("--lang", default=None, help=_("Language of the package (default: the module's)."))
@click.option("--catalogue", "catalogue_dir", type=click.Path(path_type=Path, file_okay=False),
              help=_("Catalogue directory."))
@click.option("--module", "module_id", help=_("Module IRI or short id in the catalogue."))
@click.option("--path", "path_id", help=_("Learning path IRI: one multi-SCO / multi-AU package."))
@click.option("--all", "build_all", is_flag=True, help=_("Every module of the catalogue."))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help=_("Output zip (or directory with --all)."))
def build(source, formats, lang, catalogue_dir, module_id, path_id, build_all, output):
    from . import commands
    if build_all:
        if not catalogue_dir:
            raise PackagerError(_("--all needs --catalogue DIR"))
        formats = formats or tuple(FORMATS)
        built = commands.build_catalogue(catalogue_dir, formats, lang, output, progress=_bar)
        click.echo(ngettext("{count} package written to {dir}", "{count} packages written to {dir}",
                            len(built)).format(count=len(built), dir=output))
        return
    if len(formats) != 1:
        raise PackagerError(_("give exactly one --format for a single package"))
    path = commands.build_one(source, formats[0], lang, catalogue_dir, module_id, path_id, output)
    click.echo(_("written {path}").format(path=path))


def _bar(items, label):
    return click.progressbar(items, label=label, file=sys.stderr, show_pos=True)


@main.command(help=_("Check packages against the official schemas and the semantic rules."))
@click.argument("packages", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help=_("Warnings make a package invalid too."))
def validate(packages, strict):
    from .validate.package import validate_package
    invalid = 0
    for package in packages:
        if not package.is_file():
            raise PackagerError(_("no such file"), file=str(package))
        report = validate_package(package)
        for finding in report.findings:
            click.echo(str(finding))
        ok = report.is_valid(strict)
        invalid += not ok
        summary = _("{package}: {format}, {errors} errors, {warnings} warnings: {verdict}")
        click.echo(summary.format(package=package, format=report.format or "?",
                                  errors=len(report.errors), warnings=len(report.warnings),
                                  verdict=_("valid") if ok else _("INVALID")))
    sys.exit(1 if invalid else 0)


@main.command("from-olx", help=_("Convert an Open edX OLX course export (.tar.gz) to a package."))
@click.argument("course", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--format", "fmt", type=FORMAT_CHOICE, required=True)
@click.option("--lang", default=None, help=_("Course language (default: the course's)."))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True)
@click.option("--report", "report_path", type=click.Path(path_type=Path),
              help=_("Write the conversion report here (default: OUTPUT with .report.txt)."))
def from_olx(course, fmt, lang, output, report_path):
    from . import commands
    package, report_path, skipped = commands.build_olx(course, fmt, lang, output, report_path)
    click.echo(_("written {path}").format(path=package))
    click.echo(ngettext("{count} part could not be converted: see {report}",
                        "{count} parts could not be converted: see {report}",
                        len(skipped)).format(count=len(skipped), report=report_path))


if __name__ == "__main__":
    main()
