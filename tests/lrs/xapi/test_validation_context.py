"""Context: registration, contextActivities, revision and platform, language, statement,
extensions, and the xAPI 2.0 contextAgents and contextGroups."""

import pytest

from ._validation import AGENT, accepted, make, rejected

PARENT = {"objectType": "Activity", "id": "https://learning.example.org/leadership/module-3"}
COURSE = {"id": "https://learning.example.org/leadership"}
REF = {"objectType": "StatementRef", "id": "6690e6c9-3ef0-4ed3-8b37-7f3964730bee"}
FULL_CONTEXT = {
    "registration": "ec531277-b57b-4c15-8d91-d292c5b2b8f7",
    "instructor": {"mbox": "mailto:coach@example.org"},
    "team": {"objectType": "Group", "member": [AGENT]},
    "contextActivities": {"parent": [PARENT], "grouping": [COURSE],
                          "category": [{"id": "https://w3id.org/xapi/cmi5/context/categories/cmi5"}],
                          "other": [PARENT, COURSE]},
    "revision": "v2.1",
    "platform": "Open edX",
    "language": "fr-CA",
    "statement": REF,
    "extensions": {"https://learning.example.org/ext/session": 4},
}


def with_context(context, **statement):
    return make(context=context, **statement)


def in_sub_statement(context, sub_object=None):
    return make(object={"objectType": "SubStatement", "actor": AGENT,
                        "verb": {"id": "http://adlnet.gov/expapi/verbs/attended"},
                        "object": sub_object or PARENT, "context": context})


def test_a_full_context_is_accepted(version):
    accepted(with_context(FULL_CONTEXT), version)
    accepted(in_sub_statement(FULL_CONTEXT), version)


def test_an_empty_context_is_accepted(version):
    accepted(with_context({}), version)


@pytest.mark.parametrize("value", ["should fail", {"key": "should fail"}, 12345,
                                   "AA97B177-9383-4934-8543-0F91A7A028368"])
def test_registration_is_a_uuid(version, value):
    rejected(with_context({"registration": value}), version, "context.registration")
    rejected(in_sub_statement({"registration": value}), version, "object.context.registration")


@pytest.mark.parametrize("kind", ["parent", "grouping", "category", "other"])
def test_context_activities_take_one_activity_or_an_array(version, kind):
    accepted(with_context({"contextActivities": {kind: PARENT}}), version)
    accepted(with_context({"contextActivities": {kind: [PARENT, COURSE]}}), version)
    accepted(with_context({"contextActivities": {kind: []}}), version)


def test_context_activities_reject_other_keys(version):
    rejected(with_context({"contextActivities": {"consequences": [PARENT]}}), version,
             "context.contextActivities.consequences")
    rejected(with_context({"contextActivities": {"Parent": [PARENT]}}), version,
             "context.contextActivities.Parent")


def test_context_activities_must_not_be_empty(version):
    rejected(with_context({"contextActivities": {}}), version, "context.contextActivities")
    rejected(in_sub_statement({"contextActivities": {}}), version,
             "object.context.contextActivities")


@pytest.mark.parametrize("value", ["should fail", [PARENT], 5])
def test_context_activities_is_an_object(version, value):
    rejected(with_context({"contextActivities": value}), version, "context.contextActivities")


@pytest.mark.parametrize("bad,where", [
    ({"key": "should fail"}, "[1].key"),
    ({"objectType": "Agent", "mbox": "mailto:a@example.org"}, "[1].objectType"),
    ({"id": "not an iri"}, "[1].id"),
    ("https://learning.example.org/a", "[1]"),
])
def test_every_context_activity_is_an_activity(version, bad, where):
    rejected(with_context({"contextActivities": {"other": [PARENT, bad]}}), version,
             f"context.contextActivities.other{where}")


@pytest.mark.parametrize("key", ["revision", "platform"])
@pytest.mark.parametrize("value", [12345, {"key": "should fail"}, ["v1"]])
def test_revision_and_platform_are_strings(version, key, value):
    rejected(with_context({key: value}), version, f"context.{key}")


@pytest.mark.parametrize("key", ["revision", "platform"])
@pytest.mark.parametrize("obj", [AGENT, {"objectType": "Group", "member": [AGENT]}, REF,
                                 {"objectType": "SubStatement", "actor": AGENT,
                                  "verb": {"id": "http://adlnet.gov/expapi/verbs/attended"},
                                  "object": PARENT}])
def test_revision_and_platform_only_describe_activities(version, key, obj):
    rejected(with_context({key: "x"}, object=obj), version, f"context.{key}")
    sub_object = obj if obj.get("objectType") != "SubStatement" else None
    if sub_object:
        rejected(in_sub_statement({key: "x"}, sub_object), version, f"object.context.{key}")


@pytest.mark.parametrize("key", ["revision", "platform"])
def test_revision_and_platform_with_an_untyped_activity(version, key):
    accepted(with_context({key: "x"}, object=COURSE), version)
    accepted(in_sub_statement({key: "x"}, COURSE), version)


@pytest.mark.parametrize("value", ["de", "cmn", "tlh", "zh-Hant", "sr-Latn-RS", "es-419",
                                   "x-whatever", "i-enochian"])
def test_language_accepts_rfc_5646_tags(version, value):
    accepted(with_context({"language": value}), version)


@pytest.mark.parametrize("value", ["something", "a12345", "de-419-DE", "en_US", "", 12345,
                                   {"a12345": "should fail"}])
def test_language_rejects_anything_else(version, value):
    rejected(with_context({"language": value}), version, "context.language")
    rejected(in_sub_statement({"language": value}), version, "object.context.language")


@pytest.mark.parametrize("value,where", [({"objectType": "statementref", "id": REF["id"]},
                                          ".objectType"),
                                         ({**REF, "id": "should fail"}, ".id"),
                                         ({**REF, "id": 12345}, ".id"),
                                         ({"id": REF["id"]}, ".objectType"),
                                         (REF["id"], "")])
def test_context_statement_is_a_statement_ref(version, value, where):
    rejected(with_context({"statement": value}), version, f"context.statement{where}")


@pytest.mark.parametrize("value,where", [("should fail", ""),
                                         ({"should fail": True}, ".should fail"),
                                         ({"example.com/extension/wrong": 1},
                                          ".example.com/extension/wrong")])
def test_context_extension_keys_are_iris(version, value, where):
    rejected(with_context({"extensions": value}), version, f"context.extensions{where}")


def test_null_context_properties_are_rejected(version):
    rejected(with_context({"registration": None}), version, "context.registration")


# -- xAPI 2.0: contextAgents and contextGroups --------------------------------------

COACH = {"objectType": "contextAgent", "agent": {"objectType": "Agent",
                                                  "mbox": "mailto:coach@example.org"},
         "relevantTypes": ["https://learning.example.org/roles/coach"]}
COHORT = {"objectType": "contextGroup",
          "group": {"objectType": "Group", "mbox": "mailto:cohort-7@example.org",
                    "member": [AGENT]},
          "relevantTypes": ["https://learning.example.org/roles/cohort"]}


def test_context_agents_and_groups_are_accepted_in_2_0():
    accepted(with_context({"contextAgents": [COACH], "contextGroups": [COHORT]}), "2.0.0")
    accepted(in_sub_statement({"contextAgents": [COACH], "contextGroups": [COHORT]}), "2.0.0")
    without_types = {k: v for k, v in COACH.items() if k != "relevantTypes"}
    accepted(with_context({"contextAgents": [without_types]}), "2.0.0")
    anonymous = {**COHORT, "group": {"objectType": "Group", "member": [AGENT]}}
    accepted(with_context({"contextGroups": [anonymous]}), "2.0.0")


@pytest.mark.parametrize("key", ["contextAgents", "contextGroups"])
def test_context_agents_and_groups_do_not_exist_in_1_0(key):
    rejected(with_context({key: [COACH if key == "contextAgents" else COHORT]}), "1.0.3",
             f"context.{key}")


@pytest.mark.parametrize("change,where", [
    ({"objectType": "Should fail"}, ".objectType"),
    ({"objectType": "ContextAgent"}, ".objectType"),
    ({"agent": {"key": "Should fail"}}, ".agent.key"),
    ({"agent": {"objectType": "Group", "member": [AGENT]}}, ".agent"),
    ({"relevantTypes": []}, ".relevantTypes"),
    ({"relevantTypes": ["abc"]}, ".relevantTypes[0]"),
    ({"relevantTypes": "https://learning.example.org/roles/coach"}, ".relevantTypes"),
    ({"role": "coach"}, ".role"),
])
def test_context_agent_rules(change, where):
    rejected(with_context({"contextAgents": [{**COACH, **change}]}), "2.0.0",
             f"context.contextAgents[0]{where}")


@pytest.mark.parametrize("missing", ["objectType", "agent"])
def test_context_agent_requires_object_type_and_agent(missing):
    entry = {k: v for k, v in COACH.items() if k != missing}
    rejected(with_context({"contextAgents": [entry]}), "2.0.0",
             f"context.contextAgents[0].{missing}")


@pytest.mark.parametrize("change,where", [
    ({"objectType": "Should fail"}, ".objectType"),
    ({"group": {"key": "Should fail"}}, ".group"),
    ({"group": AGENT}, ".group"),
    ({"relevantTypes": []}, ".relevantTypes"),
    ({"relevantTypes": ["abc"]}, ".relevantTypes[0]"),
    ({"member": [AGENT]}, ".member"),
])
def test_context_group_rules(change, where):
    rejected(with_context({"contextGroups": [{**COHORT, **change}]}), "2.0.0",
             f"context.contextGroups[0]{where}")


@pytest.mark.parametrize("value", [COACH, "coach", [None]])
def test_context_agents_is_an_array_of_objects(value):
    rejected(with_context({"contextAgents": value}), "2.0.0",
             "context.contextAgents" + ("[0]" if isinstance(value, list) else ""))
