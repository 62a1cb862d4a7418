// A gzip layer over a server from .ci/serve.mjs (which sends files as they are): every
// answer with a body is sent `content-encoding: gzip` at level 9, as the README asks of a
// host and as its sizes are counted, when the browser accepts gzip. The product's server
// is left alone; the benchmark wraps its own instances. Bodies are compressed once per
// path and kept (the served trees do not change during a run).
import { gzipSync } from "node:zlib";

/** Wraps `server`'s request handler (the one serve() installed); returns `server`. */
export function gzipped(server) {
  const handlers = server.listeners("request");
  if (handlers.length !== 1) throw new Error(`gzipped: expected one request handler, found ${handlers.length}`);
  server.removeAllListeners("request");
  const cache = new Map(); // path -> { body, gz }
  server.on("request", (req, res) => {
    if (/\bgzip\b/.test(req.headers["accept-encoding"] ?? "")) compressing(res, new URL(req.url, "http://x").pathname, cache);
    handlers[0](req, res);
  });
  return server;
}

/** Makes `res` hold its head until `end(body)`, then send the body gzipped. */
function compressing(res, path, cache) {
  const writeHead = res.writeHead.bind(res);
  const end = res.end.bind(res);
  let head = null;
  res.writeHead = (status, headers = {}) => {
    head = { status, headers };
    return res;
  };
  res.end = (body, ...rest) => {
    if (!head) return end(body, ...rest); // no writeHead: nothing of serve()'s
    const buf = body == null ? Buffer.alloc(0) : Buffer.from(body);
    if (head.status !== 200 || !buf.length) {
      writeHead(head.status, head.headers);
      return end(buf);
    }
    let hit = cache.get(path);
    if (!hit || !hit.body.equals(buf)) cache.set(path, (hit = { body: buf, gz: gzipSync(buf, { level: 9 }) }));
    writeHead(head.status, { ...head.headers, "content-encoding": "gzip", "content-length": hit.gz.length, vary: "accept-encoding" });
    return end(hit.gz);
  };
}
