"""A cmi5 AU launched, as an LMS would, against our own LRS (a real `lrs serve`): the test plays
the LMS (course structure read from cmi5.xml, LMS.LaunchData and learner preferences written to
the LRS, fetch URL served), chromium plays the learner, and every statement the AU sent is
checked against the cmi5 rules."""

import base64
import json
import uuid
import zipfile
from pathlib import Path
from urllib.parse import urlencode

import pytest
import requests
from lxml import etree

from tests.conftest import KEY, SECRET

from .cmi5_rules import SESSION, violations
from .web import WebServer, browser_available, drive, unzip


@pytest.fixture(autouse=True)
def _browser_installed():
    # `make test` installs both (Debian's chromium; npm ci in tests/scorm_packager/js).
    assert browser_available(), "run `make test`: it installs chromium and the npm packages"

NS = {"c": "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"}
ACTOR = {"objectType": "Agent", "name": "Amina Diallo",
         "account": {"homePage": "https://lms.example.org", "name": "amina.diallo"}}
READY = {"wait": "body[data-ready=true]"}
NEXT = {"click": "#player-next"}
RIGHT = [{"check": "#q1-c1"}, {"check": "#q2-c1"}, {"check": "#q2-c3"}]
WRONG = [{"check": "#q1-c2"}, {"check": "#q2-c2"}]
SUBMIT = {"click": "#quiz-submit"}
EXIT = [{"click": "#player-exit"}, {"wait": "#returned"}]


def unexpected(errors):
    """Browser errors, less the 404 of the first bookmark read (no bookmark yet: expected)."""
    return [e for e in errors if not (e.startswith("HTTP 404 GET") and "stateId=bookmark" in e)]


class LMSSide:
    """The LMS side of a cmi5 launch, against the live LRS."""

    def __init__(self, lrs, key, secret, package, base):
        self.lrs, self.auth, self.base = lrs, (key, secret), base
        structure = etree.fromstring(zipfile.ZipFile(package).read("cmi5.xml"))
        self.au = structure.find(".//c:au", NS)
        self.course_id = structure.find("c:course", NS).get("id")
        self.launch_data = {}       # session id -> LMS.LaunchData
        self.headers = {"X-Experience-API-Version": "1.0.3"}

    def launcher(self, registration, mode="Normal"):
        """A callable the web server runs on each launch: new session, launch data, AU URL."""
        def launch():
            session = str(uuid.uuid4())
            data = {
                "contextTemplate": {
                    "contextActivities": {"grouping": [{"id": self.au.get("id")}]},
                    "extensions": {SESSION: session}},
                "launchMode": mode, "launchMethod": self.au.get("launchMethod"),
                "moveOn": self.au.get("moveOn"),
                "masteryScore": float(self.au.get("masteryScore")),
                "returnURL": self.base + "/lms/returned.html"}
            self.launch_data[session] = data
            query = {"stateId": "LMS.LaunchData", "activityId": self.au.get("id"),
                     "agent": json.dumps(ACTOR), "registration": registration}
            response = requests.put(self.lrs + "activities/state", params=query, json=data,
                                    auth=self.auth, headers=self.headers, timeout=10)
            assert response.status_code == 204, response.text
            launch = {"endpoint": self.lrs, "fetch": self.base + "/fetch",
                      "actor": json.dumps(ACTOR), "registration": registration,
                      "activityId": self.au.get("id")}
            url = self.au.find("c:url", NS).text
            return f"{self.base}/pkg/{url}?{urlencode(launch)}"
        return launch

    def set_preferences(self):
        response = requests.post(       # POST merges JSON, no concurrency headers needed
            self.lrs + "agents/profile", json={"languagePreference": "en-US,fr-FR",
                                               "audioPreference": "on"},
            params={"agent": json.dumps(ACTOR), "profileId": "cmi5LearnerPreferences"},
            auth=self.auth, headers=self.headers, timeout=10)
        assert response.status_code == 204, response.text

    def statements(self, registration):
        response = requests.get(self.lrs + "statements", params={
            "registration": registration, "ascending": "true", "limit": 100},
            auth=self.auth, headers=self.headers, timeout=10)
        assert response.status_code == 200, response.text
        return response.json()["statements"]

    def check(self, registration):
        statements = self.statements(registration)
        problems = violations(statements, actor=ACTOR, activity_id=self.au.get("id"),
                              registration=registration, launch_data=self.launch_data)
        return [s["verb"]["id"].rsplit("/", 1)[-1] for s in statements], problems


@pytest.fixture(scope="module")
def cmi5_runs(packages, live_lrs, tmp_path_factory):
    key, secret = KEY, SECRET
    folder = unzip(packages["cmi5"], tmp_path_factory.mktemp("cmi5"))
    registrations = {name: str(uuid.uuid4()) for name in ("pass", "resume", "browse", "closed")}
    token = base64.b64encode(f"{key}:{secret}".encode()).decode()
    routes = {"/pkg/": folder, "/lms/": Path(__file__).parent / "js" / "lms"}
    server = WebServer(routes, token=token)
    lms = LMSSide(live_lrs, key, secret, packages["cmi5"], server.base)
    lms.set_preferences()
    server.handler.launches.update({
        "/launch/pass": lms.launcher(registrations["pass"]),
        "/launch/resume": lms.launcher(registrations["resume"]),
        "/launch/browse": lms.launcher(registrations["browse"], mode="Browse"),
        "/launch/closed": lms.launcher(registrations["closed"])})
    launch = server.base + "/launch/"
    with server:
        runs = drive({
            "pass": [{"open": launch + "pass"}, READY, NEXT, NEXT, *RIGHT, SUBMIT,
                     {"eval": "document.getElementById('player-status').textContent",
                      "as": "status"}, *EXIT],
            "resume": [
                {"open": launch + "resume"}, READY, NEXT, NEXT, *WRONG, SUBMIT, *EXIT,
                {"open": launch + "resume"}, READY,
                {"eval": "document.querySelector('.page:not([hidden])').id", "as": "page"},
                {"click": "#quiz-retry"}, *RIGHT, SUBMIT, *EXIT],
            "browse": [{"open": launch + "browse"}, READY, NEXT, NEXT, *RIGHT, SUBMIT, *EXIT],
            "closed": [{"open": launch + "closed"}, READY, NEXT, {"sleep": 300}, {"close": True},
                       {"sleep": 1500}],
        })
    return lms, registrations, runs


def test_passing_session_sends_a_conformant_cmi5_sequence(cmi5_runs):
    lms, registrations, runs = cmi5_runs
    assert not unexpected(runs["pass"][1])
    assert "met this module's requirements" in runs["pass"][0]["status"]   # moveOn satisfied
    verbs, problems = lms.check(registrations["pass"])
    assert verbs == ["initialized", "completed", "passed", "terminated"]
    assert problems == []


def test_failed_then_resumed_attempt_passes_in_a_second_session(cmi5_runs):
    lms, registrations, runs = cmi5_runs
    results, errors = runs["resume"]
    assert not unexpected(errors)
    assert results["page"] == "quiz"       # the bookmark brought the learner back to the quiz
    verbs, problems = lms.check(registrations["resume"])
    assert verbs == ["initialized", "completed", "failed", "terminated",
                     "initialized", "passed", "terminated"]
    assert problems == []


def test_browse_mode_records_nothing_but_the_session(cmi5_runs):
    lms, registrations, runs = cmi5_runs
    assert not unexpected(runs["browse"][1])
    verbs, problems = lms.check(registrations["browse"])
    assert verbs == ["initialized", "terminated"]
    assert problems == []


def test_rule_checker_catches_a_broken_sequence(cmi5_runs):
    """The checker itself fails on what the cmi5 rules forbid (so the tests above mean it)."""
    lms, registrations, _ = cmi5_runs
    statements = lms.statements(registrations["pass"])
    broken = [dict(s) for s in reversed(statements)]          # terminated first
    broken[1] = {**broken[1], "result": {"success": True}}     # passed without score or duration
    problems = violations(broken, actor={"mbox": "mailto:other@example.org"},
                          activity_id=lms.au.get("id"), registration=registrations["pass"],
                          launch_data=lms.launch_data)
    assert any("first statement" in p for p in problems)
    assert any("actor" in p for p in problems)
    assert any("duration" in p for p in problems)


def test_closing_the_tab_still_terminates_the_session(cmi5_runs):
    lms, registrations, runs = cmi5_runs
    assert not unexpected(runs["closed"][1])
    verbs, problems = lms.check(registrations["closed"])
    assert verbs == ["initialized", "terminated"]
    assert problems == []
