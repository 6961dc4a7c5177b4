"""Open edX OLX course exports (.tar.gz) turned into the package model.

Each chapter becomes a unit (one SCO / AU); each vertical becomes a page; html components are
kept (scripts dropped), videos become links or, when the file is in the export, a local <video>;
multiple-choice and checkbox problems become the unit's quiz; our leadership_assessment XBlock
becomes a self-reflection page. Everything else is listed in the conversion report, never dropped
silently. The archive and its XML are read with the safe readers (archive.py, safexml.py).
"""

import json
import posixpath
import re
from dataclasses import dataclass
from html import escape

from lxml import etree

from .archive import read_tar
from .errors import SourceError, UnsafeXMLError
from .i18n import _
from .model import Asset, Choice, Course, Page, Question, Quiz, Unit
from .naming import file_slug, is_safe_path
from .sanitise import clean_html

DEFAULT_PASS_MARK = 0.5
CONTAINERS = ("chapter", "sequential", "vertical")


@dataclass(frozen=True)
class Skipped:
    where: str       # file (and line) in the export
    kind: str        # the OLX element, e.g. "discussion", "problem"
    reason: str

    def __str__(self):
        return f"{self.where}: {self.kind}: {self.reason}"


class _Export:
    """The files of an export, rooted at the folder holding course.xml."""

    def __init__(self, files, archive_name):
        self.name = archive_name
        roots = [n[:-len("course.xml")] for n in files
                 if n.endswith("course.xml") and n.count("/") <= 1
                 and n.rsplit("/", 1)[-1] == "course.xml"]
        if not roots:
            raise SourceError(_("no course.xml in the export"), file=archive_name)
        self.root = min(roots, key=len)
        self.files = {n[len(self.root):]: data for n, data in files.items()
                      if n.startswith(self.root)}

    def xml(self, path):
        data = self.files.get(path)
        if data is None:
            raise SourceError(_("missing file {path}").format(path=path), file=self.name)
        try:
            return _parse(data, path)
        except UnsafeXMLError as error:
            raise SourceError(error.message, file=f"{self.name}:{path}", line=error.line) from None

    def resolve(self, element, path):
        """An element written as a pointer (<html url_name="x"/>) read from its own file."""
        name = element.get("url_name")
        if name and len(element) == 0:
            target = f"{element.tag}/{name.replace(':', '/')}.xml"
            if target in self.files:
                return self.xml(target).getroot(), target
        return element, path


def _parse(data, path):
    from .safexml import parse_bytes
    return parse_bytes(data, path)


def convert_olx(archive_path, language=None):
    """(Course, [Skipped]) for an OLX .tar.gz export."""
    export = _Export(read_tar(archive_path), str(archive_path))
    pointer = export.xml("course.xml").getroot()
    course_el, course_path = export.resolve(pointer, "course.xml")
    language = language or course_el.get("language") or "en"
    title = course_el.get("display_name") or pointer.get("course") or _("Course")
    course_id = "-".join(filter(None, (pointer.get("org"), pointer.get("course"),
                                       pointer.get("url_name")))) or "course"
    base_iri = "https://openedx.invalid/courses/" + file_slug(course_id)
    pass_mark = _pass_mark(export, pointer.get("url_name"))
    skipped, units = [], []
    for number, chapter in enumerate(course_el, start=1):
        if not isinstance(chapter.tag, str):
            continue
        chapter, chapter_path = export.resolve(chapter, course_path)
        if chapter.tag != "chapter":
            skipped.append(Skipped(_where(chapter_path, chapter), chapter.tag,
                                   _("only chapters are read at the top of a course")))
            continue
        unit = _Converter(export, language, skipped).chapter(chapter, chapter_path, number,
                                                             base_iri, pass_mark)
        if unit is not None:
            units.append(unit)
    if not units:
        raise SourceError(_("the course has no chapter with content to convert"),
                          file=str(archive_path))
    return Course(file_slug(course_id), base_iri, {language: title}, language, units), skipped


def _pass_mark(export, run):
    data = export.files.get(f"policies/{run}/grading_policy.json")
    if not data:
        return DEFAULT_PASS_MARK
    try:
        cutoffs = json.loads(data).get("GRADE_CUTOFFS", {})
        return float(cutoffs.get("Pass", min(cutoffs.values())))
    except (ValueError, TypeError, AttributeError):
        return DEFAULT_PASS_MARK


def _where(path, element):
    return f"{path}:{element.sourceline}" if element.sourceline else path


class _Converter:
    def __init__(self, export, language, skipped):
        self.export, self.language, self.skipped = export, language, skipped
        self.assets, self.questions = {}, []

    def chapter(self, chapter, path, number, base_iri, pass_mark):
        pages = []
        for vertical, vertical_path in self._verticals(chapter, path):
            html = "".join(self._component(child, vertical_path) for child in vertical
                           if isinstance(child.tag, str))
            if html:
                title = vertical.get("display_name") or _("Page {number}").format(
                    number=len(pages) + 1)
                pages.append(Page(f"p{len(pages) + 1}", title, html))
        if not pages and not self.questions:
            return None
        slug = file_slug(chapter.get("url_name") or chapter.get("display_name") or f"ch{number}")
        title = chapter.get("display_name") or _("Chapter {number}").format(number=number)
        if not pages:
            pages.append(Page("p1", title, ""))
        quiz = Quiz(self.questions, pass_mark) if self.questions else None
        return Unit(id=f"{number:02d}-{slug}", iri=f"{base_iri}/chapters/{slug}",
                    titles={self.language: title}, language=self.language, pages=pages,
                    quiz=quiz, assets=list(self.assets.values()))

    def _verticals(self, container, path):
        for child in container:
            if not isinstance(child.tag, str):
                continue
            child, child_path = self.export.resolve(child, path)
            if child.tag == "vertical":
                yield child, child_path
            elif child.tag == "sequential":
                yield from self._verticals(child, child_path)
            else:
                self.skipped.append(Skipped(_where(child_path, child), child.tag, _(
                    "components directly in a chapter are not read; put them in a unit")))

    def _component(self, element, path):
        element, path = self.export.resolve(element, path)
        handler = {"html": self._html, "problem": self._problem, "video": self._video,
                   "leadership_assessment": self._assessment}.get(element.tag)
        if handler is None:
            reason = {
                "discussion": _("discussions need a live forum"),
                "learning_path": _("the learning-path tracker reads the LRS across modules; "
                                   "use a multi-SCO or multi-AU path package instead"),
            }.get(element.tag, _("no conversion for this component type"))
            self.skipped.append(Skipped(_where(path, element), element.tag, reason))
            return ""
        return handler(element, path)

    def _html(self, element, path):
        filename = element.get("filename")
        if filename:
            data = self.export.files.get(f"html/{filename}.html")
            if data is None:
                self.skipped.append(Skipped(_where(path, element), "html",
                                            _("html/{name}.html is missing").format(name=filename)))
                return ""
            body = data.decode("utf-8", "replace")
        else:
            body = (element.text or "") + "".join(
                etree.tostring(child, encoding="unicode") for child in element)
        return clean_html(self._static_links(body), self.language)

    def _static_links(self, html):
        def local(match):
            name = match.group(2)
            source = f"static/{name}"
            if source in self.export.files and is_safe_path(source):
                self.assets[source] = Asset(source, self.export.files[source])
                return f'{match.group(1)}="{source}"'
            return match.group(0)
        return re.sub(r'(src|href)="/static/([^"]+)"', local, html)

    def _video(self, element, path):
        title = element.get("display_name") or _("Video")
        sources = [s.get("src") for s in element.findall("source") if s.get("src")]
        try:
            sources += json.loads(element.get("html5_sources") or "[]")
        except ValueError:
            pass
        if element.get("youtube_id_1_0"):
            sources.append("https://www.youtube.com/watch?v=" + element.get("youtube_id_1_0"))
        for source in sources:
            name = source.split("/static/", 1)[-1] if "/static/" in source else None
            if name and f"static/{name}" in self.export.files and is_safe_path(f"static/{name}"):
                local = f"static/{name}"
                self.assets[local] = Asset(local, self.export.files[local])
                return (f'<figure><video controls src="{escape(local)}"></video>'
                        f"<figcaption>{escape(title)}</figcaption></figure>")
        if sources:
            return (f'<p><a href="{escape(sources[0])}" target="_blank" rel="noopener">'
                    f"{escape(title)}</a></p>")
        self.skipped.append(Skipped(_where(path, element), "video", _("no video source")))
        return ""

    def _problem(self, element, path):
        response = next((c for c in element if c.tag in ("multiplechoiceresponse",
                                                         "choiceresponse")), None)
        others = [c.tag for c in element if isinstance(c.tag, str) and c.tag.endswith("response")
                  and c is not response]
        if response is None or others:
            kind = others[0] if others else _("no response")
            self.skipped.append(Skipped(_where(path, element), "problem", _(
                "only single multiple-choice or checkbox problems convert ({kind})").format(
                kind=kind)))
            return ""
        group = response.find("choicegroup") if response.tag == "multiplechoiceresponse" \
            else response.find("checkboxgroup")
        label = response.find("label")
        prompt = "".join(label.itertext()).strip() if label is not None else \
            (element.get("display_name") or "")
        choices = []
        for index, choice in enumerate(group.findall("choice") if group is not None else []):
            hint = choice.find("choicehint")
            text = (choice.text or "").strip() + "".join(
                (c.tail or "") for c in choice).strip()
            choices.append(Choice(f"c{index + 1}", escape(text),
                                  choice.get("correct", "false").lower() == "true",
                                  "".join(hint.itertext()).strip() if hint is not None else ""))
        if not choices or not any(c.correct for c in choices):
            self.skipped.append(Skipped(_where(path, element), "problem",
                                        _("no choices or no correct choice")))
            return ""
        solution = element.find(".//solution")
        explanation = " ".join("".join(solution.itertext()).split()) if solution is not None \
            else ""
        self.questions.append(Question(
            posixpath.basename(path).removesuffix(".xml") or f"q{len(self.questions) + 1}",
            escape(prompt), response.tag == "choiceresponse", choices, explanation,
            explanation))
        return ""

    def _assessment(self, element, path):
        from leadership_domain import framework
        try:
            characteristics = json.loads(element.get("characteristics") or "[]") or None
            items = framework.items(element.get("level", "all-staff"),
                                    element.get("item_set", "core"), characteristics)
        except (ValueError, KeyError) as error:
            self.skipped.append(Skipped(_where(path, element), element.tag, str(error)))
            return ""
        self.skipped.append(Skipped(_where(path, element), element.tag, _(
            "converted to a self-reflection page: answers are not recorded and multi-rater "
            "mode needs the XBlock")))
        rows = "".join(f"<li>{escape(_(item.text))}</li>" for item in items)
        intro = escape(element.get("intro") or "")
        return (f"<p>{intro}</p><p>{escape(_(framework.SELF_PROMPT))}</p>"
                f'<ul class="reflection">{rows}</ul>')


def write_conversion_report(path, archive_path, skipped):
    lines = [_("Conversion report for {archive}").format(archive=archive_path), ""]
    lines += [str(item) for item in skipped] or [_("Everything was converted.")]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
