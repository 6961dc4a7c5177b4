/* Shared by the leadership XBlocks: JSON calls to handlers and reading forms. No strings shown
   to people live here: every message comes from the server, already translated. */
(function (global) {
  "use strict";

  function rootOf(element) {
    return element && element.jquery ? element[0] : element;
  }

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function postJSON(runtime, element, handler, data) {
    return fetch(runtime.handlerUrl(element, handler), {
      method: "POST",
      credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRFToken": csrfToken()},
      body: JSON.stringify(data || {})
    }).then(function (response) {
      if (!response.ok) { throw new Error("HTTP " + response.status); }
      return response.json();
    });
  }

  /* A form's values: radio answers under "answers" when data-answers is set, other fields by
     name (checkbox groups as lists). */
  function formData(form) {
    var data = {}, answers = {};
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name) { return; }
      if (field.type === "radio") {
        if (field.checked) { answers[field.name] = field.value; }
      } else if (field.type === "checkbox") {
        data[field.name] = data[field.name] || [];
        if (field.checked) { data[field.name].push(field.value); }
      } else {
        data[field.name] = field.value;
      }
    });
    if (form.getAttribute("data-answers")) { data.answers = answers; }
    return data;
  }

  function announce(root, message) {
    var status = root.querySelector(".lx-status");
    if (status) { status.textContent = message || ""; }
  }

  global.LeadershipXBlocks = {rootOf: rootOf, postJSON: postJSON, formData: formData,
                              announce: announce};
}(window));
