/** A printable QR code of a link, as a PNG. The QR library loads on first use, not at start. */
export async function qrPng(link: string): Promise<Buffer> {
  const { default: QRCode } = await import("qrcode");
  return QRCode.toBuffer(link, { type: "png", width: 600, margin: 2, errorCorrectionLevel: "M" });
}
