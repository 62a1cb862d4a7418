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
    // The iframe the message came from, and no other; and it must be one of ours by its src
    // (an about:blank or srcdoc frame on a same-origin host page has the host's origin).
    var frames = document.querySelectorAll("iframe");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        if (originOf(frames[i].src) === bundle) frames[i].style.height = Math.ceil(height) + "px";
        return;
      }
    }
  });
})();
