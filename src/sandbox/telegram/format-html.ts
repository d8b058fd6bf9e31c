import type { MessageEntity } from "grammy/types";
import { byteOffset, makeEntity, parseError, sortEntities, type EntityType, type Formatted } from "./format-common.js";

const SIMPLE_TAGS: Record<string, EntityType> = {
  b: "bold", strong: "bold", i: "italic", em: "italic", u: "underline", ins: "underline",
  s: "strikethrough", strike: "strikethrough", del: "strikethrough", "tg-spoiler": "spoiler",
  code: "code", pre: "pre", blockquote: "blockquote",
};
const OTHER_TAGS = new Set(["a", "span", "tg-emoji"]);
const NAMED_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

interface OpenTag {
  name: string;
  start: number;
  attrs: Map<string, string>;
}

/** The subset of HTML that `parse_mode: "HTML"` accepts, with the real server's error wording. */
export function parseHtml(source: string): Formatted {
  let text = "";
  const entities: MessageEntity[] = [];
  const stack: OpenTag[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i] as string;
    if (ch === "&") {
      const m = /^&(#x[0-9a-f]+|#\d+|[a-z]+);/i.exec(source.slice(i, i + 12));
      const decoded = m ? decodeEntity(m[1] as string) : undefined;
      if (m && decoded !== undefined) {
        text += decoded;
        i += m[0].length;
      } else {
        text += ch;
        i += 1;
      }
      continue;
    }
    if (ch !== "<") {
      text += ch;
      i += 1;
      continue;
    }
    const at = byteOffset(source, i);
    const close = source.indexOf(">", i);
    if (close < 0) throw parseError(`Unclosed start tag at byte offset ${at}`);
    const inner = source.slice(i + 1, close);
    i = close + 1;
    if (inner.startsWith("/")) {
      const name = inner.slice(1).trim().toLowerCase();
      const open = stack.pop();
      if (!open) throw parseError(`Unexpected end tag at byte offset ${at}`);
      if (open.name !== name) {
        throw parseError(`Unmatched end tag at byte offset ${at}, expected "</${open.name}>", found "</${name}>"`);
      }
      const entity = entityFor(open, text.length, stack);
      if (entity) entities.push(entity);
      continue;
    }
    const name = (/^[^\s/>]*/.exec(inner)?.[0] ?? "").toLowerCase();
    if (!(name in SIMPLE_TAGS) && !OTHER_TAGS.has(name)) {
      throw parseError(`Unsupported start tag "${name}" at byte offset ${at}`);
    }
    const attrs = parseAttributes(inner.slice(name.length));
    if (name === "span" && attrs.get("class") !== "tg-spoiler") {
      throw parseError(`Tag "span" must have class "tg-spoiler" at byte offset ${at}`);
    }
    stack.push({ name, start: text.length, attrs });
  }
  const unclosed = stack.pop();
  if (unclosed) throw parseError(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
  return { text, entities: sortEntities(entities) };
}

function entityFor(open: OpenTag, end: number, outer: OpenTag[]): MessageEntity | undefined {
  const length = end - open.start;
  if (length <= 0) return undefined;
  switch (open.name) {
    case "a": {
      const href = open.attrs.get("href");
      return href ? makeEntity("text_link", open.start, length, { url: href }) : undefined;
    }
    case "span":
      return makeEntity("spoiler", open.start, length);
    case "tg-emoji":
      return makeEntity("custom_emoji", open.start, length, { custom_emoji_id: open.attrs.get("emoji-id") ?? "" });
    case "code": {
      // `<pre><code class="language-x">` is one pre entity with a language, not pre + code.
      const parent = outer[outer.length - 1];
      if (parent?.name === "pre") {
        const language = /^language-(.+)$/.exec(open.attrs.get("class") ?? "")?.[1];
        if (language) parent.attrs.set("language", language);
        return undefined;
      }
      return makeEntity("code", open.start, length);
    }
    case "pre": {
      const language = open.attrs.get("language");
      return makeEntity("pre", open.start, length, language ? { language } : {});
    }
    case "blockquote":
      return makeEntity(open.attrs.has("expandable") ? "expandable_blockquote" : "blockquote", open.start, length);
    default:
      return makeEntity(SIMPLE_TAGS[open.name] ?? "bold", open.start, length);
  }
}

function parseAttributes(raw: string): Map<string, string> {
  const attrs = new Map<string, string>();
  const re = /([a-z][a-z0-9-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/gi;
  for (const m of raw.matchAll(re)) {
    const value = m[2] ?? m[3] ?? m[4] ?? "";
    attrs.set((m[1] as string).toLowerCase(), decodeAll(value));
  }
  return attrs;
}

function decodeAll(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => decodeEntity(body) ?? whole);
}

function decodeEntity(body: string): string | undefined {
  const numeric = /^#x([0-9a-f]+)$/i.exec(body)?.[1] ?? /^#(\d+)$/.exec(body)?.[1];
  if (numeric === undefined) return NAMED_ENTITIES[body.toLowerCase()];
  const code = body[1] === "x" || body[1] === "X" ? parseInt(numeric, 16) : parseInt(numeric, 10);
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}
