/* Unit player shipped inside every package: page navigation, quiz scoring, bookmarking, and the
 * conversation with the LMS (SCORM 1.2, SCORM 2004 or cmi5). Self-contained: it loads nothing from
 * the network except the LMS's own xAPI endpoints named in a cmi5 launch.
 * The unit itself (quiz key, messages, mastery) comes from unit-data.js, written by the packager. */
(function () {
  "use strict";

  var unit = window.SCORM_PLAYER_UNIT;
  var messages = unit.messages || {};
  var SUSPEND_LIMIT_12 = 4096;   // SCORM 1.2 cmi.suspend_data is CMIString4096

  function t(id, values) {
    var text = messages[id] || id;
    return text.replace(/\{(\w+)\}/g, function (whole, key) {
      return values && Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
    });
  }

  /* ---------- time formats ---------- */
  function pad(number, width) { var s = String(number); while (s.length < width) { s = "0" + s; } return s; }
  function centiseconds(ms) { return Math.round(ms / 10); }
  function scorm12Time(ms) {            // CMITimespan HHHH:MM:SS.SS
    var cs = centiseconds(ms), h = Math.floor(cs / 360000), m = Math.floor(cs / 6000) % 60,
      s = Math.floor(cs / 100) % 60, rest = cs % 100;
    return pad(Math.min(h, 9999), 4) + ":" + pad(m, 2) + ":" + pad(s, 2) + "." + pad(rest, 2);
  }
  function isoDuration(ms) {            // SCORM 2004 timeinterval and xAPI duration
    var cs = centiseconds(ms), h = Math.floor(cs / 360000), m = Math.floor(cs / 6000) % 60,
      s = (cs % 6000) / 100;
    return "PT" + (h ? h + "H" : "") + (m ? m + "M" : "") + s.toFixed(2).replace(/\.?0+$/, "") + "S";
  }

  /* ---------- learner state and its compact encoding (fits SCORM 1.2's 4,096 characters) ---------- */
  var state = { page: 0, visited: [], answers: [], score: null, sent: {} };

  function encodeState(limit) {
    var data = {
      p: state.page,
      v: state.visited.map(function (seen) { return seen ? 1 : 0; }).join(""),
      a: state.answers.map(function (list) { return list ? list.join(".") : ""; }).join("|")
    };
    if (state.score !== null) { data.s = Math.round(state.score * 10000); }
    if (Object.keys(state.sent).length) { data.f = Object.keys(state.sent).join(""); }
    var text = JSON.stringify(data);
    // Over the limit (very long modules): answers go first, then the pages seen; the page the
    // learner is on, the score and what was reported always fit.
    if (limit && text.length > limit) { delete data.a; text = JSON.stringify(data); }
    if (limit && text.length > limit) { delete data.v; text = JSON.stringify(data); }
    return text;
  }

  function decodeState(text) {
    if (!text) { return false; }
    var data;
    try { data = JSON.parse(text); } catch (e) { return false; }
    if (typeof data !== "object" || data === null) { return false; }
    state.page = Math.max(0, Math.min(pages.length - 1, parseInt(data.p, 10) || 0));
    state.visited = String(data.v || "").split("").map(function (c) { return c === "1"; });
    state.answers = data.a ? String(data.a).split("|").map(function (part) {
      return part === "" ? null : part.split(".").map(Number);
    }) : [];
    state.score = typeof data.s === "number" ? data.s / 10000 : null;
    state.sent = {};
    String(data.f || "").split("").forEach(function (flag) { if (flag) { state.sent[flag] = true; } });
    return true;
  }

  /* ---------- SCORM API discovery (RTE: climb the parent chain, then the opener's) ---------- */
  function findApiIn(win, name) {
    var tries = 0;
    while (win) {
      try { if (win[name]) { return win[name]; } } catch (e) { /* cross-origin frame: keep climbing */ }
      if (!win.parent || win.parent === win || ++tries > 500) { break; }
      win = win.parent;
    }
    return null;
  }
  function discoverApi(name) {
    var api = findApiIn(window, name);
    try {
      if (!api && window.opener) { api = findApiIn(window.opener, name); }
      if (!api && window.top && window.top.opener) { api = findApiIn(window.top.opener, name); }
    } catch (e) { /* an opener from another origin */ }
    return api;
  }

  /* ---------- runtimes: one small object per LMS protocol, same five methods ---------- */
  function scorm12Runtime(api) {
    var mode = "normal", finished = false;
    function get(name) { return String(api.LMSGetValue(name) || ""); }
    function set(name, value) { api.LMSSetValue(name, String(value)); }
    return {
      start: function () {
        if (String(api.LMSInitialize("")) !== "true") { return null; }
        mode = get("cmi.core.lesson_mode") || "normal";
        var mastery = parseFloat(get("cmi.student_data.mastery_score"));
        if (mode === "normal" && get("cmi.core.lesson_status") === "not attempted") {
          set("cmi.core.lesson_status", "incomplete");
        }
        return { saved: get("cmi.suspend_data"), mode: mode,
          masteryScore: isNaN(mastery) ? unit.masteryScore : mastery / 100 };
      },
      save: function () {
        if (mode !== "normal") { return; }
        set("cmi.core.lesson_location", String(state.page));
        set("cmi.suspend_data", encodeState(SUSPEND_LIMIT_12));
        api.LMSCommit("");
      },
      progress: function (completed) {
        if (mode === "normal" && completed && state.score === null && !unit.quiz) {
          set("cmi.core.lesson_status", "completed");
        }
      },
      answers: function (records) {     // journaled: each submission adds interactions
        if (mode !== "normal") { return; }
        var n = parseInt(get("cmi.interactions._count"), 10) || 0;
        records.forEach(function (r, i) {
          var at = "cmi.interactions." + (n + i) + ".";
          set(at + "id", r.key.id.replace(/[^A-Za-z0-9_.-]/g, "_"));
          set(at + "type", "choice");
          set(at + "student_response", r.chosen.join(","));
          set(at + "correct_responses.0.pattern", r.correct.join(","));
          set(at + "result", r.ok ? "correct" : "wrong");
          set(at + "weighting", 1);
        });
      },
      result: function (scaled, passed) {
        if (mode !== "normal") { return; }
        set("cmi.core.score.raw", Math.round(scaled * 10000) / 100);
        set("cmi.core.score.min", 0);
        set("cmi.core.score.max", 100);
        set("cmi.core.lesson_status", passed === null ? "completed" : (passed ? "passed" : "failed"));
      },
      finish: function (done) {
        if (finished) { return Promise.resolve(); }
        finished = true;
        this.save();
        set("cmi.core.session_time", scorm12Time(Date.now() - startedAt));
        set("cmi.core.exit", done ? "" : "suspend");
        api.LMSCommit("");
        api.LMSFinish("");
        return Promise.resolve();
      }
    };
  }

  function scorm2004Runtime(api) {
    var mode = "normal", finished = false;
    function get(name) { return String(api.GetValue(name) || ""); }
    function set(name, value) { api.SetValue(name, String(value)); }
    return {
      start: function () {
        if (String(api.Initialize("")) !== "true") { return null; }
        mode = get("cmi.mode") || "normal";
        var passing = parseFloat(get("cmi.scaled_passing_score"));
        return { saved: get("cmi.suspend_data"), mode: mode,
          masteryScore: isNaN(passing) ? unit.masteryScore : passing };
      },
      save: function () {
        if (mode !== "normal") { return; }
        set("cmi.location", String(state.page));
        set("cmi.suspend_data", encodeState(64000));
        api.Commit("");
      },
      progress: function (completed, measure) {
        if (mode !== "normal") { return; }
        set("cmi.progress_measure", Math.round(measure * 100) / 100);
        set("cmi.completion_status", completed ? "completed" : "incomplete");
      },
      answers: function (records) {
        if (mode !== "normal") { return; }
        var n = parseInt(get("cmi.interactions._count"), 10) || 0;
        var now = new Date().toISOString().slice(0, 22) + "Z";   // SCORM time: centiseconds
        records.forEach(function (r, i) {
          var at = "cmi.interactions." + (n + i) + ".";
          set(at + "id", r.key.iri);
          set(at + "type", "choice");
          set(at + "timestamp", now);
          set(at + "weighting", 1);
          set(at + "learner_response", r.chosen.join("[,]"));
          set(at + "correct_responses.0.pattern", r.correct.join("[,]"));
          set(at + "result", r.ok ? "correct" : "incorrect");
        });
      },
      result: function (scaled, passed) {
        if (mode !== "normal") { return; }
        set("cmi.score.scaled", Math.round(scaled * 10000) / 10000);
        set("cmi.score.raw", Math.round(scaled * 10000) / 100);
        set("cmi.score.min", 0);
        set("cmi.score.max", 100);
        set("cmi.success_status", passed === null ? "unknown" : (passed ? "passed" : "failed"));
      },
      finish: function (done) {
        if (finished) { return Promise.resolve(); }
        finished = true;
        this.save();
        set("cmi.session_time", isoDuration(Date.now() - startedAt));
        set("cmi.exit", done ? "normal" : "suspend");
        api.Commit("");
        api.Terminate("");
        return Promise.resolve();
      }
    };
  }

  /* cmi5: fetch the token, read LMS.LaunchData and the learner preferences, then send
   * initialized ... completed / passed / failed ... terminated built on the context template. */
  var CMI5 = {
    category: "https://w3id.org/xapi/cmi5/context/categories/cmi5",
    moveOn: "https://w3id.org/xapi/cmi5/context/categories/moveon",
    mastery: "https://w3id.org/xapi/cmi5/context/extensions/masteryscore",
    verbs: {
      initialized: "http://adlnet.gov/expapi/verbs/initialized",
      completed: "http://adlnet.gov/expapi/verbs/completed",
      passed: "http://adlnet.gov/expapi/verbs/passed",
      failed: "http://adlnet.gov/expapi/verbs/failed",
      terminated: "http://adlnet.gov/expapi/verbs/terminated"
    }
  };

  function uuid4() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return pad(b.toString(16), 2); }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" +
      hex.slice(16, 20) + "-" + hex.slice(20);
  }

  function cmi5Runtime(params) {
    var endpoint = params.get("endpoint").replace(/\/?$/, "/");
    var actor = JSON.parse(params.get("actor"));
    var registration = params.get("registration");
    var activityId = params.get("activityId");
    var auth = null, launchData = {}, mode = "Normal", queue = Promise.resolve(), finished = false;
    var failedThisSession = false;

    function xapi(method, path, query, body, keepalive) {
      var url = endpoint + path + (query ? "?" + new URLSearchParams(query).toString() : "");
      var init = { method: method, keepalive: !!keepalive, headers: {
        "Authorization": auth, "X-Experience-API-Version": "1.0.3" } };
      if (body !== undefined) {
        init.headers["Content-Type"] = "application/json";
        init.body = JSON.stringify(body);
      }
      return fetch(url, init);
    }
    function stateQuery(stateId) {
      return { stateId: stateId, activityId: activityId, agent: JSON.stringify(actor),
        registration: registration };
    }
    function statement(verb, result, extraCategory, extraExtensions) {
      var context = JSON.parse(JSON.stringify(launchData.contextTemplate || {}));
      context.registration = registration;
      context.contextActivities = context.contextActivities || {};
      var categories = context.contextActivities.category || [];
      categories.push({ id: CMI5.category });
      if (extraCategory) { categories.push({ id: extraCategory }); }
      context.contextActivities.category = categories;
      if (extraExtensions) {
        context.extensions = context.extensions || {};
        Object.keys(extraExtensions).forEach(function (k) { context.extensions[k] = extraExtensions[k]; });
      }
      var stmt = { id: uuid4(), timestamp: new Date().toISOString(), actor: actor,
        verb: { id: CMI5.verbs[verb], display: { "en-US": verb } },
        object: { objectType: "Activity", id: activityId }, context: context };
      if (result) { stmt.result = result; }
      return stmt;
    }
    function send(stmt, keepalive) {
      queue = queue.then(function () {
        return xapi("POST", "statements", null, stmt, keepalive).then(function (response) {
          if (!response.ok) { throw new Error("statement refused: " + response.status); }
        });
      });
      return queue;
    }
    function persist(keepalive) {
      var body = { bookmark: encodeState(0) };
      queue = queue.then(function () {
        return xapi("PUT", "activities/state", stateQuery("bookmark"), body, keepalive);
      });
      return queue;
    }
    var runtime = {
      launchData: function () { return launchData; },
      moveOnMet: function () {   // the AU's own view of the LMS's moveOn rule, to tell the learner
        var c = !!state.sent.c, p = !!state.sent.p;
        return { Completed: c, Passed: p, CompletedAndPassed: c && p, CompletedOrPassed: c || p,
          NotApplicable: true }[launchData.moveOn || "NotApplicable"] && mode === "Normal";
      },
      start: function () {
        // The fetch URL answers once per session: keep the token for a reload of this page.
        var cacheKey = "cmi5-token:" + params.get("fetch");
        var cached = null;
        try { cached = window.sessionStorage.getItem(cacheKey); } catch (e) { /* storage off */ }
        var token = cached ? Promise.resolve({ "auth-token": cached })
          : fetch(params.get("fetch"), { method: "POST" }).then(function (response) {
            return response.json();
          });
        return token.then(function (answer) {
          if (!answer["auth-token"]) { throw new Error("fetch refused: " + (answer["error-code"] || "?")); }
          auth = "Basic " + answer["auth-token"];
          try { window.sessionStorage.setItem(cacheKey, answer["auth-token"]); } catch (e) { /* off */ }
          return xapi("GET", "activities/state", stateQuery("LMS.LaunchData"));
        }).then(function (response) {
          if (!response.ok) { throw new Error("no LMS.LaunchData: " + response.status); }
          return response.json();
        }).then(function (data) {
          launchData = data;
          mode = data.launchMode || "Normal";
          return xapi("GET", "agents/profile", { agent: JSON.stringify(actor),
            profileId: "cmi5LearnerPreferences" });
        }).then(function (response) {
          return response.ok ? response.json() : {};
        }).then(function (preferences) {
          runtime.preferences = preferences;
          return xapi("GET", "activities/state", stateQuery("bookmark"));
        }).then(function (response) {
          return response.ok ? response.json() : {};
        }).then(function (saved) {
          send(statement("initialized"));
          var mastery = typeof launchData.masteryScore === "number" ? launchData.masteryScore
            : unit.masteryScore;
          return { saved: saved.bookmark || "", mode: mode.toLowerCase(), masteryScore: mastery,
            moveOn: launchData.moveOn || "NotApplicable" };
        });
      },
      save: function () { if (mode === "Normal") { persist(false); } },
      progress: function (completed) {
        // Browse and Review launches may send only initialized and terminated.
        if (mode !== "Normal" || !completed || state.sent.c) { return; }
        state.sent.c = true;
        send(statement("completed", { completion: true, duration: isoDuration(Date.now() - startedAt) },
          CMI5.moveOn));
        persist(false);
      },
      result: function (scaled, passed) {
        if (mode !== "Normal" || passed === null || state.sent.p) { return; }
        if (!passed && failedThisSession) { return; }
        var extensions = {};
        if (typeof launchData.masteryScore === "number") { extensions[CMI5.mastery] = launchData.masteryScore; }
        if (passed) { state.sent.p = true; } else { failedThisSession = true; }
        send(statement(passed ? "passed" : "failed", {
          success: passed, duration: isoDuration(Date.now() - startedAt),
          score: { scaled: Math.round(scaled * 10000) / 10000, raw: Math.round(scaled * 10000) / 100,
            min: 0, max: 100 }
        }, CMI5.moveOn, extensions));
        persist(false);
      },
      finish: function (done, unloading) {
        if (finished) { return queue; }
        finished = true;
        var terminated = statement("terminated", { duration: isoDuration(Date.now() - startedAt) });
        if (unloading) {
          // The page is going away: a promise chain would not run on, so both requests leave
          // now, as keepalive fetches that outlive the page.
          if (mode === "Normal") {
            xapi("PUT", "activities/state", stateQuery("bookmark"), { bookmark: encodeState(0) }, true);
          }
          return xapi("POST", "statements", null, terminated, true);
        }
        if (mode === "Normal") { persist(false); }
        return send(terminated, false);
      }
    };
    return runtime;
  }

  function chooseRuntime() {
    var params = new URLSearchParams(window.location.search);
    if (unit.runtime === "cmi5" && params.get("fetch") && params.get("endpoint")) {
      return cmi5Runtime(params);
    }
    if (unit.runtime === "scorm12") {
      var api12 = discoverApi("API");
      if (api12) { return scorm12Runtime(api12); }
    }
    if (unit.runtime === "scorm2004") {
      var api2004 = discoverApi("API_1484_11");
      if (api2004) { return scorm2004Runtime(api2004); }
    }
    return null;
  }

  /* ---------- the page ---------- */
  var pages = Array.prototype.slice.call(document.querySelectorAll(".page"));
  var startedAt = Date.now();
  var runtime = null, launch = { mode: "normal", masteryScore: unit.masteryScore };
  var $ = function (id) { return document.getElementById(id); };
  var statusBox = $("player-status");

  function say(text) { statusBox.textContent = text; }

  function progressMeasure() {
    var seen = state.visited.filter(Boolean).length + (unit.quiz && state.score !== null ? 1 : 0);
    var total = pages.length;   // content pages, plus the quiz page counted once scored
    return total ? Math.min(1, seen / total) : 1;
  }
  function isCompleted() {
    var measure = progressMeasure();
    return measure >= (unit.completionThreshold || 1) - 1e-9;
  }

  function show(index, moveFocus) {
    state.page = Math.max(0, Math.min(pages.length - 1, index));
    pages.forEach(function (page, i) { page.hidden = i !== state.page; });
    if (!pages[state.page].classList.contains("quiz")) { state.visited[state.page] = true; }
    $("player-prev").disabled = state.page === 0;
    $("player-next").disabled = state.page === pages.length - 1;
    $("player-progress").textContent = t("Page {current} of {total}",
      { current: state.page + 1, total: pages.length });
    if (moveFocus) { pages[state.page].querySelector("h2").focus(); }
    if (runtime) {
      runtime.progress(isCompleted(), progressMeasure());
      runtime.save();
      tellIfDone();
    }
  }

  /* ---------- quiz ---------- */
  function questionSets() { return Array.prototype.slice.call(document.querySelectorAll("fieldset[data-question]")); }

  function chosen(fieldset) {
    return Array.prototype.slice.call(fieldset.querySelectorAll("input"))
      .map(function (input, i) { return input.checked ? i : -1; })
      .filter(function (i) { return i >= 0; });
  }

  function restoreAnswers() {
    questionSets().forEach(function (fieldset, q) {
      var answer = state.answers[q] || [];
      fieldset.querySelectorAll("input").forEach(function (input, i) { input.checked = answer.indexOf(i) >= 0; });
    });
  }

  var lastRecords = [];

  function grade(showFeedback) {
    var right = 0;
    lastRecords = [];
    questionSets().forEach(function (fieldset, q) {
      var key = unit.quiz.questions[q];
      var answer = state.answers[q] || [];
      var correct = answer.length === key.correct.length &&
        key.correct.every(function (i) { return answer.indexOf(i) >= 0; });
      if (correct) { right += 1; }
      lastRecords.push({ key: key, ok: correct,
        chosen: answer.map(function (i) { return key.choiceIds[i]; }),
        correct: key.correct.map(function (i) { return key.choiceIds[i]; }) });
      if (showFeedback) {
        var box = fieldset.querySelector(".feedback");
        var notes = answer.map(function (i) { return key.choiceFeedback[i]; }).filter(Boolean);
        box.textContent = [t(correct ? "Correct." : "Not quite."),
          correct ? key.feedbackCorrect : key.feedbackIncorrect].concat(notes).filter(Boolean).join(" ");
        box.className = "feedback " + (correct ? "correct" : "incorrect");
        box.hidden = false;
      }
    });
    return right / unit.quiz.questions.length;
  }

  function announceResult(scaled, passed) {
    var score = Math.round(scaled * 100);
    var text = passed === null ? t("Your score: {score}%.", { score: score })
      : passed ? t("Your score: {score}%. You passed.", { score: score })
        : t("Your score: {score}%. You need {mastery}% to pass.",
          { score: score, mastery: Math.round(launch.masteryScore * 100) });
    var box = $("quiz-result");
    box.textContent = text;
    box.focus();
  }

  function submitQuiz(event) {
    event.preventDefault();
    var sets = questionSets();
    var answers = sets.map(chosen);
    if (answers.some(function (a) { return a.length === 0; })) { say(t("Please answer every question.")); return; }
    say("");
    state.answers = answers;
    var scaled = grade(true);
    state.score = scaled;
    var mastery = launch.masteryScore;
    var passed = typeof mastery === "number" ? scaled >= mastery - 1e-9 : null;
    announceResult(scaled, passed);
    if (runtime) {
      if (runtime.answers) { runtime.answers(lastRecords); }
      runtime.progress(isCompleted(), progressMeasure());
      runtime.result(scaled, passed);
      runtime.save();
    }
    $("quiz-retry").hidden = false;
    tellIfDone();
  }

  function tellIfDone() {
    if (runtime && runtime.moveOnMet && runtime.moveOnMet()) {
      say(t("You have met this module's requirements."));
    }
  }

  function retryQuiz() {
    state.answers = [];
    restoreAnswers();
    questionSets().forEach(function (fieldset) { fieldset.querySelector(".feedback").hidden = true; });
    $("quiz-result").textContent = "";
    $("quiz-retry").hidden = true;
    questionSets()[0].querySelector("input").focus();
  }

  function exit() {
    var done = isCompleted() && (launch.masteryScore === null || launch.masteryScore === undefined ||
      (state.score !== null && state.score >= launch.masteryScore - 1e-9));
    var finishing = runtime ? runtime.finish(done) : Promise.resolve();
    say(t("Your progress is saved. You can close this window."));
    document.body.setAttribute("data-finished", "pending");
    finishing.then(function () {
      document.body.setAttribute("data-finished", "true");
      var data = runtime && runtime.launchData ? runtime.launchData() : {};
      if (data.returnURL) {
        window.location.assign(data.returnURL);
      } else if (data.launchMethod === "OwnWindow") {
        window.close();
      }
    }, function () { document.body.setAttribute("data-finished", "error"); });
  }

  function begin(started) {
    if (!started) { runtime = null; }
    if (started) {
      launch = started;
      if (decodeState(started.saved)) { say(t("Welcome back: you are on the page where you left off.")); }
      if (launch.mode === "review") { say(t("Review mode: your answers are not recorded.")); }
      if (launch.mode === "browse") { say(t("Browse mode: your answers are not recorded.")); }
    } else {
      say(t("The learning platform could not be reached: your progress will not be saved."));
    }
    if (unit.quiz) {
      restoreAnswers();
      if (state.score !== null) {
        var mastery = launch.masteryScore;
        announceResult(state.score, typeof mastery === "number" ? state.score >= mastery - 1e-9 : null);
        grade(true);
        $("quiz-retry").hidden = false;
      }
    }
    show(state.page, false);
    document.body.setAttribute("data-ready", "true");
  }

  function wire() {
    $("player-prev").addEventListener("click", function () { show(state.page - 1, true); });
    $("player-next").addEventListener("click", function () { show(state.page + 1, true); });
    $("player-exit").addEventListener("click", exit);
    if (unit.quiz) {
      $("quiz-form").addEventListener("submit", submitQuiz);
      $("quiz-retry").addEventListener("click", retryQuiz);
    }
    window.addEventListener("pagehide", function () {
      if (runtime && document.body.getAttribute("data-finished") === null) {
        runtime.finish(false, true);
      }
    });
  }

  wire();
  runtime = chooseRuntime();
  var started;
  try { started = runtime ? runtime.start() : null; } catch (e) { started = null; }
  Promise.resolve(started).then(begin, function () { runtime = null; begin(null); });
}());
