import type { SKRSContext2D } from "@napi-rs/canvas";
import { NOTO_SANS_SC, registerNotoSansSc } from "../fonts/noto-sans-sc.js";
import { formatHours } from "./hours.js";
import type { Statement } from "./issue-statement.js";
import { statementCells, type StatementLabels } from "./statement-pdf.js";

const WIDTH = 1240;
const PAD = 80;
const ROW = 44;
/** An image is for sharing from a phone; a longer record is the PDF's job. */
export const IMAGE_ROWS_MAX = 40;
const COLUMNS = [
  { field: "date", width: 190 },
  { field: "team", width: 290 },
  { field: "duty", width: 270 },
  { field: "time", width: 180 },
  { field: "hours", width: 150, right: true },
] as const;

/** Text cut to `width` with an ellipsis; Chinese has no spaces, so it is measured character by character. */
function fit(g: SKRSContext2D, text: string, width: number): string {
  if (g.measureText(text).width <= width) return text;
  let cut = text;
  while (cut.length > 0 && g.measureText(`${cut}…`).width > width) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** Lines of at most `width`, broken at spaces where there are any, else between characters. */
function wrap(g: SKRSContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const piece of text.split(/(?<=\s)|(?=[\u3000-\u9fff])/u)) {
    if (line && g.measureText(line + piece).width > width) {
      lines.push(line.trimEnd());
      line = piece.trimStart();
    } else line += piece;
  }
  if (line) lines.push(line.trimEnd());
  return lines;
}

/**
 * The statement as one PNG to share from a phone: the same words as the PDF, at most
 * IMAGE_ROWS_MAX nights listed (then a line saying how many more the PDF has), and the totals.
 */
export async function renderStatementPng(statement: Statement, labels: StatementLabels & { more: (n: number) => string }): Promise<Buffer> {
  // The canvas library loads on first use, not at start.
  const [{ createCanvas }] = await Promise.all([import("@napi-rs/canvas"), registerNotoSansSc()]);
  const shown = statement.rows.slice(0, IMAGE_ROWS_MAX);
  const more = statement.rows.length - shown.length;
  const height = PAD * 2 + 150 + labels.fields.length * 44 + (shown.length + 2 + (more > 0 ? 1 : 0)) * ROW + 330;
  const canvas = createCanvas(WIDTH, height);
  const g = canvas.getContext("2d");
  g.fillStyle = "#ffffff";
  g.fillRect(0, 0, WIDTH, height);
  const text = (value: string, x: number, y: number, size: number, options: { align?: "left" | "right" | "center"; colour?: string } = {}) => {
    g.font = `${size}px "${NOTO_SANS_SC}"`;
    g.fillStyle = options.colour ?? "#111111";
    g.textAlign = options.align ?? "left";
    g.fillText(value, x, y);
  };
  const inner = WIDTH - 2 * PAD;
  let y = PAD + 28;
  text(labels.district, WIDTH / 2, y, 28, { align: "center" });
  text(labels.title, WIDTH / 2, (y += 64), 44, { align: "center" });
  y += 40;
  for (const field of labels.fields) text(field, PAD, (y += 44), 28);
  y += 30;

  const row = (values: Record<(typeof COLUMNS)[number]["field"], string>, rule: boolean) => {
    let x = PAD;
    g.font = `26px "${NOTO_SANS_SC}"`;
    for (const c of COLUMNS) {
      const cell = fit(g, values[c.field], c.width - 12);
      text(cell, "right" in c ? x + c.width - 6 : x + 6, y + 31, 26, { align: "right" in c ? "right" : "left" });
      x += c.width;
    }
    if (rule) {
      g.strokeStyle = "#444444";
      g.lineWidth = 1.5;
      g.beginPath();
      g.moveTo(PAD, y + ROW);
      g.lineTo(WIDTH - PAD, y + ROW);
      g.stroke();
    }
    y += ROW;
  };
  row(labels.columns, true);
  for (const r of shown) row(statementCells(r, labels), false);
  if (more > 0) text(labels.more(more), PAD + 6, (y += ROW) - 13, 24, { colour: "#555555" });
  row({ date: labels.total, team: "", duty: "", time: "", hours: formatHours(statement.totals.minutes) }, true);

  y += 30;
  g.font = `28px "${NOTO_SANS_SC}"`;
  for (const line of wrap(g, labels.totals, inner)) text(line, PAD, (y += 40), 28);
  y += 10;
  g.font = `22px "${NOTO_SANS_SC}"`;
  for (const line of wrap(g, labels.rule, inner).slice(0, 3)) text(line, PAD, (y += 32), 22, { colour: "#555555" });
  text(labels.issuer, WIDTH - PAD, (y += 70), 28, { align: "right" });
  text(labels.issued, WIDTH - PAD, (y += 42), 28, { align: "right" });
  text(statement.number, WIDTH / 2, height - PAD / 2, 20, { align: "center", colour: "#777777" });
  return canvas.encode("png");
}
