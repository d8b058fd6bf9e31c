import { createWriteStream, readFileSync } from "node:fs";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import { config as loadDotenv } from "dotenv";
import { pino } from "pino";
import { grantRole, revokeRole, type GrantInput } from "../access/grant-role.js";
import { parseStoreConfig } from "../config/config.js";
import type { DomainContext } from "../domain/context.js";
import { isDomainError } from "../domain/errors.js";
import { EXPORT_KIND_NAMES, exportCsv } from "../exports/export-csv.js";
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
import { decodeSpreadsheet } from "../roster/roster-csv.js";
import { checkStatement } from "../stats/check-statement.js";
import { formatHours } from "../stats/hours.js";
import { openConfiguredDatabase } from "../storage/open-configured.js";

const USAGE = `Usage: npm run cli -- <command> [options]

  import <file.csv>                       import volunteers (idempotent; bad lines are listed)
  teams [text]                            list teams, or those whose name contains text
  grant <role> <person> [--team T] [--town T]
  revoke <role> <person> [--team T] [--town T]
                                          role: leader | deputy | supervisor | coordinator | police
                                          person: Telegram user id or phone number
                                          --team: team number or name; --town: town name
  add-post --team T --name N --time 19:00-07:00 [--location L] [--people 1] [--weekly]
                                          a fixed post (e.g. a road crossing) staffed besides the patrol
  rules [key]                             escalation policies, as they are typed
  rules set <key> <rules>                 replace a policy, e.g. rules set incident.tip "leaders police 30m; supervisors 1h; repeat 1"
  rules set <key> --file <file>           the same, from a file with one level per line
  level                                   levels in force or planned, per town
  level set <normal|heightened|level1> [--town T] [--from "2027-10-01 20:00"] [--until "2027-10-08 08:00"] [--message M]
                                          change the level as /level does: restaff shifts, tell leaders, announce
  specialdays [add <date> <holiday|patrol> <name> | remove <date>]
                                          the calendar of public holidays and social patrol days (level 1)
  export <shifts|attendance|incidents|logs> --from YYYY-MM-DD --to YYYY-MM-DD [--out file.csv]
                                          CSV (UTF-8 with BOM, English column names) of the nights from..to; stdout by default
  statement <number>                      check a service-hours statement a volunteer quoted (NH-S-2027-000042)
  migrate                                 apply database migrations and exit`;

/** Operator commands on the same store as the bot. They act as "cli:<user>" in the audit log. */
async function main(argv: string[]): Promise<number> {
  loadDotenv({ quiet: true });
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: {
      team: { type: "string" },
      town: { type: "string" },
      name: { type: "string" },
      time: { type: "string" },
      location: { type: "string" },
      people: { type: "string" },
      weekly: { type: "boolean" },
      file: { type: "string" },
      from: { type: "string" },
      until: { type: "string" },
      to: { type: "string" },
      out: { type: "string" },
      message: { type: "string" },
      help: { type: "boolean" },
    },
  });
  const [command, ...rest] = positionals;
  if (!command || values.help) return usage(command ? 0 : 2);
  const parsed = parseStoreConfig(process.env);
  if (!parsed.ok) {
    process.stderr.write(`Configuration problems:\n${parsed.problems.map((p) => `  ${p}\n`).join("")}`);
    return 2;
  }
  const database = await openConfiguredDatabase(parsed.config);
  const ctx: DomainContext = {
    db: database.db,
    actor: { type: "cli", user: process.env.USER ?? "operator" },
    now: new Date(),
    logger: pino({ level: parsed.config.LOG_LEVEL }, pino.destination(2)),
  };
  try {
    switch (command) {
      case "migrate":
        process.stdout.write("migrations applied\n");
        return 0;
      case "import":
        return await importFile(ctx, rest[0]);
      case "teams":
        for (const t of await findTeams(ctx.db, rest.join(" "), 500)) process.stdout.write(`${t.teamId}\t${teamLabel(t)}\n`);
        return 0;
      case "add-post":
        return await addPostFrom(ctx, values);
      case "rules":
        return await rules(ctx, rest, values.file);
      case "level":
        return await levelCommand(ctx, parsed.config.BOT_TIMEZONE, rest, values);
      case "specialdays":
        return await specialDaysCommand(ctx, rest);
      case "export":
        return await exportCommand(ctx, parsed.config.BOT_TIMEZONE, rest[0], values);
      case "statement": {
        if (!rest[0]) return usage(2);
        const s = await checkStatement(ctx, rest[0]);
        process.stdout.write(`${s.number}\t${s.name ?? "-"}\t${s.from ?? "all time"} – ${s.to}\t${s.nights} nights\t${formatHours(s.minutes)} h\tissued ${s.issuedAt.toISOString()}\n`);
        return 0;
      }
      case "grant":
      case "revoke":
        return await changeRole(ctx, command, rest[0], rest[1], values);
      default:
        return usage(2);
    }
  } catch (error) {
    if (!isDomainError(error)) throw error;
    process.stderr.write(`refused: ${error.reason}${Object.keys(error.details).length ? ` ${JSON.stringify(error.details)}` : ""}\n`);
    return 1;
  } finally {
    await database.close();
  }
}

async function importFile(ctx: DomainContext, file: string | undefined): Promise<number> {
  if (!file) return usage(2);
  const text = decodeSpreadsheet(readFileSync(file));
  const summary = await importRoster(ctx, text, {
    onProgress: (done, total) => void process.stderr.write(`\r${done}/${total} rows`),
  });
  process.stderr.write("\n");
  const { errors, ...counts } = summary;
  process.stdout.write(`${Object.entries(counts).map(([k, v]) => `${k}: ${v}`).join(", ")}, errors: ${errors.length}\n`);
  for (const e of errors) process.stdout.write(`line ${e.line}: ${e.reason}${e.value ? ` (${e.value})` : ""}\n`);
  return errors.length > 0 ? 1 : 0;
}

async function changeRole(ctx: DomainContext, command: "grant" | "revoke", role: string | undefined, who: string | undefined, values: { team?: string; town?: string }): Promise<number> {
  if (!role || !who) return usage(2);
  const { personId, name } = await findPerson(ctx.db, who);
  let teamId: number | null = null;
  let townId: number | null = null;
  if (values.team) {
    const teams = await findTeams(ctx.db, values.team);
    if (teams.length !== 1) {
      process.stderr.write(`--team "${values.team}" matches ${teams.length} teams; use the number from 'teams'\n`);
      return 2;
    }
    teamId = teams[0]!.teamId;
  }
  if (values.town) townId = (await findTown(ctx.db, values.town)).townId;
  // grantRole validates the role name and its scope; a wrong one comes back as "refused".
  const input = { personId, role: role as GrantInput["role"], teamId, townId };
  const changed = command === "grant" ? await grantRole(ctx, input) : await revokeRole(ctx, input);
  process.stdout.write(`${changed ? "done" : "no change"}: ${command} ${role} for ${name ?? who}\n`);
  return 0;
}

async function addPostFrom(ctx: DomainContext, values: { team?: string; name?: string; time?: string; location?: string; people?: string; weekly?: boolean }): Promise<number> {
  const window = /^(\d{2}:\d{2})-(\d{2}:\d{2})$/.exec(values.time ?? "");
  if (!values.team || !values.name || !window) return usage(2);
  const teams = await findTeams(ctx.db, values.team);
  if (teams.length !== 1) {
    process.stderr.write(`--team "${values.team}" matches ${teams.length} teams; use the number from 'teams'\n`);
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
  });
  process.stdout.write(`post ${id} added to ${teamLabel(teams[0]!)}\n`);
  return 0;
}

async function rules(ctx: DomainContext, args: string[], file: string | undefined): Promise<number> {
  const [first, key, ...text] = args;
  if (first !== "set") {
    const views = (await viewPolicies(ctx)).filter((v) => !first || v.policy.key === first);
    if (views.length === 0) return usage(2);
    for (const { policy, text: rules } of views) process.stdout.write(`${policy.key}${policy.enabled ? "" : " (off)"}\n${rules.replace(/^/gm, "  ")}\n`);
    return 0;
  }
  const written = file ? readFileSync(file, "utf8") : text.join(" ");
  if (!key || !written.trim()) return usage(2);
  const parsed = parsePolicyText(written);
  if (!parsed.ok) {
    for (const p of parsed.problems) process.stderr.write(`level ${p.line}: ${p.reason} (${p.text})\n`);
    return 1;
  }
  const policy = await updatePolicy(ctx, { key, policy: parsed.policy });
  process.stdout.write(`saved ${policy.key}\n`);
  return 0;
}

async function levelCommand(ctx: DomainContext, timeZone: string, [verb, level]: string[], values: { town?: string; from?: string; until?: string; message?: string }): Promise<number> {
  if (verb === "set") {
    if (level !== "normal" && level !== "heightened" && level !== "level1") return usage(2);
    const when = (text: string | undefined) => (text === undefined ? null : parseWhen(text, ctx.now, timeZone));
    const [startsAt, endsAt] = [when(values.from), when(values.until)];
    if ((values.from && !startsAt) || (values.until && !endsAt)) {
      process.stderr.write(`cannot read the time: use "21:00" or "2027-10-01 20:00" (${timeZone})\n`);
      return 2;
    }
    const townId = values.town ? (await findTown(ctx.db, values.town)).townId : null;
    const done = await setResponseLevel(ctx, { level, townId, startsAt, endsAt, message: values.message ?? null, dedupeKey: `cli:${ctx.now.getTime()}` }, timeZone);
    process.stdout.write(`set ${level}: ${done.shiftsChanged} shifts restaffed, ${done.slotsOpened} places opened, ${done.released} people freed, announced to ${done.recipients}\n`);
  } else if (verb) return usage(2);
  for (const l of await listLevels(ctx)) {
    process.stdout.write(`${l.town ?? "district"}\t${l.level}\t${l.startsAt.toISOString()}\t${l.endsAt?.toISOString() ?? "until changed"}${l.message ? `\t${l.message}` : ""}\n`);
  }
  return 0;
}

async function specialDaysCommand(ctx: DomainContext, [verb, night, kind, ...name]: string[]): Promise<number> {
  if (verb === "add") {
    if (!night || (kind !== "holiday" && kind !== "patrol") || name.length === 0) return usage(2);
    await addSpecialDay(ctx, { night, kind: kind === "holiday" ? "holiday" : "social_patrol_day", name: name.join(" ") });
  } else if (verb === "remove") {
    if (!night) return usage(2);
    await removeSpecialDay(ctx, night);
  } else if (verb) return usage(2);
  for (const d of await listSpecialDays(ctx, ctx.now.toISOString().slice(0, 10))) process.stdout.write(`${d.night}\t${d.kind}\t${d.level}\t${d.name}\n`);
  return 0;
}

/** Why an export was refused, in the operator's words. */
const EXPORT_PROBLEMS: Record<string, (d: Record<string, string | number>) => string> = {
  "export.unknown_kind": (d) => `cannot export "${d.kind}": choose one of ${EXPORT_KIND_NAMES.join(", ")}`,
  "export.bad_date": (d) => `cannot export: "${d.value}" is not a date; write --from and --to as YYYY-MM-DD`,
  "export.range_reversed": (d) => `cannot export: --from ${d.from} is after --to ${d.to}`,
  "export.range_too_long": (d) => `cannot export: at most ${d.max} nights at a time`,
};

async function exportCommand(ctx: DomainContext, timeZone: string, kind: string | undefined, values: { from?: string; to?: string; out?: string }): Promise<number> {
  if (!kind || values.from === undefined || values.to === undefined) {
    process.stderr.write(`export needs a kind (${EXPORT_KIND_NAMES.join(", ")}), --from and --to, e.g. export attendance --from 2027-06-01 --to 2027-06-30\n`);
    return 2;
  }
  try {
    const result = await exportCsv(ctx, { kind, from: values.from, to: values.to }, timeZone);
    // stdout stays open after the export (the process writes nothing else to it).
    if (values.out) await pipeline(result.csv, createWriteStream(values.out));
    else await pipeline(result.csv, process.stdout, { end: false });
    process.stderr.write(`${result.rowCount()} rows of ${kind}, ${result.range.from} to ${result.range.to}${values.out ? ` written to ${values.out}` : ""}\n`);
    return 0;
  } catch (error) {
    const problem = isDomainError(error) ? EXPORT_PROBLEMS[error.reason] : undefined;
    if (!problem || !isDomainError(error)) throw error;
    process.stderr.write(`${problem(error.details)}\n`);
    return 2;
  }
}

function usage(code: number): number {
  (code === 0 ? process.stdout : process.stderr).write(`${USAGE}\n`);
  return code;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
