import type { Cell, Row } from "write-excel-file/node";

/** Column widths in characters, as Excel counts them: wide enough for most cells, never a wall. */
const MIN_WIDTH = 6;
const MAX_WIDTH = 50;

/** A cell as the sheets hold it: text, a number, or a number shown with two decimals. */
export type SheetCell = string | number | null | { value: number; format: "0.00" };

/**
 * One sheet with a bold header row that stays in view and columns as wide as their contents. A
 * cell is always text or a number, never a formula, so typed text needs no defusing here.
 */
export async function writeWorkbook(header: string[], rows: SheetCell[][]): Promise<Buffer> {
  const widths = header.map(displayWidth);
  for (const row of rows) {
    row.forEach((cell, i) => {
      if (cell !== null) widths[i] = Math.max(widths[i] ?? 0, displayWidth(typeof cell === "object" ? cell.value.toFixed(2) : String(cell)));
    });
  }
  const sheet: Row[] = [header.map((value) => ({ value, fontWeight: "bold" as const })), ...(rows as Cell[][])];
  // Loaded on the first workbook, not when the bot starts.
  const { default: writeXlsxFile } = await import("write-excel-file/node");
  return writeXlsxFile(sheet, {
    stickyRowsCount: 1,
    columns: widths.map((w) => ({ width: Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w + 2)) })),
  }).toBuffer();
}

/** A Chinese character takes two columns; only the longest line of a multi-line cell counts. */
function displayWidth(text: string): number {
  let widest = 0;
  for (const line of text.split("\n")) {
    let width = 0;
    for (const ch of line) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
    widest = Math.max(widest, width);
  }
  return widest;
}
