import { InlineKeyboard } from "grammy";
import { isCoordinator, ledTeamIds, loadAccess, supervisedTownIds } from "../access/access.js";
import { findTeams } from "../org/find-teams.js";
import { teamLabel } from "../org/team-scope.js";
import type { DialogContext } from "./context.js";

/**
 * Which team a team command is about. A lead of one team needs no argument; anyone else names
 * the team (number or part of its name) or picks from buttons. The pick is only a choice: the
 * verb it leads to checks permission again.
 */
export async function pickTeam(ctx: DialogContext, command: string, arg: string): Promise<number | null> {
  const access = await loadAccess(ctx.deps.db, ctx.person!.personId);
  if (arg.trim() === "") {
    const led = ledTeamIds(access);
    if (led.length === 1) return led[0]!;
    if (led.length > 1) {
      const teams = await Promise.all(led.map((id) => findTeams(ctx.deps.db, String(id))));
      await offer(ctx, command, teams.flat());
      return null;
    }
    const key = isCoordinator(access) || supervisedTownIds(access).length > 0 ? "team-arg-needed" : "err-forbidden";
    await ctx.reply(ctx.t(key, { command }));
    return null;
  }
  const found = await findTeams(ctx.deps.db, arg);
  if (found.length === 1) return found[0]!.teamId;
  if (found.length === 0) await ctx.reply(ctx.t("err-team-not-found"));
  else await offer(ctx, command, found);
  return null;
}

async function offer(ctx: DialogContext, command: string, teams: Awaited<ReturnType<typeof findTeams>>) {
  const keyboard = new InlineKeyboard();
  for (const team of teams) keyboard.text(`${team.teamId} · ${teamLabel(team)}`, `tp:${command}:${team.teamId}`).row();
  await ctx.reply(ctx.t("team-pick"), { reply_markup: keyboard });
}

export const teamPickPattern = (command: string) => new RegExp(`^tp:${command}:(\\d{1,9})$`);
