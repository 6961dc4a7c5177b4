"""Statement-level rules: required and unknown properties, ids, versions, timestamps,
voiding, objects by objectType, Sub-Statements and StatementRefs."""

import pytest

from lrs.errors import BadRequest
from lrs.xapi.validation import InvalidStatement, validate_statement

from ._validation import ACTIVITY, AGENT, accepted, make, problems, rejected

REF = {"objectType": "StatementRef", "id": "0b0a6e32-4c64-4d63-9a3c-5a2f0d1e7c11"}


def test_a_plain_statement_is_accepted(version):
    accepted(make(), version)


@pytest.mark.parametrize("missing", ["actor", "verb", "object"])
def test_actor_verb_and_object_are_required(version, missing):
    rejected(make(**{missing: None}), version, missing)


@pytest.mark.parametrize("value", [[], "a statement", 3, None, True])
def test_a_statement_must_be_an_object(version, value):
    errors = problems(value, version)
    assert errors and errors[0].path == ""


@pytest.mark.parametrize("key", ["iD", "Actor", "veRb", "oBject", "RESULT", "conText",
                                 "timeStamp", "STOred", "auTHORity", "Version", "attachmentS",
                                 "comment"])
def test_unknown_or_miscased_properties_are_rejected(version, key):
    statement = make()
    statement[key] = "x"
    rejected(statement, version, key)


@pytest.mark.parametrize("key", ["id", "result", "context", "timestamp", "version",
                                 "attachments", "authority", "stored"])
def test_null_values_are_rejected(version, key):
    rejected(make(**{}) | {key: None}, version, key)


@pytest.mark.parametrize("value", ["AA97B177-9383-4934-8543-0F91A7A02836",
                                   "fd41c918-b88b-4b20-a0a5-a4c32391aaa0",
                                   "00000000-0000-0000-0000-000000000000"])
def test_ids_in_uuid_form_are_accepted(version, value):
    accepted(make(id=value), version)


@pytest.mark.parametrize("value", ["AA97B177-9383-4934-8543-0F91A7A028368",
                                   "MA97B177-9383-4934-8543-0F91A7A02836",
                                   "aa97b17793834934854 30f91a7a02836", "", "not-a-uuid",
                                   "{aa97b177-9383-4934-8543-0f91a7a02836}", 12345,
                                   {"key": "value"}])
def test_malformed_ids_are_rejected(version, value):
    rejected(make(id=value), version, "id")


@pytest.mark.parametrize("value", ["1.0", "1.0.0", "1.0.3", "1.0.9"])
def test_version_1_0_x_is_accepted_by_every_request(version, value):
    accepted(make(version=value), version)


@pytest.mark.parametrize("value", ["0.9.9", "1.1.0", "1", "should fail", "1.0.", "v1.0.3", 1.0])
def test_other_versions_are_rejected(version, value):
    rejected(make(version=value), version, "version")


@pytest.mark.parametrize("value", ["2.0.0", "2.0"])
def test_version_2_0_needs_a_2_0_request(value):
    accepted(make(version=value), "2.0.0")
    rejected(make(version=value), "1.0.3", "version")


@pytest.mark.parametrize("value", ["2013-05-18T05:32:34.804Z", "2013-05-18T05:32:34Z",
                                   "2013-05-18T05:32:34.123456789+05:30",
                                   "2013-05-18T05:32:34-0700", "2013-05-18T05:32:34+01",
                                   "2013-05-18T05:32:34.804", "2008-09-15 15:53:00.601+00:00",
                                   "2031-01-01T00:00:00.000Z"])
def test_iso_8601_timestamps_are_accepted(version, value):
    accepted(make(timestamp=value), version)
    accepted(make(stored=value), version)


@pytest.mark.parametrize("value", ["should fail", "01/011/2015", "2013-05-18",
                                   "2013-13-18T05:32:34Z", "2013-02-30T05:32:34Z",
                                   "2013-05-18T25:32:34Z", "2013-05-18T05:32:34+25:00", "",
                                   1368855154])
def test_malformed_timestamps_are_rejected(version, value):
    rejected(make(timestamp=value), version, "timestamp")
    rejected(make(stored=value), version, "stored")


@pytest.mark.parametrize("value", ["2008-09-15T15:53:00.601-00", "2008-09-15T15:53:00.601-0000",
                                   "2008-09-15T15:53:00.601-00:00"])
def test_negative_zero_offsets_are_rejected(version, value):
    rejected(make(timestamp=value), version, "timestamp")


def test_a_voiding_statement_needs_a_statement_ref(version):
    voided = {"id": "http://adlnet.gov/expapi/verbs/voided", "display": {"en-US": "voided"}}
    accepted(make(verb=voided, object=REF), version)
    rejected(make(verb=voided), version, "object")
    rejected(make(verb=voided, object=AGENT), version, "object")


@pytest.mark.parametrize("object_type", ["activity", "agent", "group", "statementref",
                                         "substatement", "Person", "", 7])
def test_object_types_are_case_sensitive(version, object_type):
    rejected(make(object={**ACTIVITY, "objectType": object_type}), version, "object.objectType")


def test_an_activity_object_may_omit_its_object_type(version):
    accepted(make(object={"id": "https://learning.example.org/leadership/intro"}), version)


def test_agents_and_groups_as_objects_need_their_object_type(version):
    accepted(make(object=AGENT), version)
    untyped = {k: v for k, v in AGENT.items() if k != "objectType"}
    assert problems(make(object=untyped), version)  # read as an Activity: no id, unknown keys
    group = {"objectType": "Group", "member": [AGENT]}
    accepted(make(object=group), version)
    assert problems(make(object={"member": [AGENT]}), version)


@pytest.mark.parametrize("value", ["an activity", ["list"], 5])
def test_the_object_must_be_an_object(version, value):
    rejected(make(object=value), version, "object")


def test_statement_refs(version):
    accepted(make(object=REF), version)
    rejected(make(object={"objectType": "StatementRef"}), version, "object.id")
    rejected(make(object={**REF, "id": "should fail"}), version, "object.id")
    rejected(make(object={**REF, "id": 12345}), version, "object.id")
    rejected(make(object={**REF, "definition": {}}), version, "object.definition")


def sub(**overrides):
    substatement = {"objectType": "SubStatement", "actor": AGENT,
                    "verb": {"id": "http://adlnet.gov/expapi/verbs/attempted"},
                    "object": ACTIVITY}
    substatement.update(overrides)
    return substatement


def test_sub_statements_follow_the_statement_rules(version):
    accepted(make(object=sub()), version)
    accepted(make(object=sub(object=REF)), version)
    accepted(make(object=sub(object=AGENT, timestamp="2024-02-01T10:00:00Z")), version)
    accepted(make(object=sub(object={"id": "https://learning.example.org/a"})), version)
    for missing in ("actor", "verb", "object"):
        statement = make(object=sub())
        del statement["object"][missing]
        rejected(statement, version, f"object.{missing}")
    rejected(make(object=sub(verb={"id": "not an iri"})), version, "object.verb.id")
    rejected(make(object=sub(actor={"mbox": "fatima@example.org"})), version, "object.actor.mbox")


@pytest.mark.parametrize("key,value", [("id", "fd41c918-b88b-4b20-a0a5-a4c32391aaa0"),
                                       ("stored", "2013-05-18T05:32:34.804Z"),
                                       ("version", "1.0.0"), ("authority", AGENT)])
def test_sub_statements_cannot_carry_what_only_the_lrs_sets(version, key, value):
    rejected(make(object=sub(**{key: value})), version, f"object.{key}")


def test_a_sub_statement_cannot_contain_a_sub_statement(version):
    rejected(make(object=sub(object=sub())), version, "object.object.objectType")


def test_sub_statement_object_type_is_case_sensitive(version):
    rejected(make(object=sub(objectType="substatement")), version, "object.objectType")


def test_authority_and_stored_may_be_sent(version):
    accepted(make(authority=AGENT, stored="2011-07-15T00:00:00.000Z"), version)


def test_validate_statement_raises_a_bad_request_naming_the_first_problem(version):
    with pytest.raises(InvalidStatement) as caught:
        validate_statement(make(actor={"mbox": "http://example.org/fatima"}), version)
    assert isinstance(caught.value, BadRequest)
    assert caught.value.status == 400
    assert caught.value.path == "actor.mbox"
    assert "actor.mbox" in caught.value.message and "mailto" in caught.value.message


def test_validate_statement_returns_quietly_for_a_valid_statement(version):
    assert validate_statement(make(), version) is None


def test_unicode_text_is_accepted(version):
    verb = {"id": "http://adlnet.gov/expapi/verbs/attended",
            "display": {"ja-JP": "出席した", "ar-EG": "حضر", "hy-AM": "ներկա է գտնվել",
                        "ru-RU": "участие"}}
    accepted(make(verb=verb), version)
