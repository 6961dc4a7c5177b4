"""A learning path packaged as one multi-SCO SCORM package (1.2, 2004 3rd and 4th Edition) and as
one cmi5 course with a block of AUs, run end to end in headless chromium.

SCORM: a test LMS page (js/lms/multi.js) reads imsmanifest.xml and launches each SCO in turn with
a fresh scorm-again API instance per attempt, initialised from the manifest (mastery score, scaled
passing score, completion threshold) and from the learner's earlier suspended attempt.
cmi5: the test plays the LMS of a course (cmi5.xml read, one registration for the course, per AU
a session, an LMS-made activityId, a one-time fetch URL and LMS.LaunchData with the AU's moveOn and
masteryScore) against a real `lrs serve`; every statement of every AU is checked against the cmi5
rules.

The path has three units with different settings, so the tests can tell that each unit's own
settings are the ones used: a page-only unit (nothing to pass), a quiz passed at 50% and the same
quiz passed only at 100%. The learner answers half the quiz right in both.
"""

import base64
import json
import re
import shutil
import uuid
import zipfile
from pathlib import Path
from urllib.parse import urlencode

import pytest
import requests
from lxml import etree

from scorm_packager.commands import build_one
from tests.conftest import KEY, SECRET

from .cmi5_rules import SESSION, violations
from .conftest import CATALOGUE
from .web import SCORM_AGAIN_DIST, WebServer, browser_available, drive, unzip

PATH_IRI = "https://learning.example.org/paths/feedback-three-ways"
STRICT_IRI = "https://learning.example.org/modules/giving-feedback-strict"
SCORM = ("scorm12", "scorm2004-3", "scorm2004-4")
LMS_DIR = Path(__file__).parent / "js" / "lms"


@pytest.fixture(autouse=True)
def _browser_installed():
    # `make test` installs both (Debian's chromium; npm ci in tests/scorm_packager/js).
    assert browser_available(), "run `make test`: it installs chromium and the npm packages"


def path_catalogue(folder):
    """The test catalogue plus a strict copy of the quiz module (pass mark 1.0) and a path of
    three steps: listening (no quiz), giving-feedback (0.5), giving-feedback-strict (1.0)."""
    root = Path(shutil.copytree(CATALOGUE, folder / "catalogue"))
    strict = Path(shutil.copytree(root / "modules" / "giving-feedback",
                                  root / "modules" / "giving-feedback-strict"))
    text = (strict / "module.yaml").read_text(encoding="utf-8")
    text = text.replace("id: https://learning.example.org/modules/giving-feedback",
                        f"id: {STRICT_IRI}").replace("pass_mark: 0.5", "pass_mark: 1.0")
    text = text.replace("en: Giving feedback that helps", "en: Giving feedback, mastered")
    (strict / "module.yaml").write_text(text, encoding="utf-8")
    (root / "paths" / "three-ways.yaml").write_text(f"""kind: path
id: {PATH_IRI}
default_language: en
title: {{en: Feedback three ways}}
summary: {{en: "Three units with different mastery settings, for the multi-unit tests."}}
target_level: first-reporting-officer
groups:
  - id: core
    title: {{en: Core}}
    required: all
    steps:
      - {{id: listening, module: "https://learning.example.org/modules/listening"}}
      - {{id: feedback, module: "https://learning.example.org/modules/giving-feedback"}}
      - {{id: strict, module: "{STRICT_IRI}"}}
milestones: []
""", encoding="utf-8")
    return root


IN_SCO = {"frame": True}
READY_SCO = {"wait": "body[data-ready=true]", **IN_SCO}
NEXT_SCO = {"click": "#player-next", **IN_SCO}
HALF_SCO = [{"check": "#q1-c1", **IN_SCO}, {"check": "#q2-c2", **IN_SCO},
            {"click": "#quiz-submit", **IN_SCO}]
RIGHT_SCO = [{"check": "#q1-c1", **IN_SCO}, {"check": "#q2-c1", **IN_SCO},
             {"check": "#q2-c3", **IN_SCO}, {"click": "#quiz-submit", **IN_SCO}]
EXIT_SCO = [{"click": "#player-exit", **IN_SCO}, {"wait": "body[data-finished=true]", **IN_SCO}]


LAUNCHED = (1, 0, 2, 1, 2)      # the SCOs the scenario launches, in order


def launch_sco(index):
    return [{"eval": f"lms.launch({index})", "as": f"launched-{index}"}, READY_SCO]


def scorm_scenario(base, fmt):
    """Feedback suspended on page 2; listening done; strict failed at 50%; feedback resumed and
    passed at 50%; strict resumed and passed at 100%. Manifest order: listening, feedback,
    strict."""
    query = urlencode({"pkg": f"/pkg/{fmt}/", "learner": f"learner-{fmt}"})
    return [
        {"open": f"{base}/lms/multi.html?{query}"}, {"wait": "body[data-manifest=ready]"},
        {"eval": "JSON.stringify(lms.scos)", "as": "scos"},
        *launch_sco(1), NEXT_SCO, *EXIT_SCO,
        *launch_sco(0), *EXIT_SCO,
        *launch_sco(2), NEXT_SCO, NEXT_SCO, *HALF_SCO, *EXIT_SCO,
        *launch_sco(1),
        {"eval": "document.querySelector('.page:not([hidden])').id", "as": "resumed_page",
         **IN_SCO},
        NEXT_SCO, *HALF_SCO, *EXIT_SCO,
        *launch_sco(2), {"click": "#quiz-retry", **IN_SCO}, *RIGHT_SCO, *EXIT_SCO, {"sleep": 50},
        {"eval": "JSON.stringify(lms.attempts)", "as": "attempts"}]


NS = {"c": "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"}
ACTOR = {"objectType": "Agent", "name": "Amina Diallo",
         "account": {"homePage": "https://lms.example.org", "name": "amina.path"}}
XAPI_HEADERS = {"X-Experience-API-Version": "1.0.3"}


class CourseLMS:
    """The LMS side of a cmi5 course: one registration, and per launch of an AU a session id,
    an LMS-made activityId (the AU's id from cmi5.xml goes in the context template's grouping,
    as the publisher id), a one-time fetch URL and LMS.LaunchData from the course structure."""

    def __init__(self, lrs, package, server):
        self.lrs, self.server, self.auth = lrs, server, (KEY, SECRET)
        structure = etree.fromstring(zipfile.ZipFile(package).read("cmi5.xml"))
        self.course_id = structure.find("c:course", NS).get("id")
        self.block = structure.find("c:block", NS)
        self.aus = structure.findall(".//c:au", NS)
        self.registration = str(uuid.uuid4())
        self.launch_data = {}      # session id -> LMS.LaunchData
        self.token = base64.b64encode(f"{KEY}:{SECRET}".encode()).decode()

    def activity_id(self, au):
        return f"{self.course_id}/lms-au/{self.aus.index(au) + 1}"

    def launcher(self, au):
        def launch():
            session = str(uuid.uuid4())
            mastery = au.get("masteryScore")
            data = {"contextTemplate": {
                        "contextActivities": {"grouping": [{"id": au.get("id")}]},
                        "extensions": {SESSION: session}},
                    "launchMode": "Normal", "launchMethod": au.get("launchMethod"),
                    "moveOn": au.get("moveOn"),
                    "returnURL": self.server.base + "/lms/returned.html"}
            if mastery is not None:
                data["masteryScore"] = float(mastery)
            self.launch_data[session] = data
            response = requests.put(self.lrs + "activities/state", json=data, params={
                "stateId": "LMS.LaunchData", "activityId": self.activity_id(au),
                "agent": json.dumps(ACTOR), "registration": self.registration},
                auth=self.auth, headers=XAPI_HEADERS, timeout=10)
            assert response.status_code == 204, response.text
            fetch = f"/fetch/{session}"
            self.server.handler.one_time_fetch[fetch] = self.token
            query = {"endpoint": self.lrs, "fetch": self.server.base + fetch,
                     "actor": json.dumps(ACTOR), "registration": self.registration,
                     "activityId": self.activity_id(au)}
            return f"{self.server.base}/cmi5/{au.find('c:url', NS).text}?{urlencode(query)}"
        return launch

    def set_preferences(self):
        response = requests.post(self.lrs + "agents/profile", json={
            "languagePreference": "en-US", "audioPreference": "on"}, params={
            "agent": json.dumps(ACTOR), "profileId": "cmi5LearnerPreferences"},
            auth=self.auth, headers=XAPI_HEADERS, timeout=10)
        assert response.status_code == 204, response.text

    def statements(self):
        response = requests.get(self.lrs + "statements", params={
            "registration": self.registration, "ascending": "true", "limit": 200},
            auth=self.auth, headers=XAPI_HEADERS, timeout=10)
        assert response.status_code == 200, response.text
        return response.json()["statements"]


READY = {"wait": "body[data-ready=true]"}
STATUS = "document.getElementById('player-status').textContent"
HALF = [{"check": "#q1-c1"}, {"check": "#q2-c2"}, {"click": "#quiz-submit"}]
RIGHT = [{"check": "#q1-c1"}, {"check": "#q2-c1"}, {"check": "#q2-c3"}, {"click": "#quiz-submit"}]
EXIT = [{"click": "#player-exit"}, {"wait": "#returned"}]


def cmi5_scenario(base):
    """Each AU of the block in turn, in one registration: listening read; feedback passed at
    50%; strict failed at 50%, then retried and passed at 100%."""
    def status(name):
        return {"eval": STATUS, "as": name}
    return [
        {"open": f"{base}/launch/1"}, READY, status("listening"), *EXIT,
        {"open": f"{base}/launch/2"}, READY, {"click": "#player-next"},
        {"click": "#player-next"}, *HALF, status("feedback"), *EXIT,
        {"open": f"{base}/launch/3"}, READY, {"click": "#player-next"},
        {"click": "#player-next"}, *HALF, status("strict_failed"), {"click": "#quiz-retry"},
        *RIGHT, status("strict_passed"), *EXIT]


@pytest.fixture(scope="module")
def multi_runs(live_lrs, tmp_path_factory):
    """Builds the path in the four formats (as `scorm-package build --catalogue --path` does) and
    runs every scenario in one chromium launch."""
    folder = tmp_path_factory.mktemp("multi")
    catalogue = path_catalogue(folder)
    packages = {fmt: build_one(None, fmt, None, catalogue, None, PATH_IRI, folder / f"{fmt}.zip")
                for fmt in (*SCORM, "cmi5")}
    routes = {"/vendor/": SCORM_AGAIN_DIST, "/lms/": LMS_DIR,
              "/cmi5/": unzip(packages["cmi5"], folder / "cmi5")}
    for fmt in SCORM:
        routes[f"/pkg/{fmt}/"] = unzip(packages[fmt], folder / fmt)
    server = WebServer(routes)
    lms = CourseLMS(live_lrs, packages["cmi5"], server)
    lms.set_preferences()
    server.handler.launches.update({f"/launch/{n}": lms.launcher(au)
                                    for n, au in enumerate(lms.aus, start=1)})
    with server:
        plan = {fmt: scorm_scenario(server.base, fmt) for fmt in SCORM}
        plan["cmi5"] = cmi5_scenario(server.base)
        runs = drive(plan)
    return packages, lms, runs


def scorm_outcome(multi_runs, fmt):
    results, errors = multi_runs[2][fmt]
    assert not errors, errors
    return json.loads(results["scos"]), json.loads(results["attempts"]), results


@pytest.mark.parametrize("fmt", SCORM)
def test_lms_reads_every_sco_and_its_mastery_from_the_manifest(multi_runs, fmt):
    scos, _, _ = scorm_outcome(multi_runs, fmt)
    assert [s["title"] for s in scos] == ["Listening first", "Giving feedback that helps",
                                          "Giving feedback, mastered"]
    assert {s["scormType"] for s in scos} == {"sco"}
    assert len({s["href"] for s in scos}) == 3
    if fmt == "scorm12":
        assert [s["masteryScore"] for s in scos] == ["", "50", "100"]
    else:
        assert [s["scaledPassingScore"] for s in scos] == ["", "0.5", "1"]
        assert [s["completionThreshold"] for s in scos] == ["1"] * 3
        assert all(s["completionSetByContent"] and s["objectiveSetByContent"] for s in scos)


def _status(record, fmt):
    if fmt == "scorm12":
        return record.get("cmi.core.lesson_status")
    return record.get("cmi.completion_status"), record.get("cmi.success_status")


@pytest.mark.parametrize("fmt", SCORM)
def test_each_sco_reports_to_its_own_api_instance_with_its_own_mastery(multi_runs, fmt):
    scos, attempts, _ = scorm_outcome(multi_runs, fmt)
    assert [a["sco"] for a in attempts] == [scos[i]["id"] for i in LAUNCHED]
    assert all(a["model"] for a in attempts), "an attempt did not terminate"
    assert [a["rejected"] for a in attempts] == [[]] * 5     # every SetValue accepted
    suspended, listening, strict, resumed, retried = attempts
    if fmt == "scorm12":
        assert listening["record"]["cmi.core.lesson_status"] == "completed"
        assert "cmi.core.score.raw" not in listening["record"]
        # same answers, 50%: failed against this SCO's mastery of 100, passed against 50
        assert (strict["record"]["cmi.core.lesson_status"],
                strict["record"]["cmi.core.score.raw"]) == ("failed", "50")
        assert strict["model"]["mastery_score"] == "100"
        assert (resumed["record"]["cmi.core.lesson_status"],
                resumed["record"]["cmi.core.score.raw"]) == ("passed", "50")
        assert resumed["model"]["mastery_score"] == "50"
        assert (retried["record"]["cmi.core.lesson_status"],
                retried["record"]["cmi.core.score.raw"]) == ("passed", "100")
        for attempt in attempts:
            assert re.fullmatch(r"\d{2,4}:\d\d:\d\d(\.\d{1,2})?",
                                attempt["record"]["cmi.core.session_time"])
            # the runtime (which weighs score against mastery_score) agrees with the SCO
            assert attempt["model"]["lesson_status"] == attempt["record"]["cmi.core.lesson_status"]
        return
    assert _status(listening["record"], fmt) == ("completed", None)
    assert listening["model"]["success_status"] == "unknown"     # nothing to pass
    assert listening["record"]["cmi.exit"] == "normal"
    assert _status(strict["record"], fmt) == ("completed", "failed")
    assert _status(resumed["record"], fmt) == ("completed", "passed")
    assert _status(retried["record"], fmt) == ("completed", "passed")
    assert [float(a["record"]["cmi.score.scaled"]) for a in (strict, resumed, retried)] == [
        0.5, 0.5, 1]
    for attempt, sco in zip(attempts, (scos[i] for i in LAUNCHED), strict=True):
        record, model = attempt["record"], attempt["model"]
        assert re.fullmatch(r"PT(\d+H)?(\d+M)?\d+(\.\d{1,2})?S", record["cmi.session_time"])
        # What the SCO reported is what the LMS derives from the manifest's settings: the
        # primary objective satisfied by measure, completed by progress against the threshold.
        if sco["scaledPassingScore"] and "cmi.score.scaled" in record:
            expected = float(record["cmi.score.scaled"]) >= float(sco["scaledPassingScore"])
            assert record["cmi.success_status"] == ("passed" if expected else "failed")
            assert model["success_status"] == record["cmi.success_status"]
        measure = float(record["cmi.progress_measure"])
        completed = measure >= float(sco["completionThreshold"])
        assert record["cmi.completion_status"] == ("completed" if completed else "incomplete")
        assert model["completion_status"] == record["cmi.completion_status"]


@pytest.mark.parametrize("fmt", SCORM)
def test_suspended_sco_resumes_after_another_sco_ran(multi_runs, fmt):
    _, attempts, results = scorm_outcome(multi_runs, fmt)
    suspended, _, _, resumed, _ = attempts
    prefix = "cmi.core." if fmt == "scorm12" else "cmi."
    location = "lesson_location" if fmt == "scorm12" else "location"
    assert suspended["record"][prefix + "exit"] == "suspend"
    assert suspended["record"][prefix + location] == "1"
    if fmt != "scorm12":
        assert suspended["model"]["completion_status"] == "incomplete"
    assert [a["entry"] for a in attempts] == ["ab-initio", "ab-initio", "ab-initio", "resume",
                                              "resume"]   # strict was left failed: suspended
    assert results["resumed_page"] == "page-2"     # its own bookmark, not the other SCOs'
    assert resumed["record"][prefix + "exit"] == ("" if fmt == "scorm12" else "normal")


def _child_satisfied(sco, record):
    """The SCO's primary objective after its attempt: by measure when the manifest says so
    (satisfiedByMeasure), else what the SCO reported; None when unknown."""
    if sco["scaledPassingScore"] and "cmi.score.scaled" in record:
        return float(record["cmi.score.scaled"]) >= float(sco["scaledPassingScore"])
    return {"passed": True, "failed": False}.get(record.get("cmi.success_status"))


def _default_rollup(scos, records):
    """SN RB.1.2.c and RB.1.3, the default rollup of the organization over its SCOs: satisfied
    when every contributing child is satisfied, not satisfied when one is not, else unknown;
    completed when every contributing child is completed."""
    satisfied = [_child_satisfied(sco, records[sco["id"]]) for sco in scos
                 if sco["rollupObjectiveSatisfied"]]
    objective = (None if not satisfied else False if False in satisfied
                 else None if None in satisfied else True)
    completed = all(records[sco["id"]].get("cmi.completion_status") == "completed"
                    for sco in scos if sco["rollupProgressCompletion"])
    return objective, completed


@pytest.mark.parametrize("fmt", SCORM[1:])
def test_path_rolls_up_to_satisfied_once_every_quiz_is_passed(multi_runs, fmt):
    """The page-only SCO reports no success (nothing to pass): it must not hold the path's
    objective at unknown for ever, or no LMS can ever show the path as passed."""
    scos, attempts, _ = scorm_outcome(multi_runs, fmt)
    records = {}
    for attempt in attempts:           # what the LMS holds for each SCO after each attempt
        records[attempt["sco"]] = {**records.get(attempt["sco"], {}), **attempt["record"]}
    assert _default_rollup(scos, records) == (True, True)
    before_the_retry = {**records, scos[2]["id"]: attempts[2]["record"]}
    assert _default_rollup(scos, before_the_retry) == (False, True)


def _move_on_met(move_on, verbs):
    completed, passed = "completed" in verbs, "passed" in verbs
    return {"Completed": completed, "Passed": passed, "CompletedAndPassed": completed and passed,
            "CompletedOrPassed": completed or passed, "NotApplicable": True}[move_on]


def _cmi5_by_au(multi_runs):
    _, lms, runs = multi_runs
    results, errors = runs["cmi5"]
    unexpected = [e for e in errors if not (e.startswith("HTTP 404 GET")
                                            and "stateId=bookmark" in e)]
    assert not unexpected, unexpected
    statements = lms.statements()
    ids = {lms.activity_id(au): au for au in lms.aus}
    assert {s["object"]["id"] for s in statements} == set(ids), "a statement outside the AUs"
    by_au = {au.get("id"): [s for s in statements if s["object"]["id"] == activity]
             for activity, au in ids.items()}
    return lms, results, by_au


def test_cmi5_course_has_one_block_of_aus_with_their_own_move_on_and_mastery(multi_runs):
    lms = multi_runs[1]
    assert lms.block is not None and list(lms.block) [-3:] == lms.aus
    assert [(au.get("moveOn"), au.get("masteryScore")) for au in lms.aus] == [
        ("Completed", None), ("CompletedAndPassed", "0.5"), ("CompletedAndPassed", "1")]
    assert len({au.get("id") for au in lms.aus} | {lms.block.get("id"), lms.course_id}) == 5


def test_every_statement_of_every_au_follows_the_cmi5_rules(multi_runs):
    lms, _, by_au = _cmi5_by_au(multi_runs)
    for au in lms.aus:
        statements = by_au[au.get("id")]
        problems = violations(statements, actor=ACTOR, activity_id=lms.activity_id(au),
                              registration=lms.registration, launch_data=lms.launch_data)
        assert problems == [], (au.get("id"), problems)
        sessions = {s["context"]["extensions"][SESSION] for s in statements}
        assert len(sessions) == 1          # one launch each, its own session
        data = lms.launch_data[sessions.pop()]
        assert data["contextTemplate"]["contextActivities"]["grouping"] == [{"id": au.get("id")}]


def test_cmi5_move_on_and_mastery_score_are_honoured_per_au(multi_runs):
    lms, results, by_au = _cmi5_by_au(multi_runs)
    verbs = {au: [s["verb"]["id"].rsplit("/", 1)[-1] for s in statements]
             for au, statements in by_au.items()}
    listening, feedback, strict = (au.get("id") for au in lms.aus)
    assert verbs[listening] == ["initialized", "completed", "terminated"]
    assert verbs[feedback] == ["initialized", "completed", "passed", "terminated"]
    assert verbs[strict] == ["initialized", "completed", "failed", "passed", "terminated"]
    scores = {au: [(s["verb"]["id"].rsplit("/", 1)[-1], s["result"]["score"]["scaled"])
                   for s in statements if "score" in s.get("result", {})]
              for au, statements in by_au.items()}
    assert scores[feedback] == [("passed", 0.5)]              # masteryScore 0.5
    assert scores[strict] == [("failed", 0.5), ("passed", 1)]  # masteryScore 1
    met = "met this module's requirements"
    assert met in results["listening"] and met in results["feedback"]
    assert met not in results["strict_failed"] and met in results["strict_passed"]
    for au in lms.aus:
        assert _move_on_met(au.get("moveOn"), verbs[au.get("id")])
