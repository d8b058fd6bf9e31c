import { describe, expect, it } from "vitest";
import { entitiesToHtml } from "../../src/sandbox/api/entities-html.js";

describe("message entities as HTML", () => {
  it("When a message has nested formatting and links, then the HTML nests them and escapes the text", () => {
    const text = "Bold <i> link 🌙 end";
    const html = entitiesToHtml(text, [
      { type: "bold", offset: 0, length: 14 },
      { type: "italic", offset: 5, length: 3 },
      { type: "text_link", offset: 9, length: 4, url: "https://example.org/?a=1&b=2" },
    ]);
    expect(html).toBe('<b>Bold <i>&lt;i&gt;</i> <a href="https://example.org/?a=1&amp;b=2" target="_blank" rel="noopener noreferrer">link</a> </b>🌙 end');
  });

  it("When entities cross, then the inner one is closed and opened again, so the HTML still nests", () => {
    expect(entitiesToHtml("abcd", [{ type: "bold", offset: 0, length: 2 }, { type: "italic", offset: 1, length: 3 }])).toBe("<b>a<i>b</i></b><i>cd</i>");
  });

  it("When a link's address is not http, https, tg, mailto or tel, then it is shown as text", () => {
    expect(entitiesToHtml("click", [{ type: "text_link", offset: 0, length: 5, url: "javascript:alert(1)" }])).toBe("click");
  });

  it("When offsets count UTF-16 units past an emoji, then the right characters are formatted", () => {
    expect(entitiesToHtml("🌙 夜巡", [{ type: "bold", offset: 3, length: 2 }])).toBe("🌙 <b>夜巡</b>");
  });
});
