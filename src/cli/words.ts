import { errorArgs, errorKey, reasonKey } from "../bot/errors.js";
import { createI18n } from "../bot/i18n.js";
import type { DomainError } from "../domain/errors.js";

export interface CliWords {
  t(key: string, args?: Record<string, string | number>): string;
  /** Why a request was refused, as the bot would say it: a sentence, never a reason code. */
  refusal(error: DomainError): string;
  /** A problem's reason code ("rules.unknown_target") as the bot's sentence for it. */
  reason(reason: string, args?: Record<string, string | number>): string;
}

/** The bot's own catalogue in the operator's language (DEFAULT_LOCALE). */
export function cliWords(locale: string): CliWords {
  const i18n = createI18n(locale);
  const t = (key: string, args: Record<string, string | number> = {}) => i18n.t(locale, key, args);
  return {
    t,
    refusal: (error) => t(errorKey(error), errorArgs(error)),
    reason: (reason, args) => t(reasonKey(reason), args),
  };
}

/**
 * Progress of a long run on stderr: one line rewritten in place on a terminal; when stderr is
 * redirected, a plain line at each tenth, so a log file gets no carriage returns.
 */
export function progressLine(stream: NodeJS.WritableStream, render: (done: number, total: number) => string) {
  const terminal = (stream as { isTTY?: boolean }).isTTY === true;
  let shownTenth = -1;
  return {
    update(done: number, total: number): void {
      if (terminal) return void stream.write(`\r${render(done, total)}`);
      const tenth = total > 0 ? Math.floor((done * 10) / total) : 10;
      if (tenth <= shownTenth) return;
      shownTenth = tenth;
      stream.write(`${render(done, total)}\n`);
    },
    end(): void {
      if (terminal) stream.write("\n");
    },
  };
}
