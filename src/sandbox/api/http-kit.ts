import type { IncomingMessage, ServerResponse } from "node:http";
import type { z } from "zod";

/** An answer with a status and a sentence saying what was wrong: `{"error":"…"}`. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "HttpProblem";
  }
}

export const badInput = (sentence: string) => new HttpProblem(400, sentence);
export const notFound = (sentence: string) => new HttpProblem(404, sentence);

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(payload), "cache-control": "no-store" });
  res.end(payload);
}

/** Reads a request body up to `limit` bytes; a larger one is refused rather than buffered. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpProblem(413, `The request body is larger than ${limit} bytes.`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** A JSON body checked against `schema`; what is wrong comes back as one sentence per problem. */
export async function jsonBody<T extends z.ZodType>(req: IncomingMessage, schema: T): Promise<z.output<T>> {
  const raw = await readBody(req, 64 * 1024);
  let value: unknown;
  try {
    value = raw.length === 0 ? {} : JSON.parse(raw.toString("utf8"));
  } catch {
    throw badInput("The request body is not JSON.");
  }
  return parsed(schema, value, "body");
}

/** Query parameters checked against `schema` (every value arrives as a string). */
export function queryParams<T extends z.ZodType>(url: URL, schema: T): z.output<T> {
  return parsed(schema, Object.fromEntries(url.searchParams), "query");
}

function parsed<T extends z.ZodType>(schema: T, value: unknown, where: string): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const sentences = result.error.issues.map((issue) => {
    const field = issue.path.join(".");
    return field ? `${field}: ${issue.message}` : issue.message;
  });
  throw badInput(`Bad ${where}: ${sentences.join("; ")}.`);
}

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
}

export interface Route {
  method: "GET" | "POST";
  /** "/sandbox/api/chats/:chatId/messages": a `:name` segment matches one path segment. */
  path: string;
  /** Returns the JSON body of a 200 answer, or undefined when it answered itself (files, events). */
  handle: (ctx: RouteContext) => unknown;
}

/** Matches a request against the routes; 404 for an unknown path, 405 for a known path with another method. */
export async function dispatch(routes: readonly Route[], req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://localhost");
  try {
    const matching = routes.map((route) => ({ route, params: match(route.path, url.pathname) })).filter((m) => m.params !== null);
    if (matching.length === 0) throw notFound(`There is no ${url.pathname} in the sandbox API.`);
    const found = matching.find((m) => m.route.method === req.method);
    if (!found) throw new HttpProblem(405, `${url.pathname} takes ${matching.map((m) => m.route.method).join(" or ")}, not ${req.method}.`);
    const body = await found.route.handle({ req, res, url, params: found.params! });
    if (body !== undefined) sendJson(res, 200, body);
  } catch (error) {
    if (!(error instanceof HttpProblem)) throw error;
    if (!res.headersSent) sendJson(res, error.status, { error: error.message });
  }
}

function match(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split("/");
  const got = path.replace(/\/$/, "").split("/");
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (const [i, segment] of want.entries()) {
    const actual = got[i]!;
    if (segment.startsWith(":")) params[segment.slice(1)] = decodeURIComponent(actual);
    else if (segment !== actual) return null;
  }
  return params;
}
