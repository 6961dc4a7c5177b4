/* Studio editor for both blocks: save through `studio_submit`, show errors beside their fields. */
function LeadershipStudioEditor(runtime, element) {
  "use strict";
  var lx = window.LeadershipXBlocks;
  var root = lx.rootOf(element);
  var form = root.querySelector(".lx-studio-form");

  function clearErrors() {
    Array.prototype.forEach.call(root.querySelectorAll(".lx-error"), function (node) {
      node.textContent = "";
    });
    Array.prototype.forEach.call(root.querySelectorAll("[aria-invalid]"), function (node) {
      node.removeAttribute("aria-invalid");
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearErrors();
    if (runtime.notify) { runtime.notify("save", {state: "start"}); }
    lx.postJSON(runtime, root, "studio_submit", lx.formData(form)).then(function (reply) {
      if (reply.result === "success") {
        lx.announce(root, root.getAttribute("data-saved"));
        if (runtime.notify) { runtime.notify("save", {state: "end"}); }
        return;
      }
      lx.announce(root, root.getAttribute("data-invalid"));
      var first = null;
      reply.errors.forEach(function (error) {
        var field = root.querySelector('[data-field="' + error.field + '"]');
        if (!field) { return; }
        field.querySelector(".lx-error").textContent = error.message;
        var input = field.querySelector("input, select, textarea");
        if (input) { input.setAttribute("aria-invalid", "true"); first = first || input; }
      });
      if (runtime.notify) { runtime.notify("error", {title: root.getAttribute("data-invalid"), message: ""}); }
      if (first) { first.focus(); }
    }).catch(function () {
      lx.announce(root, root.getAttribute("data-network-error"));
    });
  });

  root.querySelector(".lx-cancel").addEventListener("click", function () {
    if (runtime.notify) { runtime.notify("cancel", {}); }
  });
}
