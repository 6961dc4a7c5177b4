"""Frequency answers become results per characteristic against the level's expectation."""

import pytest

from leadership_domain import framework as fw
from leadership_domain.errors import UnknownIdError
from leadership_domain.scoring import answer_value, characteristic_results, development_areas


def test_means_per_characteristic_ignore_not_observed():
    results = characteristic_results("manager", {
        "inclusive.manager.1": "often",
        "inclusive.manager.2": 2,
        "inclusive.manager.3": "not-observed",
        "accountable.manager.1": None,
    })
    inclusive = results["inclusive"]
    assert (inclusive.mean, inclusive.rated, inclusive.not_observed) == (3.0, 2, 1)
    assert inclusive.expected == fw.expected_score("inclusive", "manager") == 4.0
    assert inclusive.gap == -1.0 and inclusive.meets_expectation is False
    accountable = results["accountable"]
    assert accountable.mean is None and accountable.gap is None and accountable.not_observed == 1
    assert list(results) == list(fw.CHARACTERISTIC_IDS)


def test_development_areas_are_the_largest_shortfalls_first():
    answers = {item.id: "often" for item in fw.items("first-reporting-officer")}
    answers.update({f"collaborative.first-reporting-officer.{n}": "rarely" for n in (1, 2, 3)})
    answers.update({f"principled.first-reporting-officer.{n}": "sometimes" for n in (1, 2, 3)})
    answers.update({f"self-applied.first-reporting-officer.{n}": None for n in (1, 2, 3)})
    results = characteristic_results("first-reporting-officer", answers)
    # collaborative 2 vs 3.75; principled 3 vs 4.0; then accountable 4 vs 4.0 (0 gap);
    # self-applied has no mean and is skipped.
    assert development_areas(results) == ("collaborative", "principled", "accountable")
    assert development_areas(results, count=1) == ("collaborative",)


@pytest.mark.parametrize("bad", [0, 6, True, "frequently"])
def test_answers_outside_the_scale_are_refused(bad):
    with pytest.raises(UnknownIdError):
        answer_value(bad)


def test_unknown_item_is_refused():
    with pytest.raises(UnknownIdError, match="inclusive.manager.7"):
        characteristic_results("manager", {"inclusive.manager.7": 3})
