import { conversations, createConversation } from "@grammyjs/conversations";
import { sequentialize } from "@grammyjs/runner";
import { Bot, type Middleware } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { botToken } from "../config/config.js";
import { dialogApi, installApiTransformers } from "./api-transformers.js";
import type { BotContext, BotDeps, DialogContext } from "./context.js";
import { broadcastDialog } from "./dialogs/broadcast.js";
import { dialogStorage } from "./dialogs/dialog-storage.js";
import { kitCountDialog } from "./dialogs/kit-count.js";
import { kitReportDialog } from "./dialogs/kit-report.js";
import { exportDialog } from "./dialogs/export.js";
import { levelDialog } from "./dialogs/level.js";
import { reportDialog } from "./dialogs/report.js";
import { resolveNoteDialog } from "./dialogs/resolve-note.js";
import { rulesDialog } from "./dialogs/rules.js";
import { signupDialog } from "./dialogs/signup.js";
import { spotCheckDialog } from "./dialogs/spot-check.js";
import { watchEnqueues } from "../outbox/enqueue-notice.js";
import { handleBotError } from "./errors.js";
import { measureUpdates } from "./middlewares/measure-updates.js";
import { attendanceFeature } from "./features/attendance.js";
import { broadcastsFeature } from "./features/broadcasts.js";
import { chatMemberFeature } from "./features/chat-member.js";
import { dutyLogFeature } from "./features/duty-log.js";
import { logViewFeature } from "./features/log-view.js";
import { pastLogsFeature } from "./features/past-logs.js";
import { exportsFeature } from "./features/exports.js";
import { helpRequestFeature } from "./features/help-request.js";
import { importFeature } from "./features/import.js";
import { incidentCardFeature } from "./features/incident-card.js";
import { incidentTownFeature } from "./features/incident-town.js";
import { inviteFeature } from "./features/invite.js";
import { kitFeature } from "./features/kit.js";
import { langFeature } from "./features/lang.js";
import { levelsFeature } from "./features/levels.js";
import { meFeature } from "./features/me.js";
import { membershipFeature } from "./features/membership.js";
import { patrolSettingsFeature } from "./features/patrol-settings.js";
import { reportsFeature } from "./features/reports.js";
import { reviewsFeature } from "./features/reviews.js";
import { rosterFeature } from "./features/roster.js";
import { rulesFeature } from "./features/rules.js";
import { shiftAnswersFeature } from "./features/shift-answers.js";
import { signupReviewFeature } from "./features/signup-review.js";
import { spotChecksFeature } from "./features/spot-checks.js";
import { startFeature } from "./features/start.js";
import { statsFeature } from "./features/stats.js";
import { teamFeature } from "./features/team.js";
import { tipsFeature } from "./features/tips.js";
import { unhandledFeature } from "./features/unhandled.js";
import { volunteerPlansFeature } from "./features/volunteer-plans.js";
import { pressAnswers } from "./middlewares/answer-presses.js";
import { attachDeps } from "./middlewares/attach-deps.js";
import { cleanInput } from "./middlewares/clean-input.js";
import { commandsEndDialogs } from "./middlewares/commands-end-dialogs.js";
import { identify, identifyAndLoadDialog } from "./middlewares/identify.js";
import { LeanComposer } from "./lean-composer.js";

const DIALOG_TIMEOUT_MS = 24 * 60 * 60 * 1000;

/**
 * Builds the bot: context setup, then dialogs, then one composer per feature, everything inside
 * one error boundary. Replies to users are direct; everything else goes through the outbox.
 */
export function createBot(deps: BotDeps, botInfo?: UserFromGetMe): Bot<BotContext> {
  const bot = new Bot<BotContext>(botToken(deps.config), {
    ...(botInfo ? { botInfo } : {}),
    client: { apiRoot: deps.config.TELEGRAM_API_ROOT, ...(deps.telegramFetch ? { fetch: deps.telegramFetch } : {}) },
  });
  const presses = pressAnswers();
  installApiTransformers(bot.api, presses.noteAnswers);

  // The same context setup runs inside dialogs, which build their own context objects.
  const contextSetup: Middleware<DialogContext>[] = [attachDeps(deps), identify, deps.i18n];
  const updateSetup: Middleware<DialogContext>[] = [attachDeps(deps), identifyAndLoadDialog, deps.i18n];

  const measured = measureUpdates(deps.metrics);
  bot.use(measured.middleware);
  bot.use(cleanInput);
  // Updates of one chat are handled one after another (both modes run handlers concurrently):
  // a dialog's stored state must never be read by two updates at once.
  bot.use(sequentialize((ctx) => ctx.chat?.id.toString() ?? ctx.from?.id.toString()));
  const root = new LeanComposer<BotContext>();
  bot.errorBoundary((error) => {
    measured.noteError(error);
    return handleBotError(error);
  }, root);
  root.use(...(updateSetup as Middleware<BotContext>[]));
  root.use(presses.answerTheRest);
  root.use(async (_ctx, next) => {
    if (await watchEnqueues(next)) deps.nudgeOutbox();
  });
  root.use(
    conversations<BotContext, DialogContext>({
      storage: dialogStorage(deps.db, deps.clock),
      plugins: (conversation) => [dialogApi(conversation, presses.noteAnswers), ...contextSetup],
    }),
  );
  root.chatType("private").command("cancel", async (ctx) => {
    const active = Object.keys(ctx.conversation.active()).length > 0;
    await ctx.conversation.exitAll();
    await ctx.reply(ctx.t(active ? "cancelled" : "nothing-to-cancel"), { reply_markup: { remove_keyboard: true } });
  });
  root.use(commandsEndDialogs);
  root.use(createConversation(signupDialog, { id: "signup", maxMillisecondsToWait: DIALOG_TIMEOUT_MS }));
  root.use(createConversation(reportDialog, { id: "report", maxMillisecondsToWait: DIALOG_TIMEOUT_MS }));
  root.use(createConversation(resolveNoteDialog, { id: "resolve", maxMillisecondsToWait: DIALOG_TIMEOUT_MS }));
  root.use(createConversation(rulesDialog, { id: "rules", maxMillisecondsToWait: DIALOG_TIMEOUT_MS }));
  root.use(createConversation(levelDialog, { id: "level", maxMillisecondsToWait: DIALOG_TIMEOUT_MS }));
  root.use(createConversation(broadcastDialog, { id: "broadcast", maxMillisecondsToWait: DIALOG_TIMEOUT_MS }));
  root.use(createConversation(spotCheckDialog, { id: "spotcheck", maxMillisecondsToWait: DIALOG_TIMEOUT_MS }));
  root.use(createConversation(kitCountDialog, { id: "kitcount", maxMillisecondsToWait: DIALOG_TIMEOUT_MS }));
  root.use(createConversation(kitReportDialog, { id: "kitreport", maxMillisecondsToWait: DIALOG_TIMEOUT_MS }));
  root.use(createConversation(exportDialog, { id: "export", maxMillisecondsToWait: DIALOG_TIMEOUT_MS }));

  // Reports first: "/start report" (the public link) is theirs, any other /start is the start feature's.
  root.use(reportsFeature(), incidentCardFeature(), incidentTownFeature(), helpRequestFeature(), tipsFeature(), rulesFeature(), levelsFeature(), broadcastsFeature(), reviewsFeature());
  root.use(chatMemberFeature(), startFeature(), meFeature(), langFeature(), inviteFeature(), signupReviewFeature(), teamFeature(), membershipFeature(), importFeature());
  root.use(dutyLogFeature(), logViewFeature(), pastLogsFeature(), attendanceFeature(), rosterFeature(), patrolSettingsFeature(), volunteerPlansFeature(), shiftAnswersFeature());
  root.use(spotChecksFeature(), kitFeature());
  root.use(statsFeature(), exportsFeature());
  root.use(unhandledFeature());
  return bot;
}
