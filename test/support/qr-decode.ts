import jsQRModule from "jsqr";
import { PNG } from "pngjs";

// jsqr is CommonJS whose types describe an ES default export.
const jsQR = ((jsQRModule as { default?: unknown }).default ?? jsQRModule) as typeof jsQRModule.default;

/** The text of the QR code a PNG shows, as a phone's scanner reads it; null when none is found. */
export function decodeQr(bytes: Buffer): string | null {
  const png = PNG.sync.read(bytes);
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}

/**
 * A printed poster as a reader sees it: the link its code opens, the sheet's size, the light
 * margin around the code in modules (scanners need 4), and how much is printed above and below it.
 */
export function readPoster(bytes: Buffer) {
  const png = PNG.sync.read(bytes);
  const found = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  if (!found) return { link: null, width: png.width, height: png.height, quietModules: 0, inkAbove: 0, inkBelow: 0 };
  const { topLeftCorner: tl, topRightCorner: tr, bottomLeftCorner: bl } = found.location;
  const modules = 17 + 4 * found.version;
  const unit = (tr.x - tl.x) / modules;
  const [left, top, right, bottom] = [tl.x, tl.y, tr.x, bl.y].map(Math.round) as [number, number, number, number];
  // Off the sheet counts as printed on: a code at the very edge has no quiet zone there.
  const dark = (x: number, y: number) => {
    if (x < 0 || y < 0 || x >= png.width || y >= png.height) return true;
    const i = (y * png.width + x) * 4;
    return png.data[i]! < 160 && png.data[i + 1]! < 160 && png.data[i + 2]! < 160;
  };
  // How many modules of light there are every side of the code before anything is printed.
  let quiet = 0;
  for (let m = 1; m <= 8; m++) {
    const d = Math.round(m * unit);
    let clear = true;
    for (let x = left - d; x <= right + d && clear; x++) clear = !dark(x, top - d) && !dark(x, bottom + d);
    for (let y = top - d; y <= bottom + d && clear; y++) clear = !dark(left - d, y) && !dark(right + d, y);
    if (!clear) break;
    quiet = m;
  }
  const ink = (from: number, to: number) => {
    let n = 0;
    for (let y = Math.max(0, from); y < Math.min(png.height, to); y++) for (let x = 0; x < png.width; x++) if (dark(x, y)) n++;
    return n;
  };
  return { link: found.data, width: png.width, height: png.height, quietModules: quiet, inkAbove: ink(0, top - 4 * unit), inkBelow: ink(bottom + 4 * unit, png.height) };
}
