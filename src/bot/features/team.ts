import type { Composer} from "grammy";
import { InlineKeyboard } from "grammy";
import { LeanComposer } from "../lean-composer.js";
import { teamLabel } from "../../org/team-scope.js";
import { appointTeamRole } from "../../roster/appoint-team-role.js";
import { listTeamMembers, viewTeamMember, type TeamMember } from "../../roster/list-team-members.js";
import { removeMember } from "../../roster/remove-member.js";
import { formatWeekdays } from "../../roster/weekdays.js";
import type { BotContext, DialogContext } from "../context.js";
import { guarded } from "../errors.js";
import { pickTeam, teamPickPattern } from "../team-picker.js";

const PAGE = 10;

/**
 * /team: the lead's view of members and their status, one page at a time, with a card per member
 * to remove them or make them deputy (or leader, for supervisors and coordinators). Every button
 * goes back through a verb that checks the presser's role in that team's scope.
 */
export function teamFeature(): Composer<BotContext> {
  const composer = new LeanComposer<BotContext>();

  composer.chatType("private").command("team", async (ctx) => {
    const teamId = await pickTeam(ctx, "team", ctx.match);
    if (teamId !== null) await guarded(ctx, () => showPage(ctx, teamId, 0, false));
  });
  composer.callbackQuery(teamPickPattern("team"), async (ctx) => {
    await ctx.answerCallbackQuery();
    await guarded(ctx, () => showPage(ctx, Number(ctx.match[1]), 0, false));
  });
  composer.callbackQuery(/^tm:p:(\d{1,9}):(\d{1,4})$/, (ctx) =>
    guarded(ctx, async () => {
      await showPage(ctx, Number(ctx.match[1]), Number(ctx.match[2]), true);
      await ctx.answerCallbackQuery();
    }),
  );
  composer.callbackQuery(/^tm:v:(\d{1,9})$/, (ctx) =>
    guarded(ctx, async () => {
      await showMember(ctx, Number(ctx.match[1]));
      await ctx.answerCallbackQuery();
    }),
  );
  composer.callbackQuery(/^tm:rm:(\d{1,9})$/, (ctx) =>
    guarded(ctx, async () => {
      const { member } = await viewTeamMember(ctx.domain(), Number(ctx.match[1]));
      await ctx.editMessageText(ctx.t("team-remove-confirm", { name: member.name ?? "-" }), {
        reply_markup: new InlineKeyboard().text(ctx.t("btn-remove-yes"), `tm:rmy:${member.membershipId}`).text(ctx.t("btn-cancel"), `tm:v:${member.membershipId}`),
      });
      await ctx.answerCallbackQuery();
    }),
  );
  composer.callbackQuery(/^tm:rmy:(\d{1,9})$/, (ctx) =>
    guarded(ctx, async () => {
      const { member, scope } = await viewTeamMember(ctx.domain(), Number(ctx.match[1]));
      await removeMember(ctx.domain(), member.membershipId);
      ctx.deps.nudgeOutbox();
      await ctx.answerCallbackQuery({ text: ctx.t("team-removed", { name: member.name ?? "-" }) });
      await showPage(ctx, scope.teamId, 0, true);
    }),
  );
  composer.callbackQuery(/^tm:(dp|ld):(\d{1,9})$/, (ctx) =>
    guarded(ctx, async () => {
      const role = ctx.match[1] === "dp" ? "deputy" : "leader";
      const granted = await appointTeamRole(ctx.domain(), { membershipId: Number(ctx.match[2]), role });
      ctx.deps.nudgeOutbox();
      await ctx.answerCallbackQuery({ text: ctx.t(granted ? `team-appointed-${role}` : "team-already-has-role") });
      await showMember(ctx, Number(ctx.match[2]));
    }),
  );
  return composer;
}

async function showPage(ctx: DialogContext, teamId: number, page: number, edit: boolean): Promise<void> {
  const { scope, members } = await listTeamMembers(ctx.domain(), teamId);
  const locale = await ctx.i18n.getLocale();
  const pages = Math.max(1, Math.ceil(members.length / PAGE));
  const current = Math.min(page, pages - 1);
  const slice = members.slice(current * PAGE, (current + 1) * PAGE);
  const active = members.filter((m) => m.status === "active").length;
  const lines = [ctx.t("team-title", { team: teamLabel(scope), active, pending: members.length - active })];
  slice.forEach((m, i) => lines.push(`${current * PAGE + i + 1}. ${memberLine(ctx, m, locale)}`));
  if (members.length === 0) lines.push(ctx.t("team-empty"));
  const keyboard = new InlineKeyboard();
  for (const m of slice) keyboard.text(m.name ?? "-", `tm:v:${m.membershipId}`).row();
  if (current > 0) keyboard.text("◀", `tm:p:${teamId}:${current - 1}`);
  if (current < pages - 1) keyboard.text("▶", `tm:p:${teamId}:${current + 1}`);
  const text = lines.join("\n");
  if (edit) await ctx.editMessageText(text, { reply_markup: keyboard });
  else await ctx.reply(text, { reply_markup: keyboard });
}

async function showMember(ctx: DialogContext, membershipId: number): Promise<void> {
  const { scope, member } = await viewTeamMember(ctx.domain(), membershipId);
  const locale = await ctx.i18n.getLocale();
  const keyboard = new InlineKeyboard();
  if (member.status === "pending") {
    keyboard.text(ctx.t("btn-approve"), `su:a:${membershipId}`).text(ctx.t("btn-reject"), `su:r:${membershipId}`).row();
  } else {
    if (!member.roles.includes("deputy")) keyboard.text(ctx.t("btn-make-deputy"), `tm:dp:${membershipId}`);
    if (!member.roles.includes("leader")) keyboard.text(ctx.t("btn-make-leader"), `tm:ld:${membershipId}`);
    keyboard.row();
  }
  keyboard.text(ctx.t("btn-remove"), `tm:rm:${membershipId}`).row().text(ctx.t("btn-back"), `tm:p:${scope.teamId}:0`);
  await ctx.editMessageText(`${teamLabel(scope)}\n${memberLine(ctx, member, locale)}`, { reply_markup: keyboard });
}

function memberLine(ctx: DialogContext, m: TeamMember, locale: string): string {
  const parts = [m.name ?? "-"];
  if (m.phone) parts.push(m.phone);
  parts.push(formatWeekdays(m.weekdays, locale) || "-");
  if (m.status === "pending") parts.push(ctx.t("status-pending"));
  for (const role of m.roles) parts.push(ctx.t(`role-${role}`));
  if (!m.reachable) parts.push(ctx.t("status-not-linked"));
  if (m.noShows > 0) parts.push(ctx.t("status-no-shows", { count: m.noShows }));
  return parts.join(" · ");
}
