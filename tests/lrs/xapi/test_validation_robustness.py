"""Whatever a client sends, the validator answers with errors, never with an exception
(an exception would become a 500): every value of a rich statement is replaced in turn by
values of every JSON type."""

import copy

import pytest

from lrs.xapi.validation import InvalidStatement, validate_statement

from ._validation import AGENT

RICH = {
    "id": "0b0a6e32-4c64-4d63-9a3c-5a2f0d1e7c11",
    "actor": {"objectType": "Group", "name": "Cohort 7", "member": [AGENT,
              {"account": {"homePage": "https://id.example.org", "name": "k.mensah"}}]},
    "verb": {"id": "http://adlnet.gov/expapi/verbs/answered", "display": {"en-US": "answered"}},
    "object": {"objectType": "SubStatement", "actor": AGENT,
               "verb": {"id": "http://adlnet.gov/expapi/verbs/attempted"},
               "object": {"id": "https://learning.example.org/q1", "definition": {
                   "interactionType": "matching", "correctResponsesPattern": ["a[.]1"],
                   "source": [{"id": "a", "description": {"en": "A"}}],
                   "target": [{"id": "1", "description": {"en": "One"}}],
                   "extensions": {"https://example.org/e": {"k": [1]}}}},
               "context": {"contextActivities": {"parent": {"id": "https://example.org/p"}}}},
    "result": {"score": {"scaled": 0.5, "raw": 5, "min": 0, "max": 10}, "success": True,
               "duration": "PT5M"},
    "context": {"registration": "ec531277-b57b-4c15-8d91-d292c5b2b8f7",
                "instructor": {"openid": "https://openid.example.org/coach"},
                "team": {"objectType": "Group", "mbox": "mailto:cohort@example.org"},
                "contextActivities": {"grouping": [{"id": "https://example.org/course"}]},
                "language": "en-GB",
                "statement": {"objectType": "StatementRef",
                              "id": "6690e6c9-3ef0-4ed3-8b37-7f3964730bee"},
                "contextAgents": [{"objectType": "contextAgent", "agent": AGENT,
                                   "relevantTypes": ["https://example.org/coach"]}],
                "contextGroups": [{"objectType": "contextGroup",
                                   "group": {"objectType": "Group", "member": [AGENT]}}]},
    "timestamp": "2024-03-01T09:30:00.123+01:00",
    "authority": {"objectType": "Group", "member": [AGENT, {"mbox": "mailto:app@example.org"}]},
    "version": "1.0.3",
    "attachments": [{"usageType": "https://example.org/u", "display": {"en": "Plan"},
                     "contentType": "application/pdf", "length": 10,
                     "sha2": "a" * 64}],
}
HOSTILE = [None, True, 0, -1.5, "", "x", "StatementRef", [], [None], {}, {"objectType": {}},
           {"id": []}, [{"objectType": "Group"}]]


def paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, sub in value.items():
            yield from paths(sub, (*prefix, key))
    elif isinstance(value, list):
        for index, sub in enumerate(value):
            yield from paths(sub, (*prefix, index))


def replaced(document, path, new):
    document = copy.deepcopy(document)
    if not path:
        return new
    target = document
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = new
    return document


def test_the_rich_statement_is_valid_for_2_0():
    assert validate_statement(RICH, "2.0.0") is None


@pytest.mark.parametrize("path", list(paths(RICH)), ids=lambda p: ".".join(map(str, p)) or "$")
def test_any_value_anywhere_gives_errors_not_exceptions(version, path):
    for new in HOSTILE:
        try:
            validate_statement(replaced(RICH, path, new), version)
        except InvalidStatement as error:
            assert error.status == 400 and error.message
