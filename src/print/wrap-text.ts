/**
 * Line breaking for printed documents (statements, posters, charts), measured with the font that
 * draws the text. Chinese may break between any two characters, other text at spaces; closing
 * punctuation never starts a line and opening punctuation never ends one. A last line of a single
 * character is not left alone: the line before gives it a neighbour.
 */

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/u;
/** Never at the start of a line: they belong to what comes before them. */
const CLOSING = /^[，。、；：？！）】》」』”’,.;:?!)\]}%…·\-–—]$/u;
/** Never at the end of a line: they belong to what comes after them. */
const OPENING = /^[（【《「『“‘([{]$/u;

/** Breakable pieces: a Latin word with its trailing space, or one Chinese character, punctuation glued on. */
export function breakablePieces(text: string): string[] {
  const pieces: string[] = [];
  let pendingOpen = "";
  // A no-break space (U+00A0) joins what it stands between: "/statement\u00a0NH-S-…" stays on one line.
  for (const token of text.match(/[^ \t\r\n\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]+[ \t\r\n]*|[ \t\r\n]+|./gsu) ?? []) {
    const single = [...token].length === 1;
    if (single && OPENING.test(token)) {
      pendingOpen += token;
      continue;
    }
    if (single && CLOSING.test(token) && pieces.length > 0 && !pendingOpen) {
      pieces[pieces.length - 1] += token;
      continue;
    }
    if (/^[ \t\r\n]+$/.test(token) && pieces.length > 0) {
      pieces[pieces.length - 1] += token;
      continue;
    }
    pieces.push(pendingOpen + token);
    pendingOpen = "";
  }
  if (pendingOpen) pieces.push(pendingOpen);
  return pieces;
}

/** Visible characters, punctuation and spaces not counted: an orphan is a line with one. */
const weight = (line: string) => [...line].filter((c) => !/\s/u.test(c) && !CLOSING.test(c) && !OPENING.test(c)).length;

/**
 * Lines no wider than `width` by `measure` (a word wider than a whole line is cut between
 * characters). Never one character alone on the last line when there are more lines.
 */
export function wrapText(text: string, width: number, measure: (s: string) => number): string[] {
  const lines: string[][] = [];
  let line: string[] = [];
  const fits = (pieces: string[]) => measure(pieces.join("").trimEnd()) <= width;
  for (const piece of breakablePieces(text)) {
    if (fits([...line, piece])) {
      line.push(piece);
      continue;
    }
    if (line.length > 0) lines.push(line);
    line = [];
    if (fits([piece])) {
      line.push(piece);
      continue;
    }
    // A word longer than the line: cut it where it must.
    let part = "";
    for (const c of piece) {
      if (part && measure((part + c).trimEnd()) > width) {
        lines.push([part]);
        part = "";
      }
      part += c;
    }
    line = [part];
  }
  if (line.length > 0) lines.push(line);

  // Re-balance an orphaned last line by moving the last piece (or two) of the line before down.
  for (let moves = 0; moves < 2 && lines.length > 1; moves++) {
    const last = lines.at(-1)!;
    const before = lines.at(-2)!;
    if (weight(last.join("")) > 1 || before.length < 2) break;
    const moved = [before.pop()!, ...last];
    if (!fits(moved)) {
      before.push(moved.shift()!);
      break;
    }
    lines[lines.length - 1] = moved;
  }
  return lines.map((l) => l.join("").trim()).filter((l) => l.length > 0);
}

/** Whether a line is a single character (punctuation aside): what wrapText avoids on a last line. */
export const isOrphan = (line: string): boolean => weight(line) <= 1 && CJK.test(line);
