import { createRequire } from "node:module";
import { GlobalFonts } from "@napi-rs/canvas";

/** A font with Chinese glyphs (Latin too), shipped as an npm package so no system font is needed. */
export const NOTO_SANS_SC = "Noto Sans SC";

/** The TTF file, for embedding in PDFs. */
export const notoSansScPath = (): string => createRequire(import.meta.url).resolve("@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf");

let registered = false;
/** Makes the font available to canvas drawing, once per process. */
export function registerNotoSansSc(): void {
  if (registered) return;
  GlobalFonts.registerFromPath(notoSansScPath(), NOTO_SANS_SC);
  registered = true;
}
