"""The framework data is complete and consistent: what the assessment XBlock relies on."""

import re

import pytest

from leadership_domain import framework as fw
from leadership_domain.errors import UnknownIdError
from leadership_domain.i18n import N_, gettext_noop


def test_the_eight_characteristics_of_the_framework_in_order():
    assert fw.CHARACTERISTIC_IDS == (
        "norm-based", "principled", "inclusive", "accountable",
        "multi-dimensional", "transformational", "collaborative", "self-applied",
    )
    assert all(c.name and c.description for c in fw.CHARACTERISTICS)


def test_the_ways_the_framework_shows_in_practice():
    assert fw.PRACTICE_IDS == ("systems-thinking", "co-creation",
                               "impact-for-the-most-vulnerable", "transformational-change")


def test_journey_levels_are_ordered_by_rank():
    assert fw.LEVEL_IDS == ("all-staff", "first-reporting-officer", "manager", "senior-leader")
    assert [level.rank for level in fw.LEVELS] == [1, 2, 3, 4]
    assert [level.id for level in fw.levels_up_to("manager")] == [
        "all-staff", "first-reporting-officer", "manager"]


@pytest.mark.parametrize("level", fw.LEVEL_IDS)
@pytest.mark.parametrize("characteristic", fw.CHARACTERISTIC_IDS)
def test_three_items_for_every_characteristic_and_level(characteristic, level):
    found = fw.items(level, characteristics=(characteristic,))
    assert [item.id for item in found] == [f"{characteristic}.{level}.{n}" for n in (1, 2, 3)]
    assert all(item.characteristic == characteristic and item.level == level for item in found)


def test_item_ids_and_statements_are_unique_and_read_under_both_prompts():
    assert len(fw.ASSESSMENT_ITEMS) == 8 * 4 * 3
    assert len({item.id for item in fw.ASSESSMENT_ITEMS}) == len(fw.ASSESSMENT_ITEMS)
    assert len({item.text for item in fw.ASSESSMENT_ITEMS}) == len(fw.ASSESSMENT_ITEMS)
    for item in fw.ASSESSMENT_ITEMS:
        # A verb phrase with no subject, capitalized, ending with a full stop.
        assert re.match(r"^[A-Z][a-z]+s\b", item.text), item.text
        assert item.text.endswith(".") and not item.text.startswith(("I ", "You ", "They "))


def test_item_sets_core_and_full():
    core = fw.items("manager", "core")
    assert [item.characteristic for item in core] == list(fw.CHARACTERISTIC_IDS)
    assert all(item.number == 1 for item in core)
    assert len(fw.items("manager", "full")) == 24
    assert fw.item("inclusive.manager.2").text.startswith("Builds teams that are diverse")


def test_frequency_scale_with_not_observed():
    assert [(o.id, o.value) for o in fw.FREQUENCY_SCALE] == [
        ("never", 1), ("rarely", 2), ("sometimes", 3), ("often", 4), ("always", 5),
        ("not-observed", None)]
    assert fw.frequency_option(fw.NOT_OBSERVED).label == "Not observed"


def test_expected_scores_for_every_characteristic_and_level_grow_with_the_journey():
    for characteristic in fw.CHARACTERISTIC_IDS:
        scores = [fw.expected_score(characteristic, level) for level in fw.LEVEL_IDS]
        assert all(fw.SCALE_MIN <= score <= fw.SCALE_MAX for score in scores)
        assert scores == sorted(scores), characteristic


@pytest.mark.parametrize("lookup, argument", [
    (fw.characteristic, "brave"), (fw.level, "intern"), (fw.item, "inclusive.manager.9"),
    (fw.practice, "agility"), (fw.frequency_option, "sometimes-ish"),
])
def test_unknown_ids_raise_a_key_error_naming_them(lookup, argument):
    with pytest.raises(UnknownIdError, match=re.escape(argument)) as raised:
        lookup(argument)
    assert isinstance(raised.value, KeyError)


def test_unknown_item_set_or_characteristic_in_items():
    with pytest.raises(UnknownIdError):
        fw.items("manager", "long")
    with pytest.raises(UnknownIdError):
        fw.items("manager", characteristics=("brave",))


def test_translation_marker_returns_the_source_string():
    assert N_ is gettext_noop
    assert gettext_noop("Never") == "Never"
