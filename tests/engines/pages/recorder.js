// Put first into every page the cross-engine tests load (WebDriver classic, which drives
// WebKit, has no init scripts): records the widget's events, page errors and CSP
// violations from the very start, for the tests to read.
"use strict";
window.__events = [];
window.__problems = [];
for (const type of ["ready", "error", "hover"]) {
  document.addEventListener(`infographic:${type}`, (e) => {
    const target = e.target instanceof Element ? e.target : null;
    window.__events.push({ type, id: target?.id ?? "", chart: target?.getAttribute("chart") ?? "", detail: e.detail });
  });
}
document.addEventListener("securitypolicyviolation", (e) =>
  window.__problems.push(`CSP: ${e.violatedDirective} ${e.blockedURI}`),
);
window.addEventListener("error", (e) => window.__problems.push(`error: ${e.message}`));
window.addEventListener("unhandledrejection", (e) =>
  window.__problems.push(`unhandled rejection: ${e.reason?.message ?? e.reason}`),
);
