// For host pages that embed frame.html in an iframe: sizes each such iframe to the height
// its chart reports. Classic script, no globals; include it once, anywhere on the page.
//   <script src="…/embed-frame.js"></script>
(function () {
  "use strict";
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (typeof data !== "object" || data === null) return;
    if (data.type !== "park-infographic:height" || typeof data.chart !== "string") return;
    var height = data.height;
    if (typeof height !== "number" || !isFinite(height) || height <= 0 || height >= 20000) return;
    // The iframe the message came from, and no other.
    var frames = document.querySelectorAll("iframe");
    for (var i = 0; i < frames.length; i++) {
      if (event.source && frames[i].contentWindow === event.source) {
        frames[i].style.height = Math.ceil(height) + "px";
        return;
      }
    }
  });
})();
