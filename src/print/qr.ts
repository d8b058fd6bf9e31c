import type { SKRSContext2D } from "@napi-rs/canvas";

/** Light modules every side of a printed code: the quiet zone scanners need to find it. */
export const QUIET_ZONE = 4;

/** A QR code as a grid of dark modules, quiet zone not included. */
export interface QrMatrix {
  size: number;
  dark: (row: number, col: number) => boolean;
}

/** The QR library loads on first use, not at start. */
export async function qrMatrix(text: string): Promise<QrMatrix> {
  const { default: QRCode } = await import("qrcode");
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  return { size: modules.size, dark: (row, col) => Boolean(modules.get(row, col)) };
}

/** Modules across, quiet zone included. */
export const qrSpan = (qr: QrMatrix) => qr.size + 2 * QUIET_ZONE;

/** The code as vectors, `side` points square with its quiet zone, so it prints sharp at any size. */
export function drawQrPdf(doc: PDFKit.PDFDocument, qr: QrMatrix, x: number, y: number, side: number): void {
  const unit = side / qrSpan(qr);
  doc.save().rect(x, y, side, side).fill("#ffffff");
  for (let row = 0; row < qr.size; row++) {
    for (let col = 0; col < qr.size; col++) {
      if (qr.dark(row, col)) doc.rect(x + (col + QUIET_ZONE) * unit, y + (row + QUIET_ZONE) * unit, unit, unit);
    }
  }
  doc.fill("#000000").restore();
}

/** The code on a canvas, whole pixels per module so every module is as sharp as the next. */
export function drawQrCanvas(g: SKRSContext2D, qr: QrMatrix, x: number, y: number, side: number): number {
  const unit = Math.max(1, Math.floor(side / qrSpan(qr)));
  const drawn = unit * qrSpan(qr);
  // On whole pixels: a module edge between two pixels is drawn grey, and a seam of grey misleads scanners.
  x = Math.round(x);
  y = Math.round(y);
  g.fillStyle = "#ffffff";
  g.fillRect(x, y, drawn, drawn);
  g.fillStyle = "#000000";
  for (let row = 0; row < qr.size; row++) {
    for (let col = 0; col < qr.size; col++) {
      if (qr.dark(row, col)) g.fillRect(x + (col + QUIET_ZONE) * unit, y + (row + QUIET_ZONE) * unit, unit, unit);
    }
  }
  return drawn;
}
