import { inflateSync } from "node:zlib";

/**
 * The text a PDF shows, one string per text run, read the way a viewer's copy-and-paste does:
 * glyph codes of embedded fonts mapped back through their ToUnicode tables. Enough for PDFs we
 * make with pdfkit (flate streams, Identity-H fonts), so tests need no PDF library.
 */
export function pdfText(pdf: Buffer): string[] {
  const streams = pdfStreams(pdf);
  const glyphs = new Map<number, string>();
  for (const s of streams.filter((s) => s.includes("beginbfrange") || s.includes("beginbfchar"))) readCMap(s, glyphs);
  const runs: string[] = [];
  for (const s of streams) {
    for (const m of s.matchAll(/\[((?:<[0-9a-fA-F]*>|[^\]<])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      const hexes = m[1] !== undefined ? [...m[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]!) : [m[2]!];
      runs.push(hexes.map((hex) => decode(hex, glyphs)).join(""));
    }
  }
  return runs;
}

function pdfStreams(pdf: Buffer): string[] {
  const text = pdf.toString("latin1");
  const found: string[] = [];
  for (const m of text.matchAll(/<<((?:(?!>>\s*stream).)*?)>>\s*stream\r?\n/gs)) {
    const start = m.index + m[0].length;
    const end = text.indexOf("endstream", start);
    const raw = pdf.subarray(start, end);
    if (!/\/FlateDecode/.test(m[1]!)) found.push(raw.toString("latin1"));
    else {
      try {
        found.push(inflateSync(raw).toString("latin1"));
      } catch {
        // An image or a font program, not text.
      }
    }
  }
  return found;
}

function readCMap(cmap: string, glyphs: Map<number, string>): void {
  // An entry may be several code units (a ligature: "ffi" is <0066 0066 0069>).
  const unicode = (hex: string) => String.fromCharCode(...(hex.replace(/\s+/g, "").match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const r of block[1]!.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*(\[[^\]]*\]|<[0-9a-f ]+>)/gi)) {
      const first = parseInt(r[1]!, 16);
      const last = parseInt(r[2]!, 16);
      if (r[3]!.startsWith("[")) [...r[3]!.matchAll(/<([0-9a-f ]+)>/gi)].forEach((t, i) => glyphs.set(first + i, unicode(t[1]!)));
      else for (let code = first, base = parseInt(r[3]!.slice(1, -1), 16); code <= last; code++) glyphs.set(code, String.fromCharCode(base + code - first));
    }
  }
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const c of block[1]!.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f ]+)>/gi)) glyphs.set(parseInt(c[1]!, 16), unicode(c[2]!));
  }
}

const decode = (hex: string, glyphs: Map<number, string>) => (hex.match(/.{4}/g) ?? []).map((h) => glyphs.get(parseInt(h, 16)) ?? "\ufffd").join("");
