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
