import { describe, expect, it } from "vitest";
import { ApiError } from "../../src/sandbox/telegram/errors.js";
import { formatText } from "../../src/sandbox/telegram/formatting.js";

function parseFailure(source: string, mode: string): string {
  try {
    formatText(source, mode);
  } catch (error) {
    if (error instanceof ApiError) return error.description;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(source)} to be refused in ${mode}`);
}

describe("HTML parse mode", () => {
  it("When tags nest, then entities are nested and sorted by offset", () => {
    expect(formatText("<b>Patrol <i>north</i></b> <a href=\"https://x.test/?a=1&amp;b=2\">map</a>", "HTML")).toEqual({
      text: "Patrol north map",
      entities: [
        { type: "bold", offset: 0, length: 12 },
        { type: "italic", offset: 7, length: 5 },
        { type: "text_link", offset: 13, length: 3, url: "https://x.test/?a=1&b=2" },
      ],
    });
  });

  it("When pre wraps code with a language, then a single pre entity carries it", () => {
    expect(formatText('<pre><code class="language-ts">let x = 1;</code></pre>', "HTML").entities).toEqual([
      { type: "pre", offset: 0, length: 10, language: "ts" },
    ]);
  });

  it("When tags do not match, then the real error wording comes back", () => {
    expect(parseFailure("<b>bold</i>", "HTML")).toBe(
      'Bad Request: can\'t parse entities: Unmatched end tag at byte offset 7, expected "</b>", found "</i>"',
    );
    expect(parseFailure("<b>open", "HTML")).toBe(
      'Bad Request: can\'t parse entities: Can\'t find end tag corresponding to start tag "b"',
    );
    expect(parseFailure("Привет <p>", "HTML")).toBe(
      'Bad Request: can\'t parse entities: Unsupported start tag "p" at byte offset 13',
    );
  });

  it("When entities like &lt; and &#128110; appear, then they are decoded", () => {
    expect(formatText("1 &lt; 2 &#128110; &nbsp;", "HTML").text).toBe("1 < 2 👮 &nbsp;");
  });
});

describe("Markdown parse modes", () => {
  it("When MarkdownV2 mixes styles, links and escapes, then entities match", () => {
    expect(formatText("*Shift* _starts_ __now__ ~not~ ||secret|| `code` [map](https://x.test/a\\)b) \\#1", "MarkdownV2")).toEqual({
      text: "Shift starts now not secret code map #1",
      entities: [
        { type: "bold", offset: 0, length: 5 },
        { type: "italic", offset: 6, length: 6 },
        { type: "underline", offset: 13, length: 3 },
        { type: "strikethrough", offset: 17, length: 3 },
        { type: "spoiler", offset: 21, length: 6 },
        { type: "code", offset: 28, length: 4 },
        { type: "text_link", offset: 33, length: 3, url: "https://x.test/a)b" },
      ],
    });
  });

  it("When MarkdownV2 has a pre block and a quote, then both become entities", () => {
    expect(formatText("```python\nprint(1)\n```\n>quoted line\nafter", "MarkdownV2")).toEqual({
      text: "print(1)\n\nquoted line\nafter",
      entities: [
        { type: "pre", offset: 0, length: 9, language: "python" },
        { type: "blockquote", offset: 10, length: 11 },
      ],
    });
  });

  it("When MarkdownV2 leaves an entity open or a reserved char bare, then it is refused", () => {
    expect(parseFailure("*bold", "MarkdownV2")).toBe("Bad Request: can't parse entities: Can't find end of Bold entity at byte offset 0");
    expect(parseFailure("a-b", "MarkdownV2")).toBe(
      "Bad Request: can't parse entities: Character '-' is reserved and must be escaped with the preceding '\\'",
    );
  });

  it("When legacy Markdown is used, then simple entities work and unclosed ones are refused", () => {
    expect(formatText("*bold* _it_ [x](https://x.test) 1.5-2", "Markdown")).toEqual({
      text: "bold it x 1.5-2",
      entities: [
        { type: "bold", offset: 0, length: 4 },
        { type: "italic", offset: 5, length: 2 },
        { type: "text_link", offset: 8, length: 1, url: "https://x.test" },
      ],
    });
    expect(parseFailure("snake_case", "Markdown")).toBe(
      "Bad Request: can't parse entities: Can't find end of the entity starting at byte offset 5",
    );
  });
});

describe("trimming", () => {
  it("When text has surrounding whitespace, then it is trimmed and entities shift with it", () => {
    expect(formatText("\n  <b>Hi</b>  \n", "HTML")).toEqual({ text: "Hi", entities: [{ type: "bold", offset: 0, length: 2 }] });
  });
});
