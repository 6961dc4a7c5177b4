/* Leadership assessment: every form posts to its handler; the server answers with the block's
   re-rendered body and a status message, announced to screen readers. */
function LeadershipAssessmentBlock(runtime, element) {
  "use strict";
  var lx = window.LeadershipXBlocks;
  var root = lx.rootOf(element);
  var body = root.querySelector(".lx-body");

  root.addEventListener("submit", function (event) {
    var form = event.target.closest("form[data-handler]");
    if (!form) { return; }
    event.preventDefault();
    var button = form.querySelector("button[type=submit]");
    if (button) { button.disabled = true; }
    lx.postJSON(runtime, root, form.getAttribute("data-handler"), lx.formData(form))
      .then(function (reply) {
        body.innerHTML = reply.html;
        lx.announce(root, reply.message);
        var title = body.querySelector(".lx-title");
        if (title) { title.focus(); }
        if (reply.recheck) {  /* a later request re-adds answers a concurrent write dropped */
          window.setTimeout(function () {
            lx.postJSON(runtime, root, "sync_ratings", {}).catch(function () {});
          }, 1500);
        }
      })
      .catch(function () {
        if (button) { button.disabled = false; }
        lx.announce(root, root.getAttribute("data-network-error"));
      });
  });
}
