import type { SKRSContext2D } from "@napi-rs/canvas";
import { NOTO_SANS_SC, registerNotoSansSc } from "../fonts/noto-sans-sc.js";
import { drawQrCanvas, qrMatrix, type QrMatrix } from "../print/qr.js";
import { wrapText } from "../print/wrap-text.js";
import { formatTenths } from "./hours.js";
import type { Statement } from "./issue-statement.js";
import { statementCells, type StatementColumn, type StatementLabels } from "./statement-pdf.js";

const WIDTH = 1240;
const PAD = 80;
const LINE = 36;
const CELL_PAD = 8;
/** An image is for sharing from a phone; a longer record is the PDF's job. */
export const IMAGE_ROWS_MAX = 40;
/** Where listing rows stops at the latest, leaving room for the totals and the foot below 10000 − WIDTH px. */
const ROWS_END = 6800;
const COLUMNS: ReadonlyArray<{ field: StatementColumn; width: number; right?: true }> = [
  { field: "date", width: 180 },
  { field: "team", width: 310 },
  { field: "duty", width: 270 },
  { field: "time", width: 170 },
  { field: "hours", width: 150, right: true },
];

type PngLabels = StatementLabels & { more: (n: number) => string };

/**
 * The statement as one PNG to share from a phone: the same words and foot as the PDF, at most
 * IMAGE_ROWS_MAX nights listed (then a line saying how many more the PDF has), and the totals.
 * Laid out twice: once to measure how tall it is, once to draw.
 */
export async function renderStatementPng(statement: Statement, labels: PngLabels): Promise<Buffer> {
  // The canvas library loads on first use, not at start.
  const [{ createCanvas }, qr] = await Promise.all([import("@napi-rs/canvas"), qrMatrix(labels.verifyUrl), registerNotoSansSc()]);
  const height = layout(createCanvas(WIDTH, 10).getContext("2d"), statement, labels, qr, false);
  const canvas = createCanvas(WIDTH, height);
  const g = canvas.getContext("2d");
  g.fillStyle = "#ffffff";
  g.fillRect(0, 0, WIDTH, height);
  layout(g, statement, labels, qr, true);
  return canvas.encode("png");
}

function layout(g: SKRSContext2D, statement: Statement, labels: PngLabels, qr: QrMatrix, draw: boolean): number {
  const inner = WIDTH - 2 * PAD;
  const text = (value: string, x: number, y: number, size: number, options: { align?: "left" | "right" | "center"; colour?: string } = {}) => {
    g.font = `${size}px "${NOTO_SANS_SC}"`;
    if (!draw) return;
    g.fillStyle = options.colour ?? "#111111";
    g.textAlign = options.align ?? "left";
    g.fillText(value, x, y);
  };
  const lines = (value: string, width: number, size: number) => {
    g.font = `${size}px "${NOTO_SANS_SC}"`;
    return wrapText(value, width, (s) => g.measureText(s).width);
  };
  const rule = (y: number, colour: string) => {
    if (!draw) return;
    g.strokeStyle = colour;
    g.lineWidth = 1.5;
    g.beginPath();
    g.moveTo(PAD, y);
    g.lineTo(WIDTH - PAD, y);
    g.stroke();
  };

  let y = PAD;
  for (const line of lines(labels.district, inner, 28)) text(line, WIDTH / 2, (y += 36), 28, { align: "center" });
  y += 20;
  for (const line of lines(labels.title, inner, 44)) text(line, WIDTH / 2, (y += 56), 44, { align: "center" });
  y += 30;
  for (const field of labels.fields) for (const line of lines(field, inner, 28)) text(line, PAD, (y += 44), 28);
  y += 30;

  const row = (values: Record<StatementColumn, string>, strong: boolean) => {
    const cells = COLUMNS.map((c) => lines(values[c.field], c.width - 2 * CELL_PAD, 26));
    const count = Math.max(1, ...cells.map((l) => l.length));
    let x = PAD;
    COLUMNS.forEach((c, i) => {
      cells[i]!.forEach((line, n) => text(line, c.right ? x + c.width - CELL_PAD : x + CELL_PAD, y + CELL_PAD + 28 + n * LINE, 26, { align: c.right ? "right" : "left" }));
      x += c.width;
    });
    y += count * LINE + 2 * CELL_PAD;
    rule(y, strong ? "#444444" : "#cccccc");
  };
  row(labels.columns, true);
  // Telegram refuses a photo whose sides add up to more than 10000 px: rows of long, wrapped names
  // stop early enough for the foot to fit under that.
  let listed = 0;
  for (const r of statement.rows.slice(0, IMAGE_ROWS_MAX)) {
    if (y > ROWS_END && listed < statement.rows.length - 1) break;
    row(statementCells(r, labels), false);
    listed++;
  }
  const shown = statement.rows.slice(0, listed);
  const more = statement.rows.length - shown.length;
  if (more > 0) {
    // The nights not listed keep their hours in the column, so the column still adds up to the total.
    const hours = COLUMNS.at(-1)!;
    const rest = statement.rows.slice(shown.length).reduce((sum, r) => sum + r.tenths, 0);
    const said = lines(labels.more(more), inner - hours.width - CELL_PAD, 24);
    said.forEach((line, n) => text(line, PAD + CELL_PAD, y + CELL_PAD + 28 + n * LINE, 24, { colour: "#555555" }));
    text(formatTenths(rest), WIDTH - PAD - CELL_PAD, y + CELL_PAD + 28, 26, { align: "right", colour: "#555555" });
    y += said.length * LINE + 2 * CELL_PAD;
    rule(y, "#cccccc");
  }
  row({ date: labels.total, team: "", duty: "", time: "", hours: formatTenths(statement.totals.tenths) }, true);

  y += 20;
  for (const line of lines(labels.totals, inner, 28)) text(line, PAD, (y += 40), 28);
  y += 10;
  for (const line of lines(labels.rule, inner, 22)) text(line, PAD, (y += 32), 22, { colour: "#555555" });

  // The foot: QR code and how to verify, signature on the left; stamp box, issuer and date on the right.
  y += 40;
  const top = y;
  const side = draw ? drawQrCanvas(g, qr, PAD, top, 260) : 260;
  let left = top + 10;
  const textX = PAD + side + 24;
  const textWidth = 480;
  for (const line of lines(labels.verify, textWidth, 24)) text(line, textX, (left += 34), 24);
  for (const line of lines(labels.verifyUrl, textWidth, 18)) text(line, textX, (left += 26), 18, { colour: "#555555" });
  const signY = Math.max(top + side, left) + 60;
  text(labels.signature, PAD, signY, 28);
  g.font = `28px "${NOTO_SANS_SC}"`;
  const lineX = PAD + g.measureText(labels.signature).width + 12;
  if (draw) {
    g.strokeStyle = "#111111";
    g.lineWidth = 1.5;
    g.beginPath();
    g.moveTo(lineX, signY + 6);
    g.lineTo(lineX + 300, signY + 6);
    g.stroke();
  }

  const stamp = 260;
  const stampX = WIDTH - PAD - stamp - 20;
  if (draw) {
    g.strokeStyle = "#999999";
    g.lineWidth = 2;
    g.setLineDash([10, 8]);
    g.strokeRect(stampX, top, stamp, stamp);
    g.setLineDash([]);
  }
  text(labels.stamp, stampX + stamp / 2, top + stamp / 2 + 10, 24, { align: "center", colour: "#999999" });
  let right = top + stamp + 2;
  for (const line of [...lines(labels.issuer, 560, 28), labels.issued]) text(line, WIDTH - PAD, (right += 42), 28, { align: "right" });

  y = Math.max(signY, right) + 50;
  text(statement.number, WIDTH / 2, y, 20, { align: "center", colour: "#777777" });
  return y + PAD / 2;
}
