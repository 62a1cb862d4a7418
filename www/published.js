// The index page of a folder the editor published without knowing where it would be
// uploaded: its snippets name the folder by relative addresses ("./"), which an article
// on another site cannot use. Opened on the host, the page gives them its own address, so
// the journalist copies them from here as they are.
const here = new URL(".", document.baseURI);
if (here.protocol === "http:" || here.protocol === "https:") {
  for (const code of document.querySelectorAll("pre code[data-relative]")) {
    code.textContent = code.textContent.split('="./').join(`="${here.href}`);
  }
  const note = document.getElementById("relative-note");
  if (note) {
    note.textContent =
      `这些代码已改为本文件夹的网址（${here.href}），可直接粘贴进文章。` +
      ` · These snippets now point at this folder's address (${here.href}): paste them into an article as they are.`;
  }
}
