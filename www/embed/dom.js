// Small DOM helpers: elements built from text only (never markup), listeners removed
// together, and file downloads (also the editor's).

/** An element with `props` (`text` is its textContent; aria-*, role, part are attributes). */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "text") node.textContent = v;
    else if (k.startsWith("aria-") || k === "role" || k === "part") node.setAttribute(k, v);
    else node[k] = v;
  }
  node.append(...children);
  return node;
}

/** An <option> of a select (the editor's). */
export const option = (value, text, selected = false) => el("option", { value, text, selected });

/**
 * Listeners removed together when their owner goes. Not an AbortSignal in the options:
 * Safari before 15 ignores that option, and the listeners would outlive the widget.
 */
export class Listeners {
  constructor() {
    this.removers = [];
  }

  on(target, type, fn, options = {}) {
    target.addEventListener(type, fn, options);
    this.removers.push(() => target.removeEventListener(type, fn, options));
  }

  removeAll() {
    for (const remove of this.removers.splice(0)) remove();
  }
}

/** The canvas as a PNG blob; through a data URL where toBlob is missing. */
export function pngBlob(canvas) {
  if (typeof canvas.toBlob === "function") return new Promise((ok) => canvas.toBlob(ok, "image/png"));
  const bytes = atob(canvas.toDataURL("image/png").split(",")[1]);
  const array = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) array[i] = bytes.charCodeAt(i);
  return Promise.resolve(new Blob([array], { type: "image/png" }));
}

/** Saves `blob` as a file named `name` (the link is never shown). */
export function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = el("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked late: a busy browser may start reading a large file's URL seconds after the click.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
