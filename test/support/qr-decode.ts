import jsQRModule from "jsqr";
import { PNG } from "pngjs";

// jsqr is CommonJS whose types describe an ES default export.
const jsQR = ((jsQRModule as { default?: unknown }).default ?? jsQRModule) as typeof jsQRModule.default;

/** The text of the QR code a PNG shows, as a phone's scanner reads it; null when none is found. */
export function decodeQr(bytes: Buffer): string | null {
  const png = PNG.sync.read(bytes);
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}
