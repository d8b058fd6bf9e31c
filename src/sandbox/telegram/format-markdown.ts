import type { MessageEntity } from "grammy/types";
import { byteOffset, makeEntity, parseError, sortEntities, type EntityType, type Formatted } from "./format-common.js";

const RESERVED_V2 = new Set("_*[]()~`>#+-=|{}.!");
const V2_NAMES: Partial<Record<EntityType, string>> = {
  bold: "Bold", italic: "Italic", underline: "Underline", strikethrough: "Strikethrough",
  spoiler: "Spoiler", text_link: "TextUrl",
};

interface Open {
  type: EntityType;
  start: number;
  at: number;
}

/**
 * `parse_mode: "MarkdownV2"`. Strict like the real server: an unescaped reserved
 * character is an error, which is the usual way bots break in production.
 */
export function parseMarkdownV2(source: string): Formatted {
  let text = "";
  const entities: MessageEntity[] = [];
  const stack: Open[] = [];
  let quote: { start: number; end: number } | undefined;
  let lineStart = true;
  let i = 0;
  const add = (type: EntityType, start: number, extra?: Record<string, unknown>): void => {
    if (text.length > start) entities.push(makeEntity(type, start, text.length - start, extra));
  };
  const toggle = (type: EntityType, width: number): void => {
    const index = stack.findLastIndex((open) => open.type === type);
    const open = index >= 0 ? stack.splice(index, 1)[0] : undefined;
    if (open) add(type, open.start);
    else stack.push({ type, start: text.length, at: byteOffset(source, i) });
    i += width;
  };
  while (i < source.length) {
    const ch = source[i] as string;
    const at = byteOffset(source, i);
    if (lineStart) {
      lineStart = false;
      if (ch === ">") {
        quote ??= { start: text.length, end: text.length };
        i += 1;
        continue;
      }
      if (quote) entities.push(makeEntity("blockquote", quote.start, quote.end - quote.start));
      quote = undefined;
    }
    if (ch === "\\") {
      text += source[i + 1] ?? "";
      i += 2;
    } else if (source.startsWith("```", i)) {
      const scanned = scanUntil(source, i + 3, "```");
      if (!scanned) throw parseError(`Can't find end of Pre entity at byte offset ${at}`);
      const newline = scanned.content.indexOf("\n");
      const firstLine = newline >= 0 ? scanned.content.slice(0, newline) : "";
      const hasLanguageLine = newline >= 0 && !/\s/.test(firstLine);
      const start = text.length;
      text += hasLanguageLine ? scanned.content.slice(newline + 1) : scanned.content;
      add("pre", start, firstLine && hasLanguageLine ? { language: firstLine } : {});
      i = scanned.end;
    } else if (ch === "`") {
      const scanned = scanUntil(source, i + 1, "`");
      if (!scanned) throw parseError(`Can't find end of Code entity at byte offset ${at}`);
      const start = text.length;
      text += scanned.content;
      add("code", start);
      i = scanned.end;
    } else if (ch === "*") {
      toggle("bold", 1);
    } else if (ch === "_") {
      if (source[i + 1] === "_") toggle("underline", 2);
      else toggle("italic", 1);
    } else if (ch === "~") {
      toggle("strikethrough", 1);
    } else if (source.startsWith("||", i)) {
      toggle("spoiler", 2);
    } else if (ch === "[") {
      stack.push({ type: "text_link", start: text.length, at });
      i += 1;
    } else if (ch === "]" && stack.some((open) => open.type === "text_link") && source[i + 1] === "(") {
      const index = stack.findLastIndex((open) => open.type === "text_link");
      const open = stack.splice(index, 1)[0] as Open;
      const url = scanUntil(source, i + 2, ")");
      if (!url) throw parseError(`Can't find end of a url at byte offset ${byteOffset(source, i + 2)}`);
      add("text_link", open.start, { url: url.content.trim() });
      i = url.end;
    } else if (RESERVED_V2.has(ch)) {
      throw parseError(`Character '${ch}' is reserved and must be escaped with the preceding '\\'`);
    } else {
      if (ch === "\n") {
        if (quote) quote.end = text.length;
        lineStart = true;
      }
      text += ch;
      i += 1;
    }
  }
  if (quote) entities.push(makeEntity("blockquote", quote.start, text.length - quote.start));
  const unclosed = stack[0];
  if (unclosed) throw parseError(`Can't find end of ${V2_NAMES[unclosed.type] ?? unclosed.type} entity at byte offset ${unclosed.at}`);
  return { text, entities: sortEntities(entities.filter((e) => e.length > 0)) };
}

/** Legacy `parse_mode: "Markdown"`: no nesting, fewer escapes. */
export function parseMarkdown(source: string): Formatted {
  let text = "";
  const entities: MessageEntity[] = [];
  let i = 0;
  const unclosed = (index: number) =>
    parseError(`Can't find end of the entity starting at byte offset ${byteOffset(source, index)}`);
  const push = (type: EntityType, content: string, extra?: Record<string, unknown>): void => {
    if (content.length > 0) entities.push(makeEntity(type, text.length, content.length, extra));
    text += content;
  };
  while (i < source.length) {
    const ch = source[i] as string;
    if (ch === "\\" && "_*`[\\".includes(source[i + 1] ?? "#")) {
      text += source[i + 1];
      i += 2;
    } else if (ch === "*" || ch === "_") {
      const end = source.indexOf(ch, i + 1);
      if (end < 0) throw unclosed(i);
      push(ch === "*" ? "bold" : "italic", source.slice(i + 1, end));
      i = end + 1;
    } else if (source.startsWith("```", i)) {
      const end = source.indexOf("```", i + 3);
      if (end < 0) throw unclosed(i);
      const content = source.slice(i + 3, end);
      const newline = content.indexOf("\n");
      const language = newline > 0 && !/\s/.test(content.slice(0, newline)) ? content.slice(0, newline) : undefined;
      push("pre", language ? content.slice(newline + 1) : content, language ? { language } : {});
      i = end + 3;
    } else if (ch === "`") {
      const end = source.indexOf("`", i + 1);
      if (end < 0) throw unclosed(i);
      push("code", source.slice(i + 1, end));
      i = end + 1;
    } else if (ch === "[") {
      const close = source.indexOf("](", i + 1);
      const urlEnd = close >= 0 ? source.indexOf(")", close + 2) : -1;
      if (urlEnd < 0) throw unclosed(i);
      push("text_link", source.slice(i + 1, close), { url: source.slice(close + 2, urlEnd).trim() });
      i = urlEnd + 1;
    } else {
      text += ch;
      i += 1;
    }
  }
  return { text, entities: sortEntities(entities) };
}

/** Reads up to an unescaped `closing`, resolving backslash escapes on the way. */
function scanUntil(source: string, from: number, closing: string): { content: string; end: number } | undefined {
  let content = "";
  let j = from;
  while (j < source.length) {
    if (source[j] === "\\" && j + 1 < source.length) {
      content += source[j + 1];
      j += 2;
    } else if (source.startsWith(closing, j)) {
      return { content, end: j + closing.length };
    } else {
      content += source[j];
      j += 1;
    }
  }
  return undefined;
}
