"""Turning frequency answers into per-characteristic results against a level's expectation.

Pure functions shared by the assessment XBlock (self and multi-rater views) and the certificate
rules. "Not observed" answers count as answered but are left out of the mean.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from . import framework
from .errors import UnknownIdError

Answer = str | int | None  # a frequency option id, its value 1..5, or None for "not observed"


@dataclass(frozen=True)
class CharacteristicResult:
    characteristic: str
    level: str
    mean: float | None  # None when every answer was "not observed" (or none were given)
    rated: int  # answers with a value
    not_observed: int
    expected: float

    @property
    def gap(self) -> float | None:
        """mean - expected: negative is a shortfall; None when there is no mean."""
        return None if self.mean is None else round(self.mean - self.expected, 4)

    @property
    def meets_expectation(self) -> bool | None:
        return None if self.mean is None else self.mean >= self.expected


def answer_value(answer: Answer) -> int | None:
    """The 1..5 value of an answer, None for "not observed"; raises UnknownIdError otherwise."""
    if answer is None:
        return None
    if isinstance(answer, bool):
        raise UnknownIdError("frequency option", str(answer))
    if isinstance(answer, int):
        if framework.SCALE_MIN <= answer <= framework.SCALE_MAX:
            return answer
        raise UnknownIdError("frequency option", str(answer))
    return framework.frequency_option(answer).value


def characteristic_results(level_id: str, answers: Mapping[str, Answer]
                           ) -> dict[str, CharacteristicResult]:
    """Results per characteristic (framework order) for answers keyed by assessment item id.

    Items of any level may be answered (an author may reuse another level's statements); the
    expectation is always that of `level_id`.
    """
    framework.level(level_id)
    values: dict[str, list[int]] = {c: [] for c in framework.CHARACTERISTIC_IDS}
    not_observed = dict.fromkeys(framework.CHARACTERISTIC_IDS, 0)
    for item_id, answer in answers.items():
        item = framework.item(item_id)
        value = answer_value(answer)
        if value is None:
            not_observed[item.characteristic] += 1
        else:
            values[item.characteristic].append(value)
    return {
        characteristic_id: CharacteristicResult(
            characteristic=characteristic_id,
            level=level_id,
            mean=round(sum(found) / len(found), 4) if found else None,
            rated=len(found),
            not_observed=not_observed[characteristic_id],
            expected=framework.expected_score(characteristic_id, level_id),
        )
        for characteristic_id, found in values.items()
    }


def development_areas(results: Mapping[str, CharacteristicResult], count: int = 3
                      ) -> tuple[str, ...]:
    """The `count` characteristics furthest below (or least above) expectation, most urgent first.
    Characteristics without a mean are skipped; ties keep framework order."""
    order = {c: position for position, c in enumerate(framework.CHARACTERISTIC_IDS)}
    scored = [result for result in results.values() if result.gap is not None]
    scored.sort(key=lambda result: (result.gap, order[result.characteristic]))
    return tuple(result.characteristic for result in scored[:count])
