"""Result and Score: types, score bounds, ISO 8601 durations, extensions."""

import pytest

from ._validation import AGENT, accepted, make, rejected

RESULT = {
    "score": {"scaled": 0.95, "raw": 95, "min": 0, "max": 100},
    "success": True,
    "completion": True,
    "response": "We agreed on three actions.",
    "duration": "PT1H0M0S",
    "extensions": {"https://learning.example.org/ext/attempt": 2},
}


def with_result(**changes):
    return make(result={**RESULT, **changes})


def in_sub_statement(**changes):
    return make(object={"objectType": "SubStatement", "actor": AGENT,
                        "verb": {"id": "http://adlnet.gov/expapi/verbs/scored"},
                        "object": {"id": "https://learning.example.org/quiz"},
                        "result": {**RESULT, **changes}})


def test_a_full_result_is_accepted(version):
    accepted(with_result(), version)
    accepted(in_sub_statement(), version)
    accepted(make(result={}), version)


@pytest.mark.parametrize("key,value", [("success", "true"), ("success", "false"),
                                       ("success", 1), ("completion", "false"),
                                       ("completion", "We regret to inform you"),
                                       ("response", 12345), ("response", {"key": "invalid"}),
                                       ("response", True)])
def test_result_property_types(version, key, value):
    rejected(with_result(**{key: value}), version, f"result.{key}")
    rejected(in_sub_statement(**{key: value}), version, f"object.result.{key}")


@pytest.mark.parametrize("value", ["PT1H0M0.1S", "PT4H35M59.14S", "PT16559.14S",
                                   "P3Y1M29DT4H35M59.14S", "P3Y", "P4W", "PT0S", "P1D",
                                   "PT1,5S", "P0.5Y", "PT36H", "P1DT12H"])
def test_iso_8601_durations_are_accepted(version, value):
    accepted(with_result(duration=value), version)


@pytest.mark.parametrize("value", ["PA1H0M0S", "should fail", "P4W1D", "P", "PT", "P1H",
                                   "PT1.5H30M", "1H", "-PT1H", "PT1H ", "P1DT", 12345,
                                   {"key": "invalid"}, ""])
def test_malformed_durations_are_rejected(version, value):
    rejected(with_result(duration=value), version, "result.duration")


@pytest.mark.parametrize("score", [{"scaled": 0.6767676}, {"scaled": 1.0}, {"scaled": -1},
                                   {"raw": 0.6767676}, {"min": 0.6767676}, {"max": 100.6767676},
                                   {"raw": -12.5, "min": -20, "max": -10},
                                   {"raw": 100, "min": 0, "max": 100},
                                   {"raw": 0, "min": 0, "max": 100}, {}])
def test_scores_within_bounds_are_accepted(version, score):
    accepted(with_result(score=score), version)


@pytest.mark.parametrize("score,bad", [
    ({"scaled": 1.01}, "scaled"),
    ({"scaled": -1.00001}, "scaled"),
    ({"raw": 0.6767676, "max": 0.6567676}, "raw"),
    ({"raw": 0.6767676, "min": 1.4067676}, "raw"),
    ({"min": 0.6767676, "max": 0.6767355, "raw": 0.6767643}, "min"),
    ({"min": 104.6767676, "max": 100.6767676, "raw": 101.6767676}, "min"),
    ({"min": 5, "max": 5}, "min"),
    ({"max": "one hundred"}, "max"),
    ({"max": "100"}, "max"),
    ({"raw": True}, "raw"),
    ({"scaled": None}, "scaled"),
    ({"Raw": 5}, "Raw"),
])
def test_scores_out_of_bounds_or_mistyped_are_rejected(version, score, bad):
    rejected(with_result(score=score), version, f"result.score.{bad}")
    rejected(in_sub_statement(score=score), version, f"object.result.score.{bad}")


@pytest.mark.parametrize("value", [12345, "should fail", [0.5]])
def test_a_score_is_an_object(version, value):
    rejected(with_result(score=value), version, "result.score")


@pytest.mark.parametrize("value,where", [("should fail", ""), ({"should fail": 1}, ".should fail"),
                                         ({"example.com/extension/wrong": 1},
                                          ".example.com/extension/wrong")])
def test_result_extension_keys_are_iris(version, value, where):
    rejected(with_result(extensions=value), version, f"result.extensions{where}")


@pytest.mark.parametrize("value", [None, "", {}, True, [1, "two"]])
def test_result_extension_values_may_be_anything(version, value):
    accepted(with_result(extensions={"https://learning.example.org/ext/x": value}), version)


@pytest.mark.parametrize("value", ["passed", ["passed"], 95])
def test_a_result_is_an_object(version, value):
    rejected(make(result=value), version, "result")
