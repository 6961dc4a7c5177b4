/* Learning path tracker: "check again" re-reads the LRS; the server sends the re-rendered body. */
function LearningPathBlock(runtime, element) {
  "use strict";
  var lx = window.LeadershipXBlocks;
  var root = lx.rootOf(element);
  var body = root.querySelector(".lx-body");

  root.addEventListener("submit", function (event) {
    var form = event.target.closest("form[data-handler]");
    if (!form) { return; }
    event.preventDefault();
    lx.postJSON(runtime, root, form.getAttribute("data-handler"), lx.formData(form))
      .then(function (reply) {
        body.innerHTML = reply.html;
        lx.announce(root, reply.message);
      })
      .catch(function () { lx.announce(root, root.getAttribute("data-network-error")); });
  });
}
