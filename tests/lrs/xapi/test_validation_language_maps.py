"""Language maps wherever they appear: keys are RFC 5646 tags, values strings, at least one
entry."""

import pytest

from ._validation import AGENT, accepted, make, rejected

WELL_FORMED = ["de", "en-US", "ine", "tlh", "cmn", "zh-Hant", "sr-Latn", "zh-cmn-Hans-CN",
               "sr-Latn-RS", "sl-rozaj-biske", "de-CH-1901", "hy-Latn-IT-arevela", "es-419",
               "az-Arab-x-AZE-derbend", "x-whatever", "i-enochian", "en-GB-oed", "zh-min-nan",
               "en-a-myext-b-another", "qaa-Qaaa-QM-x-southern", "EN-us", "und"]
MALFORMED = ["de-419-DE", "a-DE", "ar-a-aaa-b-bbb-a-ccc", "zh-z-aaa-z-bbb-c-ccc", "something",
             "a12345", "en_US", "en-", "-en", "en--US", "", "en US", "de-x", "toolongtag1",
             "12-ab"]


def place(key, language_map):
    """Each place a language map appears: (statement, path of the map)."""
    component = {"id": "listen", "description": language_map}
    attachment = {"usageType": "https://example.org/usage", "display": {"en": "Plan"},
                  "contentType": "text/plain", "length": 3, "sha2": "a" * 64}
    places = {
        "verb.display": make(verb={"id": "http://adlnet.gov/expapi/verbs/attended",
                                   "display": language_map}),
        "object.definition.name": make(object={"id": "https://example.org/a",
                                               "definition": {"name": language_map}}),
        "object.definition.description": make(object={
            "id": "https://example.org/a", "definition": {"description": language_map}}),
        "object.definition.choices[0].description": make(object={
            "id": "https://example.org/q", "definition": {"interactionType": "choice",
                                                          "choices": [component]}}),
        "attachments[0].display": make(attachments=[{**attachment, "display": language_map}]),
        "attachments[0].description": make(attachments=[{**attachment,
                                                         "description": language_map}]),
        "object.verb.display": make(object={
            "objectType": "SubStatement", "actor": AGENT, "object": {"id": "https://e.org/a"},
            "verb": {"id": "http://adlnet.gov/expapi/verbs/attended", "display": language_map}}),
    }
    return places[key]


PLACES = ["verb.display", "object.definition.name", "object.definition.description",
          "object.definition.choices[0].description", "attachments[0].display",
          "attachments[0].description", "object.verb.display"]


@pytest.mark.parametrize("where", PLACES)
def test_well_formed_tags_are_accepted(version, where):
    for tag in WELL_FORMED:
        accepted(place(where, {tag: "text", "en-US": "text"}), version)


@pytest.mark.parametrize("where", PLACES)
def test_malformed_tags_are_rejected(version, where):
    for tag in MALFORMED:
        rejected(place(where, {"en-US": "text", tag: "text"}), version, f"{where}.{tag}")


@pytest.mark.parametrize("where", PLACES)
@pytest.mark.parametrize("value", [{}, "should error", 12345, ["en-US"]])
def test_a_language_map_is_an_object_with_an_entry(version, where, value):
    rejected(place(where, value), version, where)


@pytest.mark.parametrize("where", PLACES)
@pytest.mark.parametrize("text", [None, 5, {"text": "x"}, ["x"], True])
def test_language_map_values_are_strings(version, where, text):
    rejected(place(where, {"en-US": text}), version, f"{where}.en-US")


@pytest.mark.parametrize("where", PLACES)
def test_empty_and_unicode_strings_are_fine(version, where):
    accepted(place(where, {"en-US": "", "ko-KR": "참석", "pa-IN": "ਹਾਜ਼ਰ"}), version)
