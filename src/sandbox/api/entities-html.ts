import type { MessageEntity } from "grammy/types";

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Only links a browser may follow from a chat: never `javascript:` or `data:`. */
function safeHref(url: string): string | null {
  try {
    return ["http:", "https:", "tg:", "mailto:", "tel:"].includes(new URL(url).protocol) ? url : null;
  } catch {
    return null;
  }
}

function tags(entity: MessageEntity, covered: string): [open: string, close: string] {
  const link = (href: string | null): [string, string] => (href ? [`<a href="${escape(href)}" target="_blank" rel="noopener noreferrer">`, "</a>"] : ["", ""]);
  switch (entity.type) {
    case "bold": return ["<b>", "</b>"];
    case "italic": return ["<i>", "</i>"];
    case "underline": return ["<u>", "</u>"];
    case "strikethrough": return ["<s>", "</s>"];
    case "spoiler": return ['<span class="tg-spoiler">', "</span>"];
    case "code": return ["<code>", "</code>"];
    case "pre": return [entity.language ? `<pre><code class="language-${escape(entity.language)}">` : "<pre><code>", "</code></pre>"];
    case "blockquote": return ["<blockquote>", "</blockquote>"];
    case "expandable_blockquote": return ['<blockquote class="tg-expandable">', "</blockquote>"];
    case "text_link": return link(safeHref(entity.url));
    case "url": return link(safeHref(/^[a-z][a-z0-9+.-]*:/i.test(covered) ? covered : `https://${covered}`));
    case "email": return link(`mailto:${covered}`);
    case "phone_number": return link(`tel:${covered.replace(/[^\d+]/g, "")}`);
    default: return [`<span class="tg-${entity.type.replace(/_/g, "-")}">`, "</span>"];
  }
}

/**
 * Text with Telegram's entities as HTML, the way a client shows the message: formatting tags,
 * links, and a `tg-…` class for the rest (mentions, commands, hashtags). Offsets are UTF-16 code
 * units, as in JavaScript strings. Entities nest; one that would cross another is cut at the
 * crossing and reopened, so the HTML always nests.
 */
export function entitiesToHtml(text: string, entities: readonly MessageEntity[] = []): string {
  const sorted = [...entities].filter((e) => e.length > 0).sort((a, b) => a.offset - b.offset || b.length - a.length);
  const open: Array<{ entity: MessageEntity; close: string; open: string }> = [];
  let html = "";
  let next = 0;
  for (let position = 0; position <= text.length; position++) {
    // Close what ends here; anything opened inside it that runs on is closed and opened again.
    const reopen: typeof open = [];
    while (open.some((o) => o.entity.offset + o.entity.length <= position)) {
      const top = open.pop()!;
      html += top.close;
      if (top.entity.offset + top.entity.length > position) reopen.unshift(top);
    }
    for (const again of reopen) {
      html += again.open;
      open.push(again);
    }
    while (next < sorted.length && sorted[next]!.offset === position) {
      const entity = sorted[next++]!;
      const [openTag, closeTag] = tags(entity, text.slice(entity.offset, entity.offset + entity.length));
      html += openTag;
      open.push({ entity, open: openTag, close: closeTag });
    }
    if (position < text.length) html += escape(text[position]!);
  }
  return html;
}
