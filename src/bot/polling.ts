import { run, type RunnerHandle } from "@grammyjs/runner";
import { GrammyError, type Bot, type Context } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "pino";

/** What long polling is doing, for /healthz: `ok` false means no updates are coming in. */
export interface PollingHealth {
  ok: boolean;
  state: "ok" | "failing" | "conflict" | "unauthorized" | "stopped";
  problem?: string;
}

export interface Polling {
  health(): PollingHealth;
  stop(): Promise<void>;
}

/** The first pause after a conflict; it doubles while the conflict lasts. */
const FIRST_PAUSE_MS = 2000;
const LONGEST_PAUSE_MS = 60_000;
/** Failures the runner retries by itself (network, 5xx) count as down only once they last this long. */
const FAILING_GRACE_MS = 60_000;

/**
 * Long polling with @grammyjs/runner, kept alive. The runner retries network errors itself but
 * gives up on 401 and 409 by rejecting its task, which nobody awaits: an unhandled rejection that
 * ended the process. Here 401 (the token was revoked) stops polling for good and says so at fatal
 * level; 409 (another instance polls with this token, or a webhook is set) pauses and polls again.
 */
export function startPolling<C extends Context>(bot: Bot<C>, logger: Logger, allowedUpdates: Array<Exclude<keyof Update, "update_id">>): Polling {
  let current: PollingHealth = { ok: true, state: "ok" };
  let failingSince = 0;
  let runner: RunnerHandle | null = null;
  let restart: NodeJS.Timeout | null = null;
  let pauseMs = FIRST_PAUSE_MS;
  let stopped = false;

  // Sees every getUpdates answer, so health follows what Telegram says, and failures the runner
  // retries quietly are logged once.
  bot.api.config.use(async (prev, method, payload, signal) => {
    if (method !== "getUpdates") return prev(method, payload, signal);
    try {
      const response = await prev(method, payload, signal);
      if (response.ok) polling();
      else if (response.error_code !== 401 && response.error_code !== 409) failing(`${response.error_code}: ${response.description}`);
      return response;
    } catch (error) {
      if (!signal?.aborted) failing(error instanceof Error ? error.message : String(error));
      throw error;
    }
  });

  function polling() {
    if (current.state !== "ok") logger.info({ was: current.state }, "long polling works again");
    current = { ok: true, state: "ok" };
    pauseMs = FIRST_PAUSE_MS;
  }

  function failing(problem: string) {
    if (current.state === "failing") return;
    logger.warn({ problem }, "getUpdates failed; the runner tries again");
    failingSince = Date.now();
    current = { ok: true, state: "failing", problem: `getUpdates fails: ${problem}` };
  }

  function ended(error: unknown) {
    runner = null;
    if (stopped) return;
    if (error instanceof GrammyError && error.error_code === 401) {
      current = { ok: false, state: "unauthorized", problem: `Telegram refuses the bot token (401 ${error.description}); polling stopped` };
      logger.fatal({ err: error }, "Telegram refuses the bot token (401): it was revoked or is wrong. Long polling stopped; put the token from @BotFather in TELEGRAM_BOT_TOKEN and restart");
      return;
    }
    const conflict = error instanceof GrammyError && error.error_code === 409;
    const seconds = Math.round(pauseMs / 1000);
    current = conflict
      ? { ok: false, state: "conflict", problem: `Telegram refuses getUpdates (409 ${error.description}); polling again in ${seconds} s` }
      : { ok: false, state: "failing", problem: `long polling stopped on an error; starting again in ${seconds} s` };
    if (conflict) {
      logger.error({ err: error, retryInSeconds: seconds }, "Telegram refuses getUpdates (409 Conflict): another instance polls with this bot token, or a webhook is set. Polling again after a pause");
    } else {
      logger.error({ err: error, retryInSeconds: seconds }, "long polling stopped on an error; starting it again after a pause");
    }
    restart = setTimeout(() => {
      restart = null;
      launch();
    }, pauseMs);
    pauseMs = Math.min(pauseMs * 2, LONGEST_PAUSE_MS);
  }

  function launch() {
    if (stopped) return;
    const handle = run(bot, { runner: { silent: true, fetch: { allowed_updates: allowedUpdates } } });
    runner = handle;
    handle.task()?.then(() => {
      if (runner === handle) runner = null;
    }, ended);
  }

  launch();
  return {
    health() {
      if (current.state === "failing" && current.ok && Date.now() - failingSince >= FAILING_GRACE_MS) return { ...current, ok: false };
      return current;
    },
    async stop() {
      stopped = true;
      if (restart) clearTimeout(restart);
      if (runner?.isRunning()) await runner.stop();
      current = { ok: false, state: "stopped", problem: "the bot is stopping" };
    },
  };
}
