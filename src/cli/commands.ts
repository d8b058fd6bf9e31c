import { readFileSync } from "node:fs";
import { grantRole, revokeRole, type GrantInput } from "../access/grant-role.js";
import type { DomainContext } from "../domain/context.js";
import { parsePolicyText } from "../escalation/policy-text.js";
import { updatePolicy } from "../escalation/update-policy.js";
import { viewPolicies } from "../escalation/view-policies.js";
import { listLevels } from "../levels/list-levels.js";
import { parseWhen } from "../levels/parse-when.js";
import { setResponseLevel } from "../levels/set-level.js";
import { addSpecialDay, listSpecialDays, removeSpecialDay } from "../levels/special-days.js";
import { findTeams } from "../org/find-teams.js";
import { addPost } from "../shifts/add-post.js";
import { findTown } from "../org/find-town.js";
import { teamLabel } from "../org/team-scope.js";
import { findPerson } from "../people/find-person.js";
import { importRoster } from "../roster/import-roster.js";
import type { PlanPolicy } from "../shifts/generate-shifts.js";
import { decodeSpreadsheet } from "../roster/roster-csv.js";
import { looksLikeXlsx, readRosterXlsx } from "../roster/roster-xlsx.js";
import type { CliIo } from "./io.js";
import { progressLine, type CliWords } from "./words.js";
import { usage } from "./usage.js";

/** Imports a roster (CSV, or an .xlsx workbook by its bytes); the summary and each skipped line are told in the operator's language (DEFAULT_LOCALE). */
export async function importFile(ctx: DomainContext, io: CliIo, file: string | undefined, planWith: PlanPolicy, say: CliWords): Promise<number> {
  if (!file) return usage(io, 2);
  const bytes = readFileSync(file);
  const roster = looksLikeXlsx(bytes) ? await readRosterXlsx(bytes) : decodeSpreadsheet(bytes);
  const progress = progressLine(io.err, (done, total) => say.t("import-progress", { done, total }));
  const summary = await importRoster(ctx, roster, { planWith, onProgress: progress.update });
  progress.end();
  const { errors, ...counts } = summary;
  io.out.write(`${say.t("import-summary", { ...counts, errors: errors.length })}\n`);
  for (const e of errors) {
    const reason = say.reason(e.reason, { value: e.value ?? "" });
    io.out.write(`${say.t("import-error-line", { line: e.line, reason })}\n`);
  }
  return errors.length > 0 ? 1 : 0;
}

export async function changeRole(ctx: DomainContext, io: CliIo, command: "grant" | "revoke", role: string | undefined, who: string | undefined, values: { team?: string; town?: string }): Promise<number> {
  if (!role || !who) return usage(io, 2);
  const { personId, name } = await findPerson(ctx.db, who);
  let teamId: number | null = null;
  let townId: number | null = null;
  if (values.team) {
    const teams = await findTeams(ctx.db, values.team);
    if (teams.length !== 1) {
      io.err.write(`--team "${values.team}" matches ${teams.length} teams; use the number from 'teams'\n`);
      return 2;
    }
    teamId = teams[0]!.teamId;
  }
  if (values.town) townId = (await findTown(ctx.db, values.town)).townId;
  // grantRole validates the role name and its scope; a wrong one comes back as "refused".
  const input = { personId, role: role as GrantInput["role"], teamId, townId };
  const changed = command === "grant" ? await grantRole(ctx, input) : await revokeRole(ctx, input);
  io.out.write(`${changed ? "done" : "no change"}: ${command} ${role} for ${name ?? who}\n`);
  return 0;
}

export async function addPostFrom(
  ctx: DomainContext,
  io: CliIo,
  values: { team?: string; name?: string; time?: string; location?: string; people?: string; weekly?: boolean },
  planWith: PlanPolicy,
): Promise<number> {
  const window = /^(\d{2}:\d{2})-(\d{2}:\d{2})$/.exec(values.time ?? "");
  if (!values.team || !values.name || !window) return usage(io, 2);
  const teams = await findTeams(ctx.db, values.team);
  if (teams.length !== 1) {
    io.err.write(`--team "${values.team}" matches ${teams.length} teams; use the number from 'teams'\n`);
    return 2;
  }
  const id = await addPost(ctx, {
    teamId: teams[0]!.teamId,
    name: values.name,
    startTime: window[1]!,
    endTime: window[2]!,
    rota: values.weekly ? "weekly" : "fair",
    ...(values.location ? { location: values.location } : {}),
    ...(values.people ? { people: Number(values.people) } : {}),
  }, planWith);
  io.out.write(`post ${id} added to ${teamLabel(teams[0]!)}\n`);
  return 0;
}

export async function rules(ctx: DomainContext, io: CliIo, args: string[], file: string | undefined, say: CliWords): Promise<number> {
  const [first, key, ...text] = args;
  if (first !== "set") {
    const views = (await viewPolicies(ctx)).filter((v) => !first || v.policy.key === first);
    if (views.length === 0) return usage(io, 2);
    for (const { policy, text: rules } of views) io.out.write(`${policy.key}${policy.enabled ? "" : " (off)"}\n${rules.replace(/^/gm, "  ")}\n`);
    return 0;
  }
  const written = file ? readFileSync(file, "utf8") : text.join(" ");
  if (!key || !written.trim()) return usage(io, 2);
  const parsed = parsePolicyText(written);
  if (!parsed.ok) {
    for (const p of parsed.problems) io.err.write(`${say.t("rules-problem", { line: p.line, problem: say.reason(p.reason, { text: p.text }) })}\n`);
    return 1;
  }
  const policy = await updatePolicy(ctx, { key, policy: parsed.policy });
  io.out.write(`saved ${policy.key}\n`);
  return 0;
}

export async function levelCommand(ctx: DomainContext, io: CliIo, timeZone: string, [verb, level]: string[], values: { town?: string; from?: string; until?: string; message?: string }): Promise<number> {
  if (verb === "set") {
    if (level !== "normal" && level !== "heightened" && level !== "level1") return usage(io, 2);
    const when = (text: string | undefined) => (text === undefined ? null : parseWhen(text, ctx.now, timeZone));
    const [startsAt, endsAt] = [when(values.from), when(values.until)];
    if ((values.from && !startsAt) || (values.until && !endsAt)) {
      io.err.write(`cannot read the time: use "21:00" or "2027-10-01 20:00" (${timeZone})\n`);
      return 2;
    }
    const townId = values.town ? (await findTown(ctx.db, values.town)).townId : null;
    const done = await setResponseLevel(ctx, { level, townId, startsAt, endsAt, message: values.message ?? null, dedupeKey: `cli:${ctx.now.getTime()}` }, timeZone);
    io.out.write(`set ${level}: ${done.shiftsChanged} shifts restaffed, ${done.slotsOpened} places opened, ${done.released} people freed, announced to ${done.recipients}\n`);
  } else if (verb) return usage(io, 2);
  for (const l of await listLevels(ctx)) {
    io.out.write(`${l.town ?? "district"}\t${l.level}\t${l.startsAt.toISOString()}\t${l.endsAt?.toISOString() ?? "until changed"}${l.message ? `\t${l.message}` : ""}\n`);
  }
  return 0;
}

export async function specialDaysCommand(ctx: DomainContext, io: CliIo, [verb, night, kind, ...name]: string[]): Promise<number> {
  if (verb === "add") {
    if (!night || (kind !== "holiday" && kind !== "patrol") || name.length === 0) return usage(io, 2);
    await addSpecialDay(ctx, { night, kind: kind === "holiday" ? "holiday" : "social_patrol_day", name: name.join(" ") });
  } else if (verb === "remove") {
    if (!night) return usage(io, 2);
    await removeSpecialDay(ctx, night);
  } else if (verb) return usage(io, 2);
  for (const d of await listSpecialDays(ctx, ctx.now.toISOString().slice(0, 10))) io.out.write(`${d.night}\t${d.kind}\t${d.level}\t${d.name}\n`);
  return 0;
}
