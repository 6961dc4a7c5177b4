/* A minimal LMS for a multi-SCO package: reads the package's imsmanifest.xml (default
 * organization, leaf items, their resources, mastery and completion settings), and launches one
 * SCO at a time in the frame with `lms.launch(index)`: each attempt gets a fresh scorm-again API
 * instance, initialised from the manifest and from what the LMS kept of the learner's earlier
 * attempt on that SCO (entry=resume after cmi.exit=suspend), the way an LMS keeps it per activity.
 * Query: pkg=/pkg/<folder>/ (where the package is served), learner=id.
 * body[data-manifest=ready] once `lms.scos` is filled; `lms.attempts` holds each attempt's
 * record (every value the SCO set) and, after it finished, the runtime's own data model. */
(function () {
  "use strict";
  var CP12 = "http://www.imsproject.org/xsd/imscp_rootv1p1p2";
  var ADLCP12 = "http://www.adlnet.org/xsd/adlcp_rootv1p2";
  var ADLCP13 = "http://www.adlnet.org/xsd/adlcp_v1p3";
  var IMSSS = "http://www.imsglobal.org/xsd/imsss";
  var XML = "http://www.w3.org/XML/1998/namespace";
  var params = new URLSearchParams(window.location.search);
  var pkg = params.get("pkg");
  var learner = params.get("learner");
  var lms = window.lms = { scos: [], attempts: [] };

  function children(parent, ns, name) {
    return parent ? Array.prototype.filter.call(parent.children, function (el) {
      return el.namespaceURI === ns && el.localName === name;
    }) : [];
  }
  function child(parent, ns, name) { return children(parent, ns, name)[0] || null; }
  function text(el) { return el ? el.textContent.trim() : ""; }

  function readManifest(doc) {
    var root = doc.documentElement, cp = root.namespaceURI, scorm12 = cp === CP12;
    var organizations = child(root, cp, "organizations");
    var all = children(organizations, cp, "organization");
    var organization = all.filter(function (o) {
      return o.getAttribute("identifier") === organizations.getAttribute("default");
    })[0] || all[0];
    var resourcesEl = child(root, cp, "resources");
    var resources = children(resourcesEl, cp, "resource");
    var leaves = [];
    (function walk(parent) {
      children(parent, cp, "item").forEach(function (item) {
        if (item.hasAttribute("identifierref")) { leaves.push(item); }
        walk(item);
      });
    }(organization));
    return leaves.map(function (item) {
      var resource = resources.filter(function (r) {
        return r.getAttribute("identifier") === item.getAttribute("identifierref");
      })[0];
      var base = (resourcesEl.getAttributeNS(XML, "base") || "") + (resource.getAttributeNS(XML, "base") || "");
      var sco = { id: item.getAttribute("identifier"), title: text(child(item, cp, "title")),
        href: pkg + base + resource.getAttribute("href") + (item.getAttribute("parameters") || ""),
        runtime: scorm12 ? "scorm12" : "scorm2004",
        scormType: scorm12 ? resource.getAttributeNS(ADLCP12, "scormtype")
          : resource.getAttributeNS(ADLCP13, "scormType") };
      if (scorm12) {
        sco.masteryScore = text(child(item, ADLCP12, "masteryscore"));
        return sco;
      }
      // SCORM 2004: the primary objective satisfied by measure gives cmi.scaled_passing_score
      // (minNormalizedMeasure, 1.0 when absent); the completion threshold gives
      // cmi.completion_threshold (3rd Edition: the element's value; 4th: minProgressMeasure
      // when completedByMeasure is true).
      var sequencing = child(item, IMSSS, "sequencing");
      var primary = child(child(sequencing, IMSSS, "objectives"), IMSSS, "primaryObjective");
      sco.objectiveId = primary ? primary.getAttribute("objectiveID") : "";
      sco.scaledPassingScore = primary && primary.getAttribute("satisfiedByMeasure") === "true"
        ? text(child(primary, IMSSS, "minNormalizedMeasure")) || "1.0" : "";
      var threshold = child(item, ADLCP13, "completionThreshold");
      sco.completionThreshold = "";
      if (threshold && text(threshold)) {
        sco.completionThreshold = text(threshold);
      } else if (threshold && threshold.getAttribute("completedByMeasure") === "true") {
        sco.completionThreshold = threshold.getAttribute("minProgressMeasure") || "1.0";
      }
      // Whether the SCO counts in the objective rollup of its parent (SN rollupRules, default true)
      var rollup = child(sequencing, IMSSS, "rollupRules");
      sco.rollupObjectiveSatisfied = !rollup || rollup.getAttribute("rollupObjectiveSatisfied") !== "false";
      sco.rollupProgressCompletion = !rollup || rollup.getAttribute("rollupProgressCompletion") !== "false";
      var delivery = child(sequencing, IMSSS, "deliveryControls");
      sco.completionSetByContent = !!delivery && delivery.getAttribute("completionSetByContent") === "true";
      sco.objectiveSetByContent = !!delivery && delivery.getAttribute("objectiveSetByContent") === "true";
      return sco;
    });
  }

  var MODEL = {
    scorm12: function (api) {
      var core = api.cmi.core;
      // (cmi.core.session_time is write-only even for the LMS side in scorm-again)
      return { lesson_status: core.lesson_status, score_raw: core.score.raw,
        mastery_score: api.cmi.student_data.mastery_score };
    },
    scorm2004: function (api) {
      var cmi = api.cmi;
      return { completion_status: cmi.completion_status, success_status: cmi.success_status,
        score_scaled: cmi.score.scaled, progress_measure: cmi.progress_measure,
        scaled_passing_score: cmi.scaled_passing_score,
        completion_threshold: cmi.completion_threshold, entry: cmi.entry };
    }
  };

  lms.launch = function (index) {
    var sco = lms.scos[index];
    var key = "lms-record-" + learner + "-" + pkg + "-" + sco.id;
    var saved = JSON.parse(window.localStorage.getItem(key) || "null");
    var attempt = { sco: sco.id, record: {}, rejected: [], model: null };
    var settings = { autocommit: false, lmsCommitUrl: false, logLevel: 5 };
    // The LMS's database for this attempt: every value the SCO set and the runtime accepted;
    // anything it refused is kept too, so a test sees it.
    function remember(api, name) {
      var setValue = api[name].bind(api);
      api[name] = function (element, value) {
        var result = setValue(element, value);
        if (String(result) === "true") {
          attempt.record[element] = String(value);
        } else {
          attempt.rejected.push(element + "=" + value + ": " + api.lastErrorCode);
        }
        return result;
      };
    }
    function keep(api) {
      return function () {
        window.localStorage.setItem(key, JSON.stringify(attempt.record));
        // read once Terminate / LMSFinish has run its own end-of-attempt evaluation
        window.setTimeout(function () { attempt.model = MODEL[sco.runtime](api); }, 0);
      };
    }
    // The SCO before this one is gone once the frame navigates; the new attempt's API replaces it.
    delete window.API;
    delete window.API_1484_11;
    var api;
    if (sco.runtime === "scorm12") {
      var resume = !!(saved && saved["cmi.core.exit"] === "suspend");
      api = window.API = new window.Scorm12API(settings);
      api.loadFromJSON({
        core: { student_id: learner, student_name: "Diallo, Amina", lesson_mode: "normal",
          entry: resume ? "resume" : "ab-initio", credit: "credit",
          lesson_location: resume ? saved["cmi.core.lesson_location"] || "" : "",
          lesson_status: (saved && saved["cmi.core.lesson_status"]) || "not attempted" },
        student_data: { mastery_score: sco.masteryScore },
        suspend_data: resume ? saved["cmi.suspend_data"] || "" : ""
      });
      attempt.entry = resume ? "resume" : "ab-initio";
      remember(api, "LMSSetValue");
      api.on("LMSFinish", keep(api));
    } else {
      var resume2004 = !!(saved && saved["cmi.exit"] === "suspend");
      api = window.API_1484_11 = new window.Scorm2004API(settings);
      var data = { learner_id: learner, learner_name: "Diallo, Amina", mode: "normal", credit: "credit",
        entry: resume2004 ? "resume" : "ab-initio",
        scaled_passing_score: sco.scaledPassingScore, completion_threshold: sco.completionThreshold };
      if (resume2004) {      // the same attempt goes on: the LMS hands back what it kept
        data.location = saved["cmi.location"] || "";
        data.suspend_data = saved["cmi.suspend_data"] || "";
        data.completion_status = saved["cmi.completion_status"] || "unknown";
      }
      api.loadFromJSON(data);
      attempt.entry = data.entry;
      remember(api, "SetValue");
      api.on("Terminate", keep(api));
    }
    lms.attempts.push(attempt);
    var frame = document.getElementById("content");
    return new Promise(function (resolve) {
      frame.addEventListener("load", function () { resolve(sco.id); }, { once: true });
      frame.src = sco.href;
    });
  };

  window.addEventListener("DOMContentLoaded", function () {
    window.fetch(pkg + "imsmanifest.xml").then(function (response) {
      return response.text();
    }).then(function (xml) {
      lms.scos = readManifest(new window.DOMParser().parseFromString(xml, "application/xml"));
      document.body.setAttribute("data-manifest", "ready");
    });
  });
}());
