import { readFileSync } from "node:fs";
import { notoSansScPath } from "../fonts/noto-sans-sc.js";
import { drawQrPdf, qrMatrix } from "../print/qr.js";
import { wrapText } from "../print/wrap-text.js";
import { formatTenths } from "./hours.js";
import type { Statement, StatementRow } from "./issue-statement.js";

/** The words on a statement, in the reader's language; the caller fills them from its messages. */
export interface StatementLabels {
  district: string;
  /** Who issues it, printed above the date of issue. */
  issuer: string;
  title: string;
  /** Lines under the title, each label with its value: name, affiliation, period, statement number. */
  fields: string[];
  /** "Issued: 2027-06-12". */
  issued: string;
  columns: { date: string; team: string; duty: string; time: string; hours: string };
  patrol: string;
  total: string;
  /** "12 nights, 46.5 hours": the totals in words. */
  totals: string;
  /** How the hours were counted, printed under the table. */
  rule: string;
  /** "Verify: scan the QR code or send /statement NH-S-… to @bot." */
  verify: string;
  /** The verification page of this statement, which the QR code opens. */
  verifyUrl: string;
  /** Printed faintly in the box where the office stamps it. */
  stamp: string;
  /** "Signed:", before the line for a signature. */
  signature: string;
  page: (page: number, pages: number) => string;
}

export type StatementColumn = keyof StatementLabels["columns"];

const MARGIN = 56;
const LINE = 14;
const PAD = 4;
const COLUMNS: ReadonlyArray<{ field: StatementColumn; width: number; right?: true }> = [
  { field: "date", width: 72 },
  { field: "team", width: 138 },
  { field: "duty", width: 128 },
  { field: "time", width: 80 },
  { field: "hours", width: 65, right: true },
];
/** The verification block: QR code, how to verify, signature, stamp, issuer and date. */
const FOOT = 190;

// Noto Sans SC covers Chinese and Latin, so names in either print; it is read once and embedded as a subset.
let font: Buffer | undefined;
function statementFont(): Buffer {
  font ??= readFileSync(notoSansScPath());
  return font;
}

/**
 * A4 statement: district, title, who and which period, a row per night (long team and post names
 * wrap in their cell), the total of the rows as printed, and a foot to verify and certify it.
 * Every paragraph is broken by wrapText and drawn line by line, so no line is left with one character.
 */
export async function renderStatementPdf(statement: Statement, labels: StatementLabels): Promise<Buffer> {
  // pdfkit and its font engine take a noticeable part of a start to load, for a rare command.
  const [{ default: PDFDocument }, qr] = await Promise.all([import("pdfkit"), qrMatrix(labels.verifyUrl)]);
  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    bufferPages: true,
    info: { Title: `${labels.title} ${statement.number}`, Author: labels.issuer, Subject: statement.person.name ?? "" },
  });
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  doc.font(statementFont());
  const width = doc.page.width - 2 * MARGIN;
  const bottom = () => doc.page.height - MARGIN - 10;
  const paragraph = (text: string, size: number, options: { align?: "left" | "center" | "right"; x?: number; width?: number; colour?: string } = {}) => {
    doc.fontSize(size).fillColor(options.colour ?? "black");
    const w = options.width ?? width;
    for (const line of wrapText(text, w, (s) => doc.widthOfString(s))) {
      doc.text(line, options.x ?? MARGIN, doc.y, { width: w, align: options.align ?? "left", lineBreak: false });
      doc.y += size * 1.45;
    }
  };

  paragraph(labels.district, 12, { align: "center" });
  doc.y += 4;
  paragraph(labels.title, 18, { align: "center" });
  doc.y += 12;
  for (const line of labels.fields) paragraph(line, 11);
  doc.y += 10;

  const header = Object.fromEntries(COLUMNS.map((c) => [c.field, labels.columns[c.field]])) as Record<StatementColumn, string>;
  row(doc, header, true);
  for (const r of statement.rows) {
    const cells = statementCells(r, labels);
    if (doc.y + rowHeight(doc, cells) + LINE + 2 * PAD > bottom()) {
      doc.addPage();
      row(doc, header, true);
    }
    row(doc, cells);
  }
  row(doc, { date: labels.total, team: "", duty: "", time: "", hours: formatTenths(statement.totals.tenths) }, true, true);

  doc.y += 14;
  if (doc.y + 60 > bottom()) doc.addPage();
  paragraph(labels.totals, 11);
  doc.y += 4;
  paragraph(labels.rule, 9, { colour: "#444444" });

  // The foot stays whole on one page: what certifies the statement is not split from itself.
  doc.y += 16;
  if (doc.y + FOOT > bottom()) doc.addPage();
  foot(doc, labels, qr, width);

  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    // Written into the bottom margin, which pdfkit would otherwise answer with a new page.
    doc.page.margins.bottom = 0;
    doc.fontSize(8).fillColor("#666666").text(`${statement.number} · ${labels.page(i + 1, range.count)}`, MARGIN, doc.page.height - MARGIN + 16, { width, align: "center", lineBreak: false });
  }
  doc.end();
  return done;
}

/** QR code and how to verify on the left, the stamp box, issuer, date and signature on the right. */
function foot(doc: PDFKit.PDFDocument, labels: StatementLabels, qr: Awaited<ReturnType<typeof qrMatrix>>, width: number): void {
  const top = doc.y;
  const side = 104;
  drawQrPdf(doc, qr, MARGIN, top, side);
  doc.link(MARGIN, top, side, side, labels.verifyUrl);
  const textX = MARGIN + side + 10;
  const textWidth = 235;
  doc.y = top + 8;
  doc.fontSize(9).fillColor("black");
  for (const line of wrapText(labels.verify, textWidth, (s) => doc.widthOfString(s))) {
    doc.text(line, textX, doc.y, { width: textWidth, lineBreak: false });
    doc.y += 13;
  }
  doc.fontSize(7).fillColor("#555555");
  for (const line of wrapText(labels.verifyUrl, textWidth, (s) => doc.widthOfString(s))) {
    doc.text(line, textX, doc.y + 2, { width: textWidth, lineBreak: false });
    doc.y += 10;
  }

  // The stamp goes over the issuer's name, as on any Chinese certificate: a box marks where.
  const stampSide = 110;
  const stampX = MARGIN + width - stampSide - 10;
  doc.save().lineWidth(0.8).dash(4, { space: 3 }).strokeColor("#999999").rect(stampX, top, stampSide, stampSide).stroke().undash().restore();
  doc.fontSize(9).fillColor("#999999").text(labels.stamp, stampX, top + stampSide / 2 - 6, { width: stampSide, align: "center", lineBreak: false });
  const rightWidth = 220;
  const rightX = MARGIN + width - rightWidth;
  doc.fontSize(11).fillColor("black");
  let rightY = top + stampSide + 10;
  for (const line of [...wrapText(labels.issuer, rightWidth, (s) => doc.widthOfString(s)), labels.issued]) {
    doc.text(line, rightX, rightY, { width: rightWidth, align: "right", lineBreak: false });
    rightY += 17;
  }

  const signY = top + side + 44;
  doc.fontSize(11).fillColor("black").text(labels.signature, MARGIN, signY, { lineBreak: false });
  const lineX = MARGIN + doc.widthOfString(labels.signature) + 6;
  doc.moveTo(lineX, signY + 14).lineTo(lineX + 150, signY + 14).lineWidth(0.6).strokeColor("black").stroke();
  doc.x = MARGIN;
  doc.y = Math.max(top + FOOT, rightY);
}

/** One night of the statement as printed: the duty in words, times as from–to, hours to one decimal. */
export function statementCells(r: StatementRow, labels: StatementLabels): Record<StatementColumn, string> {
  const duty = r.duty.kind === "patrol" ? labels.patrol : r.duty.location ? `${r.duty.name} (${r.duty.location})` : r.duty.name;
  return { date: r.night, team: r.team, duty, time: `${r.from}–${r.to}`, hours: formatTenths(r.tenths) };
}

function cellLines(doc: PDFKit.PDFDocument, values: Record<StatementColumn, string>): string[][] {
  doc.fontSize(10);
  return COLUMNS.map((c) => wrapText(values[c.field], c.width - 2 * PAD, (s) => doc.widthOfString(s)));
}

const rowHeight = (doc: PDFKit.PDFDocument, values: Record<StatementColumn, string>) => Math.max(1, ...cellLines(doc, values).map((l) => l.length)) * LINE + 2 * PAD;

function row(doc: PDFKit.PDFDocument, values: Record<StatementColumn, string>, rule = false, ruleAbove = false): void {
  const y = doc.y;
  const lines = cellLines(doc, values);
  const height = Math.max(1, ...lines.map((l) => l.length)) * LINE + 2 * PAD;
  const right = MARGIN + COLUMNS.reduce((sum, c) => sum + c.width, 0);
  let x = MARGIN;
  doc.fontSize(10).fillColor("black");
  COLUMNS.forEach((c, i) => {
    lines[i]!.forEach((line, n) => doc.text(line, x + PAD, y + PAD + n * LINE, { width: c.width - 2 * PAD, align: c.right ? "right" : "left", lineBreak: false }));
    x += c.width;
  });
  doc.lineWidth(0.5).strokeColor(rule ? "black" : "#cccccc");
  if (ruleAbove) doc.moveTo(MARGIN, y).lineTo(right, y).stroke();
  doc.moveTo(MARGIN, y + height).lineTo(right, y + height).stroke();
  doc.x = MARGIN;
  doc.y = y + height;
}
