import { parseArgs } from "node:util";
import { pino } from "pino";
import { parseStoreConfig } from "../config/config.js";
import type { DomainContext } from "../domain/context.js";
import { isDomainError } from "../domain/errors.js";
import { findTeams } from "../org/find-teams.js";
import { teamLabel } from "../org/team-scope.js";
import type { PlanPolicy } from "../shifts/generate-shifts.js";
import { verifyStatement } from "../stats/verify-statement.js";
import { formatTenths } from "../stats/hours.js";
import { openConfiguredDatabase } from "../storage/open-configured.js";
import { addPostFrom, changeRole, importFile, levelCommand, rules, specialDaysCommand } from "./commands.js";
import { exportCommand } from "./export-command.js";
import type { CliIo } from "./io.js";
import { usage } from "./usage.js";
import { cliWords } from "./words.js";

/** Operator commands on the same store as the bot. They act as "cli:<user>" in the audit log. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
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
      lang: { type: "string" },
      format: { type: "string" },
      help: { type: "boolean" },
    },
  });
  const [command, ...rest] = positionals;
  if (!command || values.help) return usage(io, command ? 0 : 2);
  const parsed = parseStoreConfig(io.env);
  if (!parsed.ok) {
    io.err.write(`Configuration problems:\n${parsed.problems.map((p) => `  ${p}\n`).join("")}`);
    return 2;
  }
  const database = io.database ?? (await openConfiguredDatabase(parsed.config));
  const say = cliWords(parsed.config.DEFAULT_LOCALE);
  // New teams, members and posts are planned at once, as the bot does.
  const planWith: PlanPolicy = {
    timeZone: parsed.config.BOT_TIMEZONE,
    daysAhead: parsed.config.ROTA_DAYS_AHEAD,
    weeklyCap: parsed.config.WEEKLY_CAP,
    reminders: parsed.config.REMINDER_SCHEDULE,
  };
  const ctx: DomainContext = {
    db: database.db,
    actor: { type: "cli", user: io.env.USER ?? "operator" },
    now: new Date(),
    logger: pino({ level: parsed.config.LOG_LEVEL }, pino.destination(2)),
  };
  try {
    switch (command) {
      case "migrate":
        io.out.write("migrations applied\n");
        return 0;
      case "import":
        return await importFile(ctx, io, rest[0], planWith, say);
      case "teams":
        for (const t of await findTeams(ctx.db, rest.join(" "), 500)) io.out.write(`${t.teamId}\t${teamLabel(t)}\n`);
        return 0;
      case "add-post":
        return await addPostFrom(ctx, io, values, planWith);
      case "rules":
        return await rules(ctx, io, rest, values.file, say);
      case "level":
        return await levelCommand(ctx, io, parsed.config.BOT_TIMEZONE, rest, values);
      case "specialdays":
        return await specialDaysCommand(ctx, io, rest);
      case "export":
        return await exportCommand(ctx, io, parsed.config.BOT_TIMEZONE, rest[0], values, say);
      case "statement": {
        if (!rest[0]) return usage(io, 2);
        const s = await verifyStatement(ctx, rest[0]);
        io.out.write(`${s.number}\t${s.name}\t${s.teams.join(", ") || "-"}\t${s.from ?? "all time"} – ${s.to}\t${s.nights} nights\t${formatTenths(s.tenths)} h\tissued ${s.issuedAt.toISOString()}\n`);
        return 0;
      }
      case "grant":
      case "revoke":
        return await changeRole(ctx, io, command, rest[0], rest[1], values);
      default:
        return usage(io, 2);
    }
  } catch (error) {
    if (!isDomainError(error)) throw error;
    io.err.write(`${say.refusal(error)}\n`);
    return 1;
  } finally {
    if (!io.database) await database.close();
  }
}
