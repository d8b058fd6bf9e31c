import { NOTO_SANS_SC, registerNotoSansSc } from "../../fonts/noto-sans-sc.js";
import { drawQrCanvas, qrMatrix, qrSpan } from "../../print/qr.js";
import { wrapText } from "../../print/wrap-text.js";

/** A5 at 300 dpi (148 × 210 mm): a sheet for a notice board or a team's room. */
export const POSTER_WIDTH = 1748;
export const POSTER_HEIGHT = 2480;
const MARGIN = 130;

export interface Poster {
  /** The largest words: the team's name, or what the code is for. */
  title: string;
  /** Under the title, smaller: where the team is. */
  subtitle?: string;
  /** What to do, one line each: the Chinese line first, then the reader's own if it is not Chinese. */
  instructions: string[];
  /** The bot's @name, for anyone who would rather search for it than scan. */
  bot: string;
  /** What the QR code opens. */
  link: string;
}

/**
 * A printable poster around a QR code, rather than a bare code: the title, the code with its
 * 4-module quiet zone, the instructions, the bot's @name and the link in small print. Every line is
 * measured and wrapped with the font, so long team names are shown whole.
 */
export async function posterPng(poster: Poster): Promise<Buffer> {
  // The canvas and QR libraries load on first use, not at start.
  const [{ createCanvas }, qr] = await Promise.all([import("@napi-rs/canvas"), qrMatrix(poster.link), registerNotoSansSc()]);
  const canvas = createCanvas(POSTER_WIDTH, POSTER_HEIGHT);
  const g = canvas.getContext("2d");
  g.fillStyle = "#ffffff";
  g.fillRect(0, 0, POSTER_WIDTH, POSTER_HEIGHT);
  g.strokeStyle = "#c8504b";
  g.lineWidth = 12;
  g.strokeRect(60, 60, POSTER_WIDTH - 120, POSTER_HEIGHT - 120);

  const inner = POSTER_WIDTH - 2 * MARGIN;
  const centred = (text: string, size: number, y: number, colour = "#111111"): number => {
    g.font = `${size}px "${NOTO_SANS_SC}"`;
    g.fillStyle = colour;
    g.textAlign = "center";
    for (const line of wrapText(text, inner, (s) => g.measureText(s).width)) {
      y += size * 1.3;
      g.fillText(line, POSTER_WIDTH / 2, y);
    }
    return y;
  };

  let y = MARGIN + 20;
  y = centred(poster.title, 104, y);
  if (poster.subtitle) y = centred(poster.subtitle, 56, y + 10, "#444444");

  // The code takes what is left between the title and the instructions, in whole pixels per module.
  const below = 140 + poster.instructions.length * 170;
  const side = Math.min(inner - 60, POSTER_HEIGHT - MARGIN - below - (y + 60));
  const qrSide = Math.floor(side / qrSpan(qr)) * qrSpan(qr);
  drawQrCanvas(g, qr, (POSTER_WIDTH - qrSide) / 2, y + 50, qrSide);
  y += 50 + qrSide + 10;

  poster.instructions.forEach((line, i) => {
    y = centred(line, i === 0 ? 64 : 48, y + 20, i === 0 ? "#111111" : "#333333");
  });
  y = centred(`@${poster.bot}`, 64, y + 40, "#2f6fb2");
  centred(poster.link, 34, y + 10, "#777777");
  return canvas.encode("png");
}
