import type { Message } from "grammy/types";
import { PNG } from "pngjs";
import { readSheet } from "read-excel-file/node";
import { expect } from "vitest";
import type { FakeTelegram } from "../../src/sandbox/telegram/index.js";

/** The chart a message carries, decoded: its size, how much of it is not white, and how many pixels are bar blue. */
export function chartPixels(fake: FakeTelegram, message: Message) {
  const fileId = message.photo?.at(-1)?.file_id;
  expect(fileId, "the chart is a photo").toBeDefined();
  const png = PNG.sync.read(fake.fileBytes(fileId!)!);
  let inked = 0;
  let blue = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    const [r, g, b] = [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
    if (r < 245 || g < 245 || b < 245) inked += 1;
    // The first series' colour, #2f6fb2.
    if (Math.abs(r - 0x2f) < 6 && Math.abs(g - 0x6f) < 6 && Math.abs(b - 0xb2) < 6) blue += 1;
  }
  return { width: png.width, height: png.height, inkedShare: inked / (png.width * png.height), blue };
}

/** The workbook a message carries: its records by header, each cell as text, and the file's name. */
export async function sheetOf(fake: FakeTelegram, message: Message) {
  const fileId = message.document?.file_id;
  expect(fileId, "the table is a document").toBeDefined();
  const [header, ...rows] = await readSheet(Buffer.from(fake.fileBytes(fileId!)!), 1);
  const records = rows.map((row) => Object.fromEntries(header!.map((title, i) => [String(title), row[i] === null || row[i] === undefined ? "" : String(row[i])])));
  return { records, fileName: message.document!.file_name };
}
