// The gallery's language and theme switches: they only set attributes on the widgets,
// which re-render themselves.
const form = document.getElementById("switches");
form.addEventListener("change", () => {
  const lang = form.elements.lang.value;
  const theme = form.elements.theme.value;
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  document.documentElement.dataset.theme = theme;
  for (const widget of document.querySelectorAll("park-infographic")) {
    widget.setAttribute("lang", lang);
    widget.setAttribute("theme", theme);
  }
});

// The snippets of the chart and language chosen, for this copy of the bundle: the build
// writes them for an example address (snippets/<chart>.<lang>.html), put in place here.
const EXAMPLE_BUNDLE = "https://cdn.example.org/park-infographic/";
const choice = document.getElementById("snippet-choice");
async function showSnippets() {
  const chart = choice.elements.chart.value;
  const lang = choice.elements.lang.value;
  const bundle = new URL(".", document.baseURI).href;
  for (const [kind, file] of [["component", `${chart}.${lang}.html`], ["iframe", `${chart}.${lang}.iframe.html`]]) {
    const response = await fetch(`snippets/${file}`);
    if (!response.ok) continue; // the build's text stays
    const text = (await response.text()).trim().split(EXAMPLE_BUNDLE).join(bundle);
    const code = document.querySelector(`#snippet-${kind} code`);
    if (code) code.textContent = text;
  }
}
choice.addEventListener("change", showSnippets);
showSnippets();
