import type { CliIo } from "./io.js";

export const USAGE = `Usage: npm run cli -- <command> [options]

  import <file.csv|file.xlsx>             import volunteers (idempotent; bad lines are listed)
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
  export <shifts|attendance|incidents|logs> --from YYYY-MM-DD --to YYYY-MM-DD [--out file.xlsx|file.csv] [--format xlsx|csv] [--lang zh|en]
                                          CSV (UTF-8 with BOM) of the nights from..to, headers and values in
                                          DEFAULT_LOCALE or --lang; stdout by default
  statement <number>                      check a service-hours statement a volunteer quoted (NH-S-2027-000042-7KQ3MX)
  migrate                                 apply database migrations and exit`;

/** Prints the usage: to stdout when asked for, to stderr after a mistake. */
export function usage(io: CliIo, code: number): number {
  (code === 0 ? io.out : io.err).write(`${USAGE}\n`);
  return code;
}
