"""The UN System Leadership Framework (CEB/2017/1) as data: its eight characteristics, the ways it
shows in practice, the levels of the Leadership and Management Journey, the frequency scale, the
assessment items (behaviourally anchored statements written for this project, in
`framework_items`) and the expected score per characteristic and level.

Descriptions and items are this project's own wording. Expected scores are project defaults: the
framework itself publishes no scores. Every user-visible string is an English source string marked
with `N_`; consumers translate it with their own gettext (see `leadership_domain.i18n`).
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import UnknownIdError
from .framework_items import ITEM_STATEMENTS
from .i18n import N_


@dataclass(frozen=True)
class Characteristic:
    id: str
    name: str
    description: str


@dataclass(frozen=True)
class Practice:
    """One of the ways the framework shows in practice (systems thinking, co-creation, ...)."""

    id: str
    name: str
    description: str


@dataclass(frozen=True)
class Level:
    """A level of the Leadership and Management Journey; `rank` orders them (1 = first)."""

    id: str
    rank: int
    name: str
    description: str


@dataclass(frozen=True)
class FrequencyOption:
    """A point of the frequency scale. `value` is None for "not observed" (excluded from means)."""

    id: str
    value: int | None
    label: str


@dataclass(frozen=True)
class AssessmentItem:
    """A behaviourally anchored statement. `text` is a verb phrase without a subject so it reads
    under both `SELF_PROMPT` and `RATER_PROMPT`. `id` is stable: "<characteristic>.<level>.<n>"."""

    id: str
    characteristic: str
    level: str
    number: int
    text: str


CHARACTERISTICS: tuple[Characteristic, ...] = (
    Characteristic("norm-based", N_("Norm-based"), N_(
        "Grounds decisions and actions in the UN Charter, international law, human rights and the "
        "other norms and standards the organization exists to uphold.")),
    Characteristic("principled", N_("Principled"), N_(
        "Acts with integrity, impartiality and independence, and upholds UN values even under "
        "pressure.")),
    Characteristic("inclusive", N_("Inclusive"), N_(
        "Seeks out and values diverse voices, promotes gender equality and works so that no one "
        "is left behind.")),
    Characteristic("accountable", N_("Accountable"), N_(
        "Takes ownership of commitments and results, is transparent about them and answers for "
        "them to colleagues, governing bodies and the people served.")),
    Characteristic("multi-dimensional", N_("Multi-dimensional"), N_(
        "Sees how peace and security, development, humanitarian action and human rights connect, "
        "and works across those dimensions and across organizational boundaries.")),
    Characteristic("transformational", N_("Transformational"), N_(
        "Questions the status quo, encourages innovation and leads change toward better "
        "outcomes.")),
    Characteristic("collaborative", N_("Collaborative"), N_(
        "Builds trust and partnerships inside and beyond the UN system and shares credit for "
        "collective results.")),
    Characteristic("self-applied", N_("Self-applied"), N_(
        "Applies the framework to oneself first: seeks feedback, keeps learning, manages oneself "
        "and models the behaviour expected of others.")),
)

PRACTICES: tuple[Practice, ...] = (
    Practice("systems-thinking", N_("Systems thinking"), N_(
        "Understanding a situation as a whole system of actors, causes and feedback loops rather "
        "than isolated problems.")),
    Practice("co-creation", N_("Co-creation"), N_(
        "Designing solutions together with colleagues, partners and the people affected.")),
    Practice("impact-for-the-most-vulnerable", N_("Producing impact for the most vulnerable"), N_(
        "Judging success by the difference made for the people furthest behind.")),
    Practice("transformational-change", N_("Driving transformational change"), N_(
        "Leading deep, lasting change in how the organization and its partners work.")),
)

LEVELS: tuple[Level, ...] = (
    Level("all-staff", 1, N_("All staff and emerging leaders"), N_(
        "Every member of personnel, leading from where they are, whatever their grade.")),
    Level("first-reporting-officer", 2, N_("First reporting officers and supervisors"), N_(
        "People who supervise others and assess their performance for the first time or "
        "day to day.")),
    Level("manager", 3, N_("Managers"), N_(
        "People who manage a unit, its programme, budget and managers of their own.")),
    Level("senior-leader", 4, N_("Senior leaders"), N_(
        "Heads of entities, departments, offices and missions, and their senior teams.")),
)

NOT_OBSERVED = "not-observed"

FREQUENCY_SCALE: tuple[FrequencyOption, ...] = (
    FrequencyOption("never", 1, N_("Never")),
    FrequencyOption("rarely", 2, N_("Rarely")),
    FrequencyOption("sometimes", 3, N_("Sometimes")),
    FrequencyOption("often", 4, N_("Often")),
    FrequencyOption("always", 5, N_("Always")),
    FrequencyOption(NOT_OBSERVED, None, N_("Not observed")),
)
SCALE_MIN, SCALE_MAX = 1, 5

SELF_PROMPT = N_("How often do you do the following?")
RATER_PROMPT = N_("How often does the person you are rating do the following?")

# Item sets an author can choose: "core" is the first statement per characteristic (a short
# check-in, 8 items); "full" is every statement for the level (24 items).
ITEM_SETS = ("core", "full")

# Project defaults on the 1..5 scale. Integrity is expected of everyone from the first day, so
# "principled" starts high; the system-level characteristics grow most with responsibility.
EXPECTED_SCORES: dict[str, dict[str, float]] = {
    "all-staff": {
        "norm-based": 3.5, "principled": 4.0, "inclusive": 3.5, "accountable": 3.5,
        "multi-dimensional": 3.0, "transformational": 3.0, "collaborative": 3.5,
        "self-applied": 3.5,
    },
    "first-reporting-officer": {
        "norm-based": 3.75, "principled": 4.0, "inclusive": 3.75, "accountable": 4.0,
        "multi-dimensional": 3.25, "transformational": 3.25, "collaborative": 3.75,
        "self-applied": 3.75,
    },
    "manager": {
        "norm-based": 4.0, "principled": 4.25, "inclusive": 4.0, "accountable": 4.0,
        "multi-dimensional": 3.75, "transformational": 3.75, "collaborative": 4.0,
        "self-applied": 4.0,
    },
    "senior-leader": {
        "norm-based": 4.25, "principled": 4.5, "inclusive": 4.25, "accountable": 4.25,
        "multi-dimensional": 4.25, "transformational": 4.25, "collaborative": 4.25,
        "self-applied": 4.25,
    },
}

ASSESSMENT_ITEMS: tuple[AssessmentItem, ...] = tuple(
    AssessmentItem(f"{characteristic.id}.{level.id}.{number}", characteristic.id, level.id,
                   number, text)
    for level in LEVELS
    for characteristic in CHARACTERISTICS
    for number, text in enumerate(ITEM_STATEMENTS[characteristic.id][level.id], start=1)
)

_CHARACTERISTICS = {c.id: c for c in CHARACTERISTICS}
_PRACTICES = {p.id: p for p in PRACTICES}
_LEVELS = {level.id: level for level in LEVELS}
_ITEMS = {item.id: item for item in ASSESSMENT_ITEMS}
_SCALE = {option.id: option for option in FREQUENCY_SCALE}

CHARACTERISTIC_IDS = tuple(_CHARACTERISTICS)
PRACTICE_IDS = tuple(_PRACTICES)
LEVEL_IDS = tuple(_LEVELS)


def characteristic(characteristic_id: str) -> Characteristic:
    try:
        return _CHARACTERISTICS[characteristic_id]
    except KeyError:
        raise UnknownIdError("characteristic", characteristic_id) from None


def practice(practice_id: str) -> Practice:
    try:
        return _PRACTICES[practice_id]
    except KeyError:
        raise UnknownIdError("practice", practice_id) from None


def level(level_id: str) -> Level:
    try:
        return _LEVELS[level_id]
    except KeyError:
        raise UnknownIdError("level", level_id) from None


def item(item_id: str) -> AssessmentItem:
    try:
        return _ITEMS[item_id]
    except KeyError:
        raise UnknownIdError("assessment item", item_id) from None


def frequency_option(option_id: str) -> FrequencyOption:
    try:
        return _SCALE[option_id]
    except KeyError:
        raise UnknownIdError("frequency option", option_id) from None


def items(level_id: str, item_set: str = "full",
          characteristics: tuple[str, ...] | None = None) -> tuple[AssessmentItem, ...]:
    """The items for a level, in framework order, optionally limited to some characteristics."""
    level(level_id)
    if item_set not in ITEM_SETS:
        raise UnknownIdError("item set", item_set)
    wanted = set(CHARACTERISTIC_IDS if characteristics is None else characteristics)
    for characteristic_id in wanted:
        characteristic(characteristic_id)
    return tuple(
        candidate for candidate in ASSESSMENT_ITEMS
        if candidate.level == level_id and candidate.characteristic in wanted
        and (item_set == "full" or candidate.number == 1)
    )


def expected_score(characteristic_id: str, level_id: str) -> float:
    """The score (1..5) a person at `level_id` is expected to reach on `characteristic_id`."""
    characteristic(characteristic_id)
    level(level_id)
    return EXPECTED_SCORES[level_id][characteristic_id]


def levels_up_to(level_id: str) -> tuple[Level, ...]:
    """The Journey levels from the first up to and including `level_id`."""
    rank = level(level_id).rank
    return tuple(candidate for candidate in LEVELS if candidate.rank <= rank)
