"""Catalogue modules and learning paths (leadership_domain) turned into the package model."""

import re
from html import escape
from pathlib import Path, PurePosixPath

import markdown

from leadership_domain.catalogue import MULTIPLE_CHOICE, CatalogueError, load_catalogue
from leadership_domain.language_maps import best_language, best_text

from .errors import SourceError
from .i18n import _
from .model import Asset, Choice, Course, Page, Question, Quiz, Unit
from .naming import is_safe_path
from .sanitise import clean_html


def open_catalogue(directory):
    """The loaded catalogue; a SourceError naming the first problem's file and line otherwise."""
    try:
        return load_catalogue(directory)
    except CatalogueError as error:
        first = error.problems[0] if error.problems else None
        more = len(error.problems) - 1
        message = first.message if first else str(error)
        if more > 0:
            message += " " + _("(and {count} more problems)").format(count=more)
        raise SourceError(message, file=str(first.file) if first else str(directory),
                          line=first.line if first else None) from None
    except (OSError, ValueError) as error:
        raise SourceError(str(error), file=str(directory)) from None


def find_module(catalogue, wanted):
    """A module by IRI, by the last segment of its IRI, or by its YAML file."""
    for module in catalogue.modules.values():
        if wanted in (module.id, module.id.rstrip("/").rsplit("/", 1)[-1]) or (
                Path(wanted).resolve() == Path(module.source).resolve()):
            return module
    raise SourceError(_("no module {wanted!r} in the catalogue").format(wanted=wanted))


def slug(iri):
    return iri.rstrip("/").rsplit("/", 1)[-1]


def module_unit(module, language=None):
    language = language or module.default_language
    lang = best_language(module.title, language) or module.default_language
    pages, assets = [], {}
    for page in module.content.pages:
        body = page.body(language)
        source = Path(page.sources[best_language(page.sources, language)])
        html = (markdown.markdown(body, extensions=["extra", "sane_lists"])
                if page.format == "markdown" else body)
        html = _ship_local_files(module, source, body, clean_html(html, language), assets)
        html += _video_links(page, language)
        pages.append(Page(page.id, best_text(page.title, language), html))
        for image in page.images:       # declared images ship even if no page shows them yet
            href = PurePosixPath(image.href).as_posix()
            if href not in assets:
                assets[href] = _asset(module, Path(image.path), href)
    return Unit(id=slug(module.id), iri=module.id, titles=dict(module.title), language=lang,
                pages=pages, quiz=_quiz(module.content.quiz, language),
                descriptions=dict(module.summary), assets=list(assets.values()))


_LOCAL_REF = re.compile(r'((?:src|href)=")(?![a-z][a-z0-9+.-]*:|//|#)([^"]+)(")', re.IGNORECASE)


def _ship_local_files(module, source, body, html, assets):
    """Each local file a page points at (relative to the page file, or to the module YAML as the
    catalogue README allows) is shipped at its module-relative path and the reference rewritten
    to it, so it resolves from the unit's index.html. A missing file names page file and line."""
    root = Path(module.directory).resolve()

    def ship(match):
        target = match.group(2).split("#", 1)[0].split("?", 1)[0]
        for candidate in (source.parent / target, root / target):
            path = candidate.resolve()
            if path.is_file() and path.is_relative_to(root):
                href = path.relative_to(root).as_posix()
                if href not in assets:
                    assets[href] = _asset(module, path, href)
                return match.group(1) + href + match.group(3)
        index = body.find(target)
        raise SourceError(_("{target!r} is not a file of this module").format(target=target),
                          file=str(source), line=body.count("\n", 0, index) + 1 if index >= 0
                          else None)
    return _LOCAL_REF.sub(ship, html)


def _asset(module, path, href):
    if not is_safe_path(href):
        raise SourceError(_("file name {href!r} is not a safe relative path").format(href=href),
                          file=str(module.source))
    try:
        return Asset(href, Path(path).read_bytes())
    except OSError as error:
        raise SourceError(_("{href!r} cannot be read: {error}").format(
            href=href, error=error.strerror), file=str(module.source)) from None


def _video_links(page, language):
    links = "".join(
        f'<li><a href="{escape(video.url)}" target="_blank" rel="noopener">'
        f"{escape(best_text(video.title, language))}</a></li>" for video in page.videos)
    return f'<ul class="videos">{links}</ul>' if links else ""


def _quiz(quiz, language):
    if quiz is None or not quiz.items:
        return None
    questions = []
    for item in quiz.items:
        choices = [Choice(choice.id, escape(best_text(choice.text, language)),
                          choice.id in item.correct, best_text(choice.feedback, language))
                   for choice in item.choices]
        questions.append(Question(item.id, escape(best_text(item.prompt, language)),
                                  item.kind == MULTIPLE_CHOICE, choices,
                                  best_text(item.feedback_correct, language),
                                  best_text(item.feedback_incorrect, language)))
    return Quiz(questions, float(quiz.pass_mark))


def module_course(module, language=None):
    """One module as a one-unit course (one SCO / AU)."""
    unit = module_unit(module, language)
    return Course(id=unit.id, iri=module.id + "/package", titles=unit.titles,
                  language=unit.language, units=[unit], descriptions=unit.descriptions)


def path_course(catalogue, path, language=None):
    """A learning path as one course of several units (multi-SCO / multi-AU block)."""
    units = [module_unit(module, language) for module in catalogue.path_modules(path.id)]
    language = language or path.default_language
    return Course(id=slug(path.id), iri=path.id, titles=dict(path.title),
                  language=best_language(path.title, language) or language, units=units,
                  descriptions=dict(path.summary))
