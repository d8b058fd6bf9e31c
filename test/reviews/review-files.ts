import { parse } from "csv-parse/sync";
import type { Message } from "grammy/types";
import { PNG } from "pngjs";
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

/** The CSV a message carries: whether it starts with a byte order mark, and its records by header. */
export function csvOf(fake: FakeTelegram, message: Message) {
  const fileId = message.document?.file_id;
  expect(fileId, "the table is a document").toBeDefined();
  const bytes = fake.fileBytes(fileId!)!;
  const records = parse(bytes, { bom: true, columns: true }) as Array<Record<string, string>>;
  return { bom: bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), records, fileName: message.document!.file_name };
}
