"""The package model: what every source (catalogue module, OLX course) becomes, writers read.

A `Course` holds one or more `Unit`s; each unit becomes one SCO (SCORM) or one AU (cmi5). Content is
already rendered to HTML fragments here; the writers never parse Markdown or OLX.
"""

from dataclasses import dataclass, field

RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur"})
MOVE_ON_VALUES = ("NotApplicable", "Passed", "Completed", "CompletedAndPassed", "CompletedOrPassed")


def is_rtl(language):
    return language.split("-")[0].lower() in RTL_LANGUAGES


def pick(texts, language, fallback="en"):
    """The text for `language` from a {lang: text} map, else its base language, else any."""
    if not texts:
        return ""
    for key in (language, language.split("-")[0], fallback):
        if key in texts:
            return texts[key]
    return next(iter(texts.values()))


@dataclass
class Choice:
    id: str
    html: str
    correct: bool = False
    feedback: str = ""


@dataclass
class Question:
    id: str
    prompt_html: str
    multiple: bool
    choices: list[Choice]
    feedback_correct: str = ""
    feedback_incorrect: str = ""


@dataclass
class Quiz:
    questions: list[Question]
    pass_mark: float = 0.8          # scaled 0..1, the share of questions to answer right
    title: str = ""


@dataclass
class Page:
    id: str
    title: str
    html: str


@dataclass
class Asset:
    """A file shipped with a unit (image, video file); `path` is relative to the unit folder."""
    path: str
    data: bytes


@dataclass
class Unit:
    id: str                           # stable id from the source (slug)
    iri: str                          # activity IRI for cmi5 / xAPI
    titles: dict[str, str]
    language: str
    pages: list[Page]
    quiz: Quiz | None = None
    descriptions: dict[str, str] = field(default_factory=dict)
    assets: list[Asset] = field(default_factory=list)
    move_on: str = "CompletedAndPassed"
    launch_method: str = "AnyWindow"
    completion_threshold: float = 1.0  # share of the unit (pages + quiz) seen to count as completed

    @property
    def title(self):
        return pick(self.titles, self.language)

    @property
    def mastery_score(self):
        """Scaled 0..1 pass mark, or None when the unit has no quiz (nothing to pass)."""
        return self.quiz.pass_mark if self.quiz and self.quiz.questions else None


@dataclass
class Course:
    id: str
    iri: str
    titles: dict[str, str]
    language: str
    units: list[Unit]
    descriptions: dict[str, str] = field(default_factory=dict)

    @property
    def title(self):
        return pick(self.titles, self.language)
