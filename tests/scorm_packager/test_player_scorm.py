"""The player hosted by a real LMS-side SCORM runtime (scorm-again from npm) in headless chromium:
a learner passes, fails and resumes, and the runtime's data model holds the right status and score.
All scenarios run in one browser launch (module fixture); each test checks its scenario.
"""

import json
from pathlib import Path
from urllib.parse import urlencode

import pytest

from scorm_packager.build import build
from scorm_packager.catalogue import module_course

from .web import SCORM_AGAIN_DIST, WebServer, browser_available, drive, unzip


@pytest.fixture(autouse=True)
def _browser_installed():
    # `make test` installs both (Debian's chromium; npm ci in tests/scorm_packager/js).
    assert browser_available(), "run `make test`: it installs chromium and the npm packages"

LAUNCH = "units/giving-feedback/index.html"
RUNTIME = {"scorm12": "scorm12", "scorm2004-3": "scorm2004", "scorm2004-4": "scorm2004"}
IN_SCO = {"frame": True}
READY = {"wait": "body[data-ready=true]", **IN_SCO}
RIGHT = [{"check": "#q1-c1", **IN_SCO}, {"check": "#q2-c1", **IN_SCO},
         {"check": "#q2-c3", **IN_SCO}]
WRONG = [{"check": "#q1-c2", **IN_SCO}, {"check": "#q2-c2", **IN_SCO}]
NEXT = {"click": "#player-next", **IN_SCO}
SUBMIT = {"click": "#quiz-submit", **IN_SCO}
FINISH = [{"click": "#player-exit", **IN_SCO}, {"wait": "body[data-finished=true]", **IN_SCO},
          {"eval": "JSON.stringify(window.lmsRecord)", "as": "record"}]


def sco_eval(expression, name):
    return {"eval": expression, "as": name, **IN_SCO}


SHOWN = sco_eval("document.getElementById('quiz-result').textContent", "shown")
PAGE = sco_eval("document.querySelector('.page:not([hidden])').id", "page")


def scenarios(base):
    def url(fmt, learner):
        query = urlencode({"runtime": RUNTIME[fmt], "launch": f"/pkg/{fmt}/{LAUNCH}",
                           "mastery": "0.5", "learner": learner})
        return f"{base}/lms/lms.html?{query}"

    model = {  # read back from the runtime's own data model, after the SCO finished
        "scorm12": "JSON.stringify([API.cmi.core.lesson_status, API.cmi.core.score.raw, "
                   "API.cmi.interactions.childArray.length])",
        "scorm2004": "JSON.stringify([API_1484_11.cmi.completion_status, "
                     "API_1484_11.cmi.success_status, API_1484_11.cmi.score.scaled, "
                     "API_1484_11.cmi.interactions.childArray.length])"}
    plan = {}
    for fmt in RUNTIME:
        plan[f"pass-{fmt}"] = [{"open": url(fmt, "p")}, READY, NEXT, NEXT, *RIGHT, SUBMIT, SHOWN,
                               *FINISH, {"eval": model[RUNTIME[fmt]], "as": "model"}]
        plan[f"fail-{fmt}"] = [
            {"open": url(fmt, "f")}, READY, NEXT, NEXT, *WRONG, SUBMIT, SHOWN,
            sco_eval("[...document.querySelectorAll('.feedback.incorrect')]"
                     ".map(e => e.textContent).join('|')", "feedback"), *FINISH]
        plan[f"resume-{fmt}"] = [
            {"open": url(fmt, "r")}, READY, NEXT, *FINISH,
            {"eval": "JSON.stringify(window.lmsRecord)", "as": "first"},
            {"open": url(fmt, "r")}, READY, PAGE,
            sco_eval("document.getElementById('player-status').textContent", "status"),
            NEXT, *RIGHT, SUBMIT, *FINISH]
    plan["arabic"] = [
        {"open": f"{base}/lms/lms.html?" + urlencode({
            "runtime": "scorm12", "launch": f"/pkg/arabic/{LAUNCH}", "learner": "a"})}, READY,
        sco_eval("getComputedStyle(document.body).direction", "direction"),
        sco_eval("document.getElementById('player-next').getBoundingClientRect().x < "
                 "document.getElementById('player-prev').getBoundingClientRect().x", "mirrored")]
    plan["keyboard"] = [
        {"open": url("scorm12", "k")}, READY, {"focus": "#player-next", **IN_SCO},
        {"press": "Enter"}, sco_eval("document.activeElement.id", "focused"),
        sco_eval("getComputedStyle(document.activeElement).outlineStyle", "outline"), PAGE]
    return plan


@pytest.fixture(scope="module")
def runs(packages, module, tmp_path_factory):
    root = tmp_path_factory.mktemp("served")
    routes = {"/vendor/": SCORM_AGAIN_DIST, "/lms/": Path(__file__).parent / "js" / "lms"}
    for fmt in RUNTIME:
        routes[f"/pkg/{fmt}/"] = unzip(packages[fmt], root / fmt)
    arabic = build(module_course(module, "ar"), "scorm12", root / "arabic.zip")
    routes["/pkg/arabic/"] = unzip(arabic, root / "arabic")
    with WebServer(routes) as server:
        return drive(scenarios(server.base))


def outcome(runs, name):
    results, errors = runs[name]
    assert not errors, errors
    return {key: json.loads(value) if key in ("record", "first") else value
            for key, value in results.items()}


@pytest.mark.parametrize("fmt", list(RUNTIME))
def test_learner_passes_the_quiz(runs, fmt):
    out = outcome(runs, f"pass-{fmt}")
    record = out["record"]
    assert "100%" in out["shown"] and "passed" in out["shown"]
    assert json.loads(out["model"]) == (["passed", "100", 2] if fmt == "scorm12"
                                        else ["completed", "passed", "1", 2])
    if fmt == "scorm12":
        assert record["cmi.core.lesson_status"] == "passed"
        assert (record["cmi.core.score.raw"], record["cmi.core.score.min"],
                record["cmi.core.score.max"]) == ("100", "0", "100")
        assert record["cmi.core.exit"] == ""
        assert record["cmi.core.session_time"].count(":") == 2
        assert (record["cmi.interactions.1.id"], record["cmi.interactions.1.type"],
                record["cmi.interactions.1.student_response"],
                record["cmi.interactions.1.result"]) == ("habits", "choice", "example,effect",
                                                         "correct")
    else:
        assert record["cmi.completion_status"] == "completed"
        assert record["cmi.success_status"] == "passed"
        assert float(record["cmi.score.scaled"]) == 1 and float(record["cmi.score.raw"]) == 100
        assert (record["cmi.score.min"], record["cmi.score.max"]) == ("0", "100")
        assert record["cmi.progress_measure"] == "1"
        assert record["cmi.exit"] == "normal"
        assert record["cmi.session_time"].startswith("PT")
        assert record["cmi.interactions.1.id"].endswith("/modules/giving-feedback/quiz/habits")
        assert record["cmi.interactions.1.learner_response"] == "example[,]effect"
        assert record["cmi.interactions.1.correct_responses.0.pattern"] == "example[,]effect"
        assert record["cmi.interactions.0.result"] == "correct"


@pytest.mark.parametrize("fmt", list(RUNTIME))
def test_learner_fails_the_quiz_and_sees_feedback(runs, fmt):
    out = outcome(runs, f"fail-{fmt}")
    assert "You need 50% to pass" in out["shown"]
    assert "By then the moment has passed." in out["feedback"]
    record = out["record"]
    result = "cmi.interactions.0.result"
    assert record[result] == ("wrong" if fmt == "scorm12" else "incorrect")
    if fmt == "scorm12":
        assert record["cmi.core.lesson_status"] == "failed"
        assert record["cmi.core.score.raw"] == "0"
    else:
        assert record["cmi.success_status"] == "failed"
        assert float(record["cmi.score.scaled"]) == 0


@pytest.mark.parametrize("fmt", list(RUNTIME))
def test_suspended_attempt_resumes_where_the_learner_left(runs, fmt):
    out = outcome(runs, f"resume-{fmt}")
    first = out["first"]
    prefix = "cmi.core." if fmt == "scorm12" else "cmi."
    assert first[prefix + "exit"] == "suspend"
    assert first[prefix + ("lesson_location" if fmt == "scorm12" else "location")] == "1"
    assert 0 < len(first["cmi.suspend_data"]) <= 4096
    assert out["page"] == "page-2"
    assert "Welcome back" in out["status"]
    record = out["record"]
    assert record.get("cmi.core.lesson_status", record.get("cmi.success_status")) == "passed"


def test_keyboard_alone_moves_on_with_visible_focus(runs):
    out = outcome(runs, "keyboard")
    assert out["page"] == "page-2"
    assert out["focused"] == "page-2-title"      # focus follows the learner to the new page
    assert out["outline"] != "none"


def test_arabic_unit_runs_right_to_left(runs):
    out = outcome(runs, "arabic")
    assert out["direction"] == "rtl"
    assert out["mirrored"] is True           # "Next" sits left of "Previous"
