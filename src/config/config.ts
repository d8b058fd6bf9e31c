import { z } from "zod";
import { evaluationWeightsSchema } from "../reviews/criteria.js";
import { DEFAULT_REVIEW_SETTINGS, weeklyMomentSchema } from "../reviews/review-settings.js";

/**
 * Runtime configuration, read once at start from the environment.
 * Every problem is reported as one readable line, never as a stack trace.
 */
const booleanish = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const telegramIds = z
  .string()
  .transform((raw, ctx) => {
    const ids: number[] = [];
    for (const part of raw.split(",").map((s) => s.trim()).filter(Boolean)) {
      if (!/^\d{1,15}$/.test(part)) {
        ctx.addIssue({ code: "custom", message: `"${part}" is not a Telegram user id` });
        return z.NEVER;
      }
      ids.push(Number(part));
    }
    return ids;
  });

/** "ask:24h,nudge:2h,checkin:15m": how long before a shift each reminder goes out. */
const reminderSchedule = z.string().transform((raw, ctx) => {
  const schedule: Record<string, number> = {};
  for (const part of raw.split(",").map((p) => p.trim()).filter(Boolean)) {
    const m = /^(ask|nudge|checkin):(\d+)(m|h)$/.exec(part);
    if (!m) {
      ctx.addIssue({ code: "custom", message: `"${part}" is not kind:duration (kinds ask, nudge, checkin; e.g. ask:24h, checkin:15m)` });
      return z.NEVER;
    }
    schedule[m[1]!] = Number(m[2]) * (m[3] === "h" ? 60 : 1);
  }
  return { ask: schedule.ask ?? 1440, nudge: schedule.nudge ?? 120, checkin: schedule.checkin ?? 15 };
});

/** "south,west,north,east" in degrees, e.g. "30.6,120.6,30.9,121.0". */
const boundingBox = z.string().transform((raw, ctx) => {
  const parts = raw.split(",").map((p) => Number(p.trim()));
  const [south, west, north, east] = parts;
  const valid =
    parts.length === 4 && parts.every(Number.isFinite) && south! >= -90 && north! <= 90 && south! < north! && west! >= -180 && east! <= 180 && west! < east!;
  if (!valid) {
    ctx.addIssue({ code: "custom", message: `"${raw}" is not south,west,north,east in degrees (e.g. 30.6,120.6,30.9,121.0)` });
    return z.NEVER;
  }
  return { south: south!, west: west!, north: north!, east: east! };
});

/**
 * Connections to PostgreSQL per process. Few is faster here: queries issued together share one
 * write on a busy connection, and every extra server process costs memory and context switches.
 */
export const DEFAULT_DATABASE_POOL_SIZE = 4;

const optional = (s: string | undefined) => (s === undefined || s.trim() === "" ? undefined : s.trim());

export const configSchema = z
  .object({
    // Without a token `npm start` runs the sandbox (src/sandbox/): the bot against a Bot API server of its own.
    TELEGRAM_BOT_TOKEN: z
      .string()
      .regex(/^\d+:[A-Za-z0-9_-]+$/, "does not look like a bot token (digits:letters)")
      .optional(),
    TELEGRAM_API_ROOT: z.url({ protocol: /^https?$/ }).default("https://api.telegram.org"),
    DATABASE_URL: z
      .url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// URL" })
      .optional(),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(DEFAULT_DATABASE_POOL_SIZE),
    DATA_DIR: z.string().default("./data"),
    BOT_TIMEZONE: z.string().refine(isTimeZone, "is not an IANA time zone").default("Asia/Shanghai"),
    DEFAULT_LOCALE: z.enum(["zh", "en"]).default("zh"),
    ADMIN_TELEGRAM_IDS: telegramIds.default([]),
    WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
    WEBHOOK_SECRET: z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,256}$/, "must be 16-256 characters of A-Z, a-z, 0-9, _ and -")
      .optional(),
    PORT: z.coerce.number().int().min(0).max(65535).default(8080),
    // Where people reach this server from outside, for the links printed on statements (their QR
    // codes open /verify/<number>). Unset: the webhook's address, else this server's own.
    PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
    HOST: z.string().default("0.0.0.0"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    INVITE_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    OUTBOX_RATE_PER_SECOND: z.coerce.number().positive().max(1000).default(25),
    ALLOW_PAID_BROADCAST: booleanish.default(false),
    SYNC_COMMANDS: booleanish.default(true),
    ROTA_DAYS_AHEAD: z.coerce.number().int().min(1).max(60).default(14),
    WEEKLY_CAP: z.coerce.number().int().min(1).max(7).default(2),
    REMINDER_SCHEDULE: reminderSchedule.default({ ask: 1440, nudge: 120, checkin: 15 }),
    SUBSTITUTE_WAVE_SIZE: z.coerce.number().int().min(1).max(100).default(5),
    SUBSTITUTE_WAVE_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
    SUBSTITUTE_DEADLINE_MINUTES: z.coerce.number().int().min(0).max(1440).default(180),
    REPORT_PREFIX: z.string().regex(/^[A-Z]{1,6}$/, "must be 1-6 capital letters").default("NH"),
    PUBLIC_REPORTS_PER_DAY: z.coerce.number().int().min(0).max(100).default(5),
    DISTRICT_BBOX: boundingBox.optional(),
    LOG_GRACE_MINUTES: z.coerce.number().int().min(0).max(720).default(60),
    WEEKLY_REVIEW_AT: weeklyMomentSchema.default(DEFAULT_REVIEW_SETTINGS.weeklyAt),
    EVALUATION_WEIGHTS: evaluationWeightsSchema.default(DEFAULT_REVIEW_SETTINGS.weights),
    DISTRICT_NAME: z.string().max(60, "must be at most 60 characters").default("南湖区"),
    DISTRICT_NAME_EN: z.string().max(60, "must be at most 60 characters").optional(),
    // The sandbox's own store and interface, so it never opens the real bot's store (DATA_DIR,
    // DATABASE_URL) and is not reachable from the network unless asked (HOST is often 0.0.0.0).
    SANDBOX_DATA_DIR: z.string().default("./data/sandbox"),
    SANDBOX_HOST: z.string().default("127.0.0.1"),
  });

export type Config = z.infer<typeof configSchema>;

/** The token the bot runs with; every Config that reaches the bot has one (the sandbox sets its own). */
export function botToken(config: Pick<Config, "TELEGRAM_BOT_TOKEN">): string {
  if (!config.TELEGRAM_BOT_TOKEN) throw new Error("TELEGRAM_BOT_TOKEN is not set: without it only the sandbox runs");
  return config.TELEGRAM_BOT_TOKEN;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

/** Empty strings count as unset, so a blank line in .env does not override a default. */
export function parseConfig(env: Record<string, string | undefined>): ConfigResult {
  const cleaned: Record<string, string | undefined> = {};
  for (const key of Object.keys(configSchema.shape)) cleaned[key] = optional(env[key]);
  const parsed = configSchema.safeParse(cleaned);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join(".") || "configuration"}: ${issue.message}`);
  // Checked on the raw values, so it is reported together with any other problem.
  if (cleaned.WEBHOOK_URL && !cleaned.WEBHOOK_SECRET) problems.push("WEBHOOK_SECRET: is required when WEBHOOK_URL is set");
  // Above about 30 a second Telegram answers 429 unless the bot pays for the excess.
  if (parsed.success && parsed.data.OUTBOX_RATE_PER_SECOND > 30 && !parsed.data.ALLOW_PAID_BROADCAST) {
    problems.push("OUTBOX_RATE_PER_SECOND: above 30 needs ALLOW_PAID_BROADCAST=true (Telegram's free limit is about 30 messages a second)");
  }
  if (parsed.success && problems.length === 0) return { ok: true, config: parsed.data };
  return { ok: false, problems };
}

/** What the CLI needs: the store, the language it reports in and the rules for planning shifts, so it runs without a bot token. */
export const storeConfigSchema = configSchema.pick({
  DATABASE_URL: true,
  DATABASE_POOL_SIZE: true,
  DATA_DIR: true,
  LOG_LEVEL: true,
  BOT_TIMEZONE: true,
  DEFAULT_LOCALE: true,
  ROTA_DAYS_AHEAD: true,
  WEEKLY_CAP: true,
  REMINDER_SCHEDULE: true,
});
export type StoreConfig = z.infer<typeof storeConfigSchema>;

export function parseStoreConfig(env: Record<string, string | undefined>): { ok: true; config: StoreConfig } | { ok: false; problems: string[] } {
  const parsed = storeConfigSchema.safeParse(Object.fromEntries(Object.keys(storeConfigSchema.shape).map((key) => [key, optional(env[key])])));
  if (parsed.success) return { ok: true, config: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) };
}
