// For host pages that embed frame.html in an iframe: sizes each such iframe to the height
// its chart reports. Classic script, no globals; include it once, anywhere on the page,
// from the same place as frame.html (it trusts that origin only).
//   <script src="…/embed-frame.js"></script>
(function () {
  "use strict";
  // The bundle's origin: where this script was loaded from. Only iframes whose src is on
  // it, posting from it, are resized: any other frame on the page (an ad, say) could send
  // a well-formed message too.
  var script = document.currentScript;
  if (!script || !script.src) return; // not loaded by <script src>: nothing to trust
  var bundle = new URL(script.src, location.href).origin;

  function originOf(url) {
    try {
      return new URL(url, location.href).origin;
    } catch (e) {
      return null;
    }
  }

  window.addEventListener("message", function (event) {
    if (event.origin !== bundle || !event.source) return;
    var data = event.data;
    if (typeof data !== "object" || data === null) return;
    if (data.type !== "park-infographic:height" || typeof data.chart !== "string") return;
    var height = data.height;
    if (typeof height !== "number" || !isFinite(height) || height <= 0 || height >= 20000) return;
    // The iframe the message came from, and no other; and it must be one of ours by its src:
    // a frame without one (about:blank, srcdoc) has the origin of the page that made it,
    // which may be the bundle's.
    var frames = document.querySelectorAll("iframe");
    for (var i = 0; i < frames.length; i++) {
      var frame = frames[i];
      if (frame.contentWindow !== event.source) continue;
      var ours = frame.getAttribute("src") && !frame.hasAttribute("srcdoc") && originOf(frame.src) === bundle;
      if (ours) frame.style.height = Math.ceil(height) + "px";
      return;
    }
  });
})();
