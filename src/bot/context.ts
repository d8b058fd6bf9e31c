import type { ConversationFlavor } from "@grammyjs/conversations";
import type { I18n, I18nFlavor } from "@grammyjs/i18n";
import type { ApiClientOptions, Context } from "grammy";
import type { Logger } from "pino";
import type { Config } from "../config/config.js";
import type { Metrics } from "../metrics/metrics.js";
import type { DomainContext } from "../domain/context.js";
import type { ReportSettings } from "../incidents/report-settings.js";
import type { KnownPerson } from "../people/identify-telegram-user.js";
import type { ShiftPolicy } from "../shifts/policy.js";
import type { Db } from "../storage/db.js";

/** What the bot needs from the composition root. */
export interface BotDeps {
  config: Config;
  /** How the bot calls Telegram (grammY's default when absent). */
  telegramFetch?: ApiClientOptions["fetch"];
  /** The shift rules from the configuration. */
  policy: ShiftPolicy;
  /** The reporting rules from the configuration. */
  reports: ReportSettings;
  db: Db;
  logger: Logger;
  i18n: I18n<DialogContext>;
  /** Wakes the outbox dispatcher after a handler enqueued messages. */
  nudgeOutbox: () => void;
  /** Runs work that may outlast the update (a large import), tracked so shutdown waits for it. */
  background: (name: string, work: () => Promise<void>) => void;
  clock: () => Date;
  /** This server's address as people outside reach it (no trailing slash), for printed links. */
  publicUrl: () => string;
  /** Counts and times updates when the app exports metrics. */
  metrics?: Metrics;
}

/** Properties every context has, outside and inside dialogs. */
export interface ShouyeFlavor {
  deps: BotDeps;
  logger: Logger;
  /** The person behind ctx.from; absent for updates without a sender. */
  person?: KnownPerson;
  /** The verb context for this update, acting as the sender. */
  domain(): DomainContext;
  /** This chat's stored dialog, read along with the sender (absent when not read that way). */
  storedDialog?: { state: unknown };
}

export type DialogContext = Context & I18nFlavor & ShouyeFlavor;
export type BotContext = ConversationFlavor<DialogContext>;
