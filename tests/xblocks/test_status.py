"""Step status from statements, whatever emitted them."""

from leadership_domain.vocabulary import Verb
from xblocks.xapi.status import merge

MODULE = "https://learning.example.org/modules/feedback"
OTHER = "https://learning.example.org/modules/other"


def stmt(verb, obj=MODULE, result=None, parent=None, grouping=None):
    statement = {"verb": {"id": verb}, "object": {"id": obj}}
    if result:
        statement["result"] = result
    activities = {}
    if parent:
        activities["parent"] = [{"id": parent}]
    if grouping:
        activities["grouping"] = [{"id": grouping}]
    if activities:
        statement["context"] = {"contextActivities": activities}
    return statement


def status(*statements):
    return merge({}, statements, {MODULE}).get(MODULE, "not_started")


def test_verbs_on_the_module():
    assert status() == "not_started"
    assert status(stmt(Verb.LAUNCHED)) == "in_progress"
    assert status(stmt(Verb.FAILED)) == "in_progress"
    assert status(stmt(Verb.COMPLETED)) == "completed"
    assert status(stmt(Verb.WAIVED)) == "completed"
    assert status(stmt(Verb.PASSED)) == "passed"
    assert status(stmt(Verb.SCORED, result={"success": True})) == "passed"
    assert status(stmt(Verb.TERMINATED, result={"completion": True})) == "completed"


def test_statuses_only_go_up():
    assert status(stmt(Verb.PASSED), stmt(Verb.FAILED), stmt(Verb.LAUNCHED)) == "passed"
    assert merge({MODULE: "completed"}, [stmt(Verb.EXPERIENCED)], {MODULE}) == {
        MODULE: "completed"}


def test_parts_of_the_module_mean_in_progress_never_completed():
    page = MODULE + "/pages/why"
    assert status(stmt(Verb.COMPLETED, obj=page, parent=MODULE)) == "in_progress"
    assert status(stmt(Verb.PASSED, obj=MODULE + "/quiz", grouping=MODULE)) == "in_progress"


def test_other_activities_are_ignored():
    assert merge({}, [stmt(Verb.COMPLETED, obj=OTHER)], {MODULE}) == {}
