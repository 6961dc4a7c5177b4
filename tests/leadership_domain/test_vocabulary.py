"""One vocabulary: existing IRIs where they exist, ours under one base."""

import re

from leadership_domain import vocabulary as v

EXISTING_PREFIXES = (
    "http://adlnet.gov/expapi/", "https://w3id.org/xapi/adl/verbs/", "https://w3id.org/xapi/cmi5/",
    "https://w3id.org/xapi/openedx/", "http://id.tincanapi.com/", "http://activitystrea.ms/",
    "https://w3id.org/xapi/video/",
)


def _iris(namespace):
    return {name: value for name, value in vars(namespace).items() if name.isupper()}


def test_every_iri_is_existing_or_under_our_base():
    for namespace in (v.Verb, v.ActivityType, v.Category, v.ContextExtension, v.ResultExtension):
        for name, iri in _iris(namespace).items():
            assert re.match(r"^https?://\S+$", iri), name
            assert iri.startswith(EXISTING_PREFIXES) or iri.startswith(v.BASE), (name, iri)


def test_standard_iris_preferred():
    assert v.Verb.COMPLETED == "http://adlnet.gov/expapi/verbs/completed"
    assert v.Verb.PROGRESSED == "http://adlnet.gov/expapi/verbs/progressed"
    assert v.Verb.SATISFIED == "https://w3id.org/xapi/adl/verbs/satisfied"
    assert v.Category.CMI5 == "https://w3id.org/xapi/cmi5/context/categories/cmi5"
    assert v.ResultExtension.PROGRESS == "https://w3id.org/xapi/cmi5/result/extensions/progress"
    assert (v.ContextExtension.OPENEDX_SESSION_ID
            == "https://w3id.org/xapi/openedx/extensions/session-id")


def test_every_verb_has_a_display_and_builds_a_verb_object():
    for iri in _iris(v.Verb).values():
        assert v.verb(iri) == {"id": iri, "display": {"en": v.VERB_DISPLAY[iri]}}


def test_framework_iris():
    assert v.characteristic_iri("inclusive") == v.BASE + "framework/characteristics/inclusive"
    assert v.level_iri("manager") == v.BASE + "framework/levels/manager"
    assert v.assessment_item_iri("inclusive.manager.1").endswith("/items/inclusive.manager.1")
    assert v.MINIMUM_RATERS["peer"] == 3 and v.MINIMUM_RATERS["supervisor"] == 1
