import type { PersonProfile } from "../../people/describe-person.js";
import { teamLabel } from "../../org/team-scope.js";
import { formatWeekdays } from "../../roster/weekdays.js";
import type { DialogContext } from "../context.js";

/** /me: who you are here, and what to do next. */
export async function renderProfile(ctx: DialogContext, profile: PersonProfile): Promise<string> {
  const locale = await ctx.i18n.getLocale();
  const lines = [ctx.t("me-title", { name: profile.name ?? "-" })];
  for (const m of profile.memberships) {
    const days = formatWeekdays(m.weekdays, locale) || "-";
    lines.push(ctx.t(m.status === "active" ? "me-team-active" : "me-team-pending", { team: teamLabel(m), weekdays: days }));
  }
  for (const r of profile.roles) {
    lines.push(ctx.t(`me-role-${r.role}`, { team: r.teamName ?? "-", town: r.townName ?? ctx.t("me-whole-district") }));
  }
  if (profile.memberships.length === 0 && profile.roles.length === 0) lines.push(ctx.t("me-no-team"));
  lines.push("", ctx.t(nextStepKey(profile)));
  // As text: Fluent would group a number's digits, and the id is copied into ADMIN_TELEGRAM_IDS.
  if (ctx.from) lines.push(ctx.t("me-telegram-id", { id: String(ctx.from.id) }));
  return lines.join("\n");
}

function nextStepKey(profile: PersonProfile): string {
  const roles = new Set(profile.roles.map((r) => r.role));
  if (roles.has("coordinator")) return "me-next-coordinator";
  if (roles.has("leader") || roles.has("deputy")) return "me-next-leader";
  if (roles.has("supervisor")) return "me-next-supervisor";
  if (profile.memberships.some((m) => m.status === "active")) return "me-next-volunteer";
  if (profile.memberships.some((m) => m.status === "pending")) return "me-next-pending";
  return "me-next-newcomer";
}
