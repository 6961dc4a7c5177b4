/* A minimal LMS for the tests: scorm-again (the LMS-side SCORM runtime) exposes API or
 * API_1484_11 on this window, launches the SCO in a frame, and keeps the learner's record in
 * localStorage between launches, the way an LMS keeps it in its database.
 * Query: runtime=scorm12|scorm2004, launch=URL, mastery=0..1 (from the manifest), mode=normal|... */
(function () {
  "use strict";
  var params = new URLSearchParams(window.location.search);
  var runtime = params.get("runtime");
  var key = "lms-record-" + params.get("learner") + "-" + params.get("launch");
  var saved = JSON.parse(window.localStorage.getItem(key) || "null");
  var mastery = params.get("mastery");
  var settings = { autocommit: false, lmsCommitUrl: false, logLevel: 5 };
  // The LMS's database for this learner: every value the SCO set (some are write-only in the API).
  var stored = {};
  function remember(element, value) { stored[element] = String(value); }
  function keep() {
    window.lmsRecord = stored;
    window.localStorage.setItem(key, JSON.stringify(stored));
  }
  var api;
  if (runtime === "scorm12") {
    var resume = !!(saved && saved["cmi.core.exit"] === "suspend");
    api = window.API = new window.Scorm12API(settings);
    api.loadFromJSON({
      core: { student_id: "amina.diallo", student_name: "Diallo, Amina",
        lesson_mode: params.get("mode") || "normal", entry: resume ? "resume" : "ab-initio",
        lesson_location: resume ? saved["cmi.core.lesson_location"] || "" : "",
        lesson_status: (saved && saved["cmi.core.lesson_status"]) || "not attempted", credit: "credit" },
      student_data: { mastery_score: mastery ? String(Math.round(parseFloat(mastery) * 100)) : "" },
      suspend_data: resume ? saved["cmi.suspend_data"] || "" : ""
    });
    api.on("LMSSetValue.cmi.*", remember);
    api.on("LMSFinish", keep);
  } else {
    var resume2004 = !!(saved && saved["cmi.exit"] === "suspend");
    api = window.API_1484_11 = new window.Scorm2004API(settings);
    api.loadFromJSON({
      learner_id: "amina.diallo", learner_name: "Diallo, Amina", mode: params.get("mode") || "normal",
      entry: resume2004 ? "resume" : "ab-initio",
      location: resume2004 ? saved["cmi.location"] || "" : "",
      suspend_data: resume2004 ? saved["cmi.suspend_data"] || "" : "", credit: "credit",
      scaled_passing_score: mastery || "", completion_threshold: params.get("threshold") || ""
    });
    api.on("SetValue.cmi.*", remember);
    api.on("Terminate", keep);
  }
  window.addEventListener("DOMContentLoaded", function () {
    document.getElementById("content").src = params.get("launch");
  });
}());
