import { readFileSync } from "node:fs";
import { notoSansScPath } from "../fonts/noto-sans-sc.js";
import { formatHours } from "./hours.js";
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
  page: (page: number, pages: number) => string;
}

const MARGIN = 56;
const ROW = 18;
const COLUMNS = [
  { field: "date", width: 78 },
  { field: "team", width: 135 },
  { field: "duty", width: 125 },
  { field: "time", width: 85 },
  { field: "hours", width: 60, align: "right" },
] as const;

// Noto Sans SC covers Chinese and Latin, so names in either print; it is read once and embedded as a subset.
let font: Buffer | undefined;
function statementFont(): Buffer {
  font ??= readFileSync(notoSansScPath());
  return font;
}

/** A4 statement: district, title, who and which period, a row per night, totals, number and date of issue. */
export async function renderStatementPdf(statement: Statement, labels: StatementLabels): Promise<Buffer> {
  // pdfkit and its font engine take a noticeable part of a start to load, for a rare command.
  const { default: PDFDocument } = await import("pdfkit");
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

  doc.fontSize(12).text(labels.district, { align: "center" });
  doc.moveDown(0.3).fontSize(18).text(labels.title, { align: "center" });
  doc.moveDown(1).fontSize(11);
  for (const line of labels.fields) doc.text(line);
  doc.moveDown(1);

  const header = Object.fromEntries(COLUMNS.map((c) => [c.field, labels.columns[c.field]]));
  row(doc, header, true);
  for (const r of statement.rows) {
    if (doc.y + 2 * ROW > doc.page.height - MARGIN - 40) {
      doc.addPage();
      row(doc, header, true);
    }
    row(doc, statementCells(r, labels));
  }
  row(doc, { date: labels.total, team: "", duty: "", time: "", hours: formatHours(statement.totals.minutes) }, true);

  // The totals, the rule and the issuer stay together on one page.
  if (doc.y + 150 > doc.page.height - MARGIN) doc.addPage();
  doc.moveDown(1).fontSize(11).text(labels.totals, MARGIN, doc.y, { width });
  doc.moveDown(0.5).fontSize(9).fillColor("#444").text(labels.rule, { width });
  doc.moveDown(2).fontSize(11).fillColor("black").text(labels.issuer, { align: "right", width });
  doc.text(labels.issued, { align: "right", width });

  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    // Written into the bottom margin, which pdfkit would otherwise answer with a new page.
    doc.page.margins.bottom = 0;
    doc.fontSize(8).fillColor("#666").text(`${statement.number} · ${labels.page(i + 1, range.count)}`, MARGIN, doc.page.height - MARGIN + 16, { width, align: "center", lineBreak: false });
  }
  doc.end();
  return done;
}

/** One night of the statement as printed: the duty in words, times as from–to, hours to one decimal. */
export function statementCells(r: StatementRow, labels: StatementLabels): Record<(typeof COLUMNS)[number]["field"], string> {
  const duty = r.duty.kind === "patrol" ? labels.patrol : r.duty.location ? `${r.duty.name} (${r.duty.location})` : r.duty.name;
  return { date: r.night, team: r.team, duty, time: `${r.from}–${r.to}`, hours: formatHours(r.minutes) };
}

function row(doc: PDFKit.PDFDocument, values: Record<string, string>, rule = false): void {
  const y = doc.y;
  let x = MARGIN;
  doc.fontSize(10).fillColor("black");
  for (const c of COLUMNS) {
    doc.text(values[c.field] ?? "", x + 2, y + 4, { width: c.width - 4, height: ROW - 4, ellipsis: true, lineBreak: false, align: "align" in c ? c.align : "left" });
    x += c.width;
  }
  const right = MARGIN + COLUMNS.reduce((sum, c) => sum + c.width, 0);
  if (rule) doc.moveTo(MARGIN, y + ROW).lineTo(right, y + ROW).lineWidth(0.5).stroke();
  doc.x = MARGIN;
  doc.y = y + ROW;
}
