// A small static server for `make serve` and the end-to-end tests: correct MIME types
// (browsers refuse to stream-compile wasm served as anything but application/wasm) and
// the strict Content-Security-Policy the widget must work under, on every page.
//
//   node .ci/serve.mjs <root> [port]
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { basename, extname, join, normalize, resolve } from "node:path";
import { pathToFileURL } from "node:url";

export const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
/** The editor page alone also shows blob: images: it draws its long image's SVG on a canvas that way. */
export const EDITOR_CSP = `${CSP}; img-src 'self' blob:`;

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

/**
 * Starts serving `root` on 127.0.0.1:`port` (0 picks a free port); resolves to the server.
 * `headers` are added to every file served from `root`.
 */
export function serve(root, port = 0, { routes = {}, headers: extra = {} } = {}) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://localhost");
    const route = routes[url.pathname];
    if (route) return route(req, res);
    let path = normalize(join(base, decodeURIComponent(url.pathname)));
    if (!path.startsWith(base)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(path)).isDirectory()) path = join(path, "index.html");
      const body = await readFile(path);
      const type = TYPES[extname(path)] ?? "application/octet-stream";
      const headers = { "content-type": type, "cache-control": "no-store", ...extra };
      if (type.startsWith("text/html")) headers["content-security-policy"] = basename(path) === "editor.html" ? EDITOR_CSP : CSP;
      res.writeHead(200, headers).end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  return new Promise((ok) => server.listen(port, "127.0.0.1", () => ok(server)));
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [root = "dist", port = "8080"] = process.argv.slice(2);
  const server = await serve(root, Number(port));
  const { port: p } = server.address();
  console.log(`park-infographic: http://127.0.0.1:${p}/ (gallery), http://127.0.0.1:${p}/article.html (demo article)`);
}
