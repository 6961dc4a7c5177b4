"""Activities and their definitions: ids, language maps, types, interaction activities and
their component lists, extensions."""

import pytest

from ._validation import ACTIVITY, accepted, make, rejected

IRI = "https://learning.example.org/leadership/module-3/quiz/q1"


def with_definition(definition, activity_id=IRI):
    return make(object={"objectType": "Activity", "id": activity_id, "definition": definition})


def in_sub_statement(definition):
    return make(object={"objectType": "SubStatement",
                        "actor": {"mbox": "mailto:kwame.mensah@example.org"},
                        "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
                        "object": {"id": IRI, "definition": definition}})


def components(*ids):
    return [{"id": i, "description": {"en-US": f"Option {i}"}} for i in ids]


INTERACTIONS = {
    "true-false": {"correctResponsesPattern": ["true"]},
    "choice": {"correctResponsesPattern": ["listen[,]ask"],
               "choices": components("listen", "ask", "tell")},
    "fill-in": {"correctResponsesPattern": ["{case_matters=false}active listening"]},
    "long-fill-in": {"correctResponsesPattern": ["{lang=en}Agree on next steps"]},
    "matching": {"correctResponsesPattern": ["a[.]1[,]b[.]2"],
                 "source": components("a", "b"), "target": components("1", "2")},
    "performance": {"correctResponsesPattern": ["prepare[.]yes[,]deliver[.]5:10"],
                    "steps": components("prepare", "deliver")},
    "sequencing": {"correctResponsesPattern": ["plan[,]act[,]review"],
                   "choices": components("plan", "act", "review")},
    "likert": {"correctResponsesPattern": ["agree"],
               "scale": components("disagree", "neutral", "agree")},
    "numeric": {"correctResponsesPattern": ["4[:]6"]},
    "other": {"correctResponsesPattern": ["(35.937432,-86.868896)"]},
}


def interaction(kind, **extra):
    return {"type": "http://adlnet.gov/expapi/activities/cmi.interaction",
            "interactionType": kind, **INTERACTIONS[kind], **extra}


@pytest.mark.parametrize("kind", sorted(INTERACTIONS))
def test_every_interaction_type_is_accepted(version, kind):
    accepted(with_definition(interaction(kind)), version)
    accepted(in_sub_statement(interaction(kind)), version)


@pytest.mark.parametrize("kind", sorted(INTERACTIONS))
def test_interaction_types_are_case_sensitive(version, kind):
    definition = interaction(kind, interactionType=kind.capitalize())
    rejected(with_definition(definition), version, "object.definition.interactionType")


@pytest.mark.parametrize("value", ["http://adlnet.gov/expapi/activities/cmi.interaction",
                                   12345, {"kind": "choice"}, "essay", ""])
def test_unknown_interaction_types_are_rejected(version, value):
    rejected(with_definition({"interactionType": value}), version,
             "object.definition.interactionType")


@pytest.mark.parametrize("kind", sorted(INTERACTIONS))
def test_interaction_properties_need_an_interaction_type(version, kind):
    definition = interaction(kind)
    del definition["interactionType"]
    rejected(with_definition(definition), version, "object.definition.interactionType")


@pytest.mark.parametrize("kind", sorted(INTERACTIONS))
def test_an_interaction_type_alone_is_enough(version, kind):
    accepted(with_definition({"interactionType": kind}), version)


@pytest.mark.parametrize("kind,wrong", [("true-false", "choices"), ("choice", "scale"),
                                        ("likert", "choices"), ("matching", "steps"),
                                        ("performance", "source"), ("sequencing", "target"),
                                        ("numeric", "scale"), ("fill-in", "choices"),
                                        ("other", "steps")])
def test_component_lists_only_where_the_interaction_type_allows(version, kind, wrong):
    definition = interaction(kind, **{wrong: components("x", "y")})
    rejected(with_definition(definition), version, f"object.definition.{wrong}")


@pytest.mark.parametrize("bad,where", [
    ("not a list", ""),
    (["listen"], "[0]"),
    ([{"description": {"en-US": "no id"}}], "[0].id"),
    ([{"id": {"test": "value"}}], "[0].id"),
    ([{"id": "x", "description": "should error"}], "[0].description"),
    ([{"id": "x", "description": {"a12345": "value"}}], "[0].description.a12345"),
    ([{"id": "x", "label": "unknown"}], "[0].label"),
    ([{"id": "same"}, {"id": "same"}], "[1].id"),
])
def test_interaction_components_are_checked(version, bad, where):
    definition = interaction("choice", choices=bad)
    rejected(with_definition(definition), version, f"object.definition.choices{where}")
    rejected(in_sub_statement(definition), version, f"object.object.definition.choices{where}")


def test_the_same_id_may_appear_in_different_lists(version):
    definition = interaction("matching", source=components("a", "b"), target=components("a", "b"))
    accepted(with_definition(definition), version)


@pytest.mark.parametrize("value", ["true", [1, 2], [None], [{"pattern": "true"}]])
def test_correct_responses_pattern_is_an_array_of_strings(version, value):
    rejected(with_definition(interaction("true-false", correctResponsesPattern=value)), version,
             "object.definition.correctResponsesPattern"
             + ("" if isinstance(value, str) else "[0]"))


def test_an_empty_correct_responses_pattern_is_accepted(version):
    accepted(with_definition(interaction("fill-in", correctResponsesPattern=[])), version)


@pytest.mark.parametrize("value", ["ab=c://should.fail.com", "should fail", "www.example.org/a",
                                   "http://example.org/has space", "http://example.org/%zz", ""])
def test_activity_ids_are_iris(version, value):
    rejected(make(object={"objectType": "Activity", "id": value}), version, "object.id")


@pytest.mark.parametrize("value", ["urn:uuid:7d2c8f3e-1a5b-4c3e-9f0d-2b6a8c4e1f37",
                                   "tag:example.org,2024:module-3",
                                   "https://learning.example.org/é/modüle?x=1#part-2",
                                   "http://example.org/a%20b"])
def test_all_kinds_of_iris_are_accepted(version, value):
    accepted(make(object={"objectType": "Activity", "id": value}), version)


def test_an_activity_needs_an_id(version):
    rejected(make(object={"objectType": "Activity", "definition": {}}), version, "object.id")


def test_an_empty_definition_is_accepted(version):
    accepted(with_definition({}), version)


@pytest.mark.parametrize("value", ["should error", 12345, ["name"]])
def test_a_definition_is_an_object(version, value):
    rejected(with_definition(value), version, "object.definition")


@pytest.mark.parametrize("key", ["name", "description"])
@pytest.mark.parametrize("value,where", [
    ("should error", ""), (12345, ""), ({}, ""), ({"a12345": "x"}, ".a12345"),
    ({"de-419-DE": "x"}, ".de-419-DE"), ({"en-US": None}, ".en-US"), ({"en-US": 5}, ".en-US"),
])
def test_definition_language_maps(version, key, value, where):
    rejected(with_definition({key: value}), version, f"object.definition.{key}{where}")


def test_definition_language_maps_accept_many_languages(version):
    accepted(with_definition({"name": {"en-US": "Feedback", "zh-Hans-CN": "反馈",
                                       "sr-Latn-RS": "Povratna informacija", "und": "?"},
                              "description": {"de-CH-1901": "Rückmeldung"}}), version)


@pytest.mark.parametrize("key,value", [("type", "should fail"), ("type", 7),
                                       ("moreInfo", "should fail"),
                                       ("moreInfo", "virtualmeeting.example.com/345256"),
                                       ("extensions", "should fail"),
                                       ("extensions", {"id": "valid"}),
                                       ("extensions", {"not.valid.com/extension": 1}),
                                       ("Name", {"en-US": "x"})])
def test_definition_properties_are_checked(version, key, value):
    rejected(with_definition({key: value}), version, f"object.definition.{key}"
             + (f".{next(iter(value))}" if key == "extensions" and isinstance(value, dict)
                else ""))


def test_null_inside_a_definition_is_rejected(version):
    rejected(with_definition({"moreInfo": None}), version, "object.definition.moreInfo")


@pytest.mark.parametrize("value", [None, "", {}, [], 0, False, {"nested": {"deep": [1, None]}}])
def test_extension_values_may_be_anything(version, value):
    accepted(with_definition({"extensions": {"https://example.org/ext/v": value}}), version)
    accepted(with_definition({"extensions": {}}), version)


def test_activity_object_type_is_case_sensitive(version):
    rejected(make(object={**ACTIVITY, "objectType": "activity"}), version, "object.objectType")
