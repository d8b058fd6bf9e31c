import type { IncomingMessage } from "node:http";
import { badRequest } from "./errors.js";

export interface UploadedFile {
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

export interface ParsedRequest {
  /** JSON bodies keep their types; form bodies give strings (see `Params` for coercion). */
  params: Record<string, unknown>;
  /** Multipart file parts by field name, referenced from params as `attach://<name>` or directly. */
  uploads: Map<string, UploadedFile>;
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function parseRequest(contentType: string | undefined, body: Buffer, query: URLSearchParams): ParsedRequest {
  const params: Record<string, unknown> = Object.fromEntries(query);
  const uploads = new Map<string, UploadedFile>();
  const type = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (body.length === 0) return { params, uploads };
  if (type === "application/json") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString("utf8"));
    } catch {
      throw badRequest("can't parse JSON request body");
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      throw badRequest("JSON request body must be an object");
    }
    return { params: { ...params, ...parsed }, uploads };
  }
  if (type === "application/x-www-form-urlencoded") {
    for (const [key, value] of new URLSearchParams(body.toString("utf8"))) params[key] = value;
    return { params, uploads };
  }
  if (type === "multipart/form-data") {
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? "");
    const b = boundary?.[1] ?? boundary?.[2];
    if (!b) throw badRequest("multipart boundary is missing");
    for (const part of splitMultipart(body, b.trim())) {
      if (part.fileName !== undefined) {
        uploads.set(part.name, { fileName: part.fileName, contentType: part.contentType, bytes: part.content });
      } else {
        params[part.name] = part.content.toString("utf8");
      }
    }
    return { params, uploads };
  }
  return { params, uploads };
}

interface MultipartPart {
  name: string;
  fileName?: string;
  contentType: string;
  content: Buffer;
}

/**
 * Hand-written because undici's `Response.formData()` in Node 20 rejects the
 * header style grammY emits (`content-disposition:form-data;name="x"` without
 * spaces, unquoted `filename=`), so it cannot parse grammY's real uploads.
 */
export function splitMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const opening = Buffer.from(`--${boundary}`);
  const separator = Buffer.from(`\r\n--${boundary}`);
  const parts: MultipartPart[] = [];
  let pos = body.indexOf(opening);
  if (pos < 0) throw badRequest("can't parse multipart body");
  pos += opening.length;
  for (;;) {
    if (body.subarray(pos, pos + 2).toString() === "--") break;
    if (body.subarray(pos, pos + 2).toString() === "\r\n") pos += 2;
    const end = body.indexOf(separator, pos);
    if (end < 0) throw badRequest("can't parse multipart body");
    parts.push(parsePart(body.subarray(pos, end)));
    pos = end + separator.length;
  }
  return parts;
}

function parsePart(raw: Buffer): MultipartPart {
  const headerEnd = raw.indexOf("\r\n\r\n");
  if (headerEnd < 0) throw badRequest("can't parse multipart body");
  const headers = new Map<string, string>();
  for (const line of raw.subarray(0, headerEnd).toString("utf8").split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const disposition = headers.get("content-disposition") ?? "";
  const name = /(?:^|;)\s*name\s*=\s*(?:"([^"]*)"|([^;]*))/i.exec(disposition);
  const fileName = /;\s*filename\s*=\s*(?:"([^"]*)"|(.*))$/i.exec(disposition);
  return {
    name: (name?.[1] ?? name?.[2] ?? "").trim(),
    fileName: fileName ? (fileName[1] ?? fileName[2] ?? "").trim() : undefined,
    contentType: headers.get("content-type") ?? "application/octet-stream",
    content: Buffer.from(raw.subarray(headerEnd + 4)),
  };
}
