import { readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, resolve, sep } from "node:path";
import { notoSansScPath } from "../../fonts/noto-sans-sc.js";
import { packagePath } from "../../package-path.js";

/** The page and its assets live in src/sandbox/web/ and are read from there by src/ and dist/ alike. */
const WEB_ROOT = packagePath("src", "sandbox", "web");

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
  ".ttf": "font/ttf", ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".json": "application/json; charset=utf-8", ".ico": "image/x-icon",
};

const FONT_NAME = "noto-sans-sc.ttf";

/** GET / is the page; GET /sandbox/web/<file> its scripts, styles and images. */
export async function servePage(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? "/", "http://localhost").pathname;
  if (req.method !== "GET" && req.method !== "HEAD") return void res.writeHead(405, { allow: "GET" }).end();
  const relative = path === "/" ? "index.html" : decodeURIComponent(path.slice("/sandbox/web/".length));
  // The bot's own Chinese font, so the page reads the same on a machine without Chinese fonts.
  const file = relative === FONT_NAME ? notoSansScPath() : resolve(WEB_ROOT, relative);
  if (file !== notoSansScPath() && !file.startsWith(WEB_ROOT + sep)) return void res.writeHead(404).end();
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return void res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found");
  }
  res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "content-length": body.length, "cache-control": file.endsWith(".ttf") ? "max-age=86400" : "no-cache" });
  res.end(req.method === "HEAD" ? undefined : body);
}
