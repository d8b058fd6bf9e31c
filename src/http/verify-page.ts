import type { IncomingMessage, ServerResponse } from "node:http";
import type { I18n } from "@grammyjs/i18n";
import type { Logger } from "pino";
import type { DialogContext } from "../bot/context.js";
import { isDomainError } from "../domain/errors.js";
import { localNight } from "../shifts/night.js";
import { formatTenths } from "../stats/hours.js";
import { verifyStatement } from "../stats/verify-statement.js";
import type { Db } from "../storage/db.js";
import type { HttpMount } from "./server.js";

export interface VerifyPageDeps {
  db: Db;
  logger: Logger;
  clock: () => Date;
  i18n: I18n<DialogContext>;
  defaultLocale: string;
  timeZone: string;
  district: { zh: string; en: string };
}

/**
 * GET /verify/<number>: the page a statement's QR code opens, for a school or employer holding
 * one. It says whether the number was issued and what the statement certified, as /statement does
 * (name partly hidden, never a phone number), in Chinese or, by Accept-Language, English. An
 * unknown number is a 404 with a sentence, not an empty page.
 */
export function verifyPage(deps: VerifyPageDeps): HttpMount {
  return {
    path: "/verify",
    subtree: true,
    handle: async (req: IncomingMessage, res: ServerResponse) => {
      if (req.method !== "GET" && req.method !== "HEAD") return void res.writeHead(405, { allow: "GET, HEAD" }).end();
      const locale = pageLocale(req.headers["accept-language"], deps.defaultLocale);
      const t = (key: string, args: Record<string, string | number> = {}) => deps.i18n.t(locale, key, args);
      const quoted = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname.slice("/verify/".length));
      const ctx = { db: deps.db, logger: deps.logger, now: deps.clock(), actor: { type: "system", job: "verify-page" } as const };
      let status = 200;
      let body: string;
      try {
        const s = await verifyStatement(ctx, quoted);
        const fields: Array<[string, string]> = [
          [t("verify-field-number"), s.number],
          [t("verify-field-name"), s.name],
          ...(s.teams.length ? [[t("verify-field-teams"), s.teams.join(locale === "zh" ? "、" : ", ")] as [string, string]] : []),
          [t("verify-field-period"), t("verify-period", { from: s.from ?? t("stats-period-all"), to: s.to })],
          [t("verify-field-nights"), String(s.nights)],
          [t("verify-field-hours"), formatTenths(s.tenths)],
          [t("verify-field-issued"), localNight(s.issuedAt, deps.timeZone)],
        ];
        const district = locale === "en" ? deps.district.en : deps.district.zh;
        body = `<p class="ok">${escape(t("verify-genuine", { number: s.number, district }))}</p>\n<dl>${fields.map(([k, v]) => `<dt>${escape(k)}</dt><dd>${escape(v)}</dd>`).join("")}</dl>`;
      } catch (error) {
        if (!isDomainError(error)) throw error;
        status = 404;
        const message = error.reason === "statement.bad_number" ? t("err-statement-bad-number") : t("err-statement-not-found", { number: quoted.toUpperCase() });
        body = `<p class="no">${escape(message)}</p>`;
      }
      const html = `<!doctype html>\n<html lang="${locale === "zh" ? "zh-CN" : "en"}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escape(t("verify-page-title"))}</title><style>${STYLE}</style></head><body><h1>${escape(t("verify-page-title"))}</h1>\n${body}\n</body></html>\n`;
      res.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "content-language": locale, vary: "Accept-Language" });
      res.end(req.method === "HEAD" ? undefined : html);
    },
  };
}

/** Chinese unless the reader's browser prefers English to Chinese. */
export function pageLocale(header: string | undefined, fallback: string): "zh" | "en" {
  const ranked = (header ?? "")
    .split(",")
    .map((part) => {
      const [tag, ...params] = part.trim().toLowerCase().split(";");
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
      return { tag: tag ?? "", q: q === undefined ? 1 : Number(q) };
    })
    .filter((l) => l.tag && l.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag === "zh" || tag.startsWith("zh-")) return "zh";
    if (tag === "en" || tag.startsWith("en-")) return "en";
  }
  return fallback === "en" && ranked.length === 0 ? "en" : "zh";
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = "body{font-family:system-ui,'Noto Sans SC',sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;line-height:1.6}dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem}dt{color:#555}dd{margin:0}.ok{color:#14622f}.no{color:#9b1c1c}";
