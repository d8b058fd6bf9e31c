import { createRequire } from "node:module";

/** A font with Chinese glyphs (Latin too), shipped as an npm package so no system font is needed. */
export const NOTO_SANS_SC = "Noto Sans SC";

/** The TTF file, for embedding in PDFs. */
export const notoSansScPath = (): string => createRequire(import.meta.url).resolve("@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf");

let registered: Promise<void> | undefined;
/** Makes the font available to canvas drawing, once per process. The canvas library loads on first use, not at start. */
export function registerNotoSansSc(): Promise<void> {
  registered ??= import("@napi-rs/canvas").then(({ GlobalFonts }) => void GlobalFonts.registerFromPath(notoSansScPath(), NOTO_SANS_SC));
  return registered;
}
