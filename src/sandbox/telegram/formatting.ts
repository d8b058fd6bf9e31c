import type { MessageEntity } from "grammy/types";
import { badRequest } from "./errors.js";
import type { Formatted } from "./format-common.js";
import { parseHtml } from "./format-html.js";
import { parseMarkdown, parseMarkdownV2 } from "./format-markdown.js";

export type { Formatted } from "./format-common.js";

/** Mirrors the server turning `parse_mode` markup into plain text plus entities, then trimming it. */
export function formatText(source: string, parseMode: string | undefined, given?: MessageEntity[]): Formatted {
  let parsed: Formatted;
  switch (parseMode) {
    case undefined:
    case "":
      parsed = { text: source, entities: given ?? [] };
      break;
    case "HTML":
      parsed = parseHtml(source);
      break;
    case "MarkdownV2":
      parsed = parseMarkdownV2(source);
      break;
    case "Markdown":
      parsed = parseMarkdown(source);
      break;
    default:
      throw badRequest(`unsupported parse_mode`);
  }
  return trimFormatted(parsed);
}

// Telegram drops surrounding whitespace, so a bot sending "\nHello\n" gets back "Hello".
function trimFormatted({ text, entities }: Formatted): Formatted {
  const lead = text.length - text.trimStart().length;
  const trimmed = text.trim();
  const kept: MessageEntity[] = [];
  for (const entity of entities) {
    const start = Math.max(0, entity.offset - lead);
    const end = Math.min(trimmed.length, entity.offset + entity.length - lead);
    if (end > start) kept.push({ ...entity, offset: start, length: end - start });
  }
  return { text: trimmed, entities: kept };
}
