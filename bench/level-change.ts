/**
 * A district-wide change of response level: 15,000 volunteers in 106 teams, 14 nights planned,
 * and a coordinator raising the whole district to level 1 at 08:00, then lowering it again.
 *
 *   npx tsx bench/level-change.ts
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/level-change.ts
 *
 * Measures the confirmation's transaction (restaffing every planned shift, opening places, telling
 * the leads, and writing the announcement to everyone), the waves job's runs that then call the
 * standby volunteers, what was queued, and the same for lowering. Prints a JSON summary.
 */
import { count, eq, sql } from "drizzle-orm";
import { pino } from "pino";
import type { DomainContext } from "../src/domain/context.js";
import { setResponseLevel } from "../src/levels/set-level.js";
import { generateShifts } from "../src/shifts/generate-shifts.js";
import { runSubstituteWaves } from "../src/shifts/run-substitute-waves.js";
import { localNight, shiftWindow } from "../src/shifts/night.js";
import type { ShiftPolicy } from "../src/shifts/policy.js";
import { openSlots, outbox } from "../src/storage/schema/index.js";
import { testPolicy } from "../test/support/shifts.js";
import { NANHU, seedDistrict } from "./district.js";
import { round, rss, runBench, timed } from "./measure.js";
import { openScratchDatabase } from "./scratch-database.js";

const TZ = "Asia/Shanghai";
/** The production defaults: a fortnight planned, at most two nights a week each. */
const policy: ShiftPolicy = { ...testPolicy, timeZone: TZ, daysAhead: 14, weeklyCap: 2 };

runBench(async () => {
  const { database, drop } = await openScratchDatabase();
  const { db } = database;
  const logger = pino({ level: "silent" });
  try {
    const today = localNight(new Date(), TZ);
    const morning = shiftWindow(today, "08:00", "09:00", TZ).startsAt;
    const ctxAt = (now: Date, actor: DomainContext["actor"]): DomainContext => ({ db, actor, now, logger });
    const [{ coordinators }, seedMs] = await timed(() => seedDistrict(db, NANHU, morning));
    const system = { type: "system", job: "bench" } as const;
    const [planned, planMs] = await timed(() =>
      generateShifts(ctxAt(morning, system), { from: today, days: policy.daysAhead, timeZone: TZ, defaultWeeklyCap: policy.weeklyCap, reminders: policy.reminders }),
    );
    const queued = async (key: string) => (await db.select({ n: count() }).from(outbox).where(sql`${outbox.payload}->'text'->>'key' = ${key}`))[0]!.n;
    const coordinator = { type: "person", personId: coordinators[0]! } as const;

    const [raised, raiseMs] = await timed(() => setResponseLevel(ctxAt(morning, coordinator), { level: "level1", townId: null, message: "Expo week", dedupeKey: "raise" }, TZ));
    // The standby call is the waves job's: run it as the scheduler would until nothing is due.
    const waveRuns: number[] = [];
    for (;;) {
      const [{ waves }, ms] = await timed(() => runSubstituteWaves(ctxAt(morning, system), policy));
      if (waves === 0) break;
      waveRuns.push(ms);
    }
    const afterRaise = { offers: await queued("slot-offer-level"), leadsTold: await queued("staffing-changed"), announcements: await queued("level-changed-message") };
    const [openAfterRaise] = await db.select({ n: count() }).from(openSlots).where(eq(openSlots.reason, "level"));

    const later = new Date(morning.getTime() + 60 * 60_000);
    const [lowered, lowerMs] = await timed(() => setResponseLevel(ctxAt(later, coordinator), { level: "normal", townId: null, message: null, dedupeKey: "lower" }, TZ));

    console.log(
      JSON.stringify(
        {
          store: database.kind,
          members: NANHU.members,
          teams: NANHU.teams,
          nights: policy.daysAhead,
          seedSeconds: round(seedMs / 1000),
          plan: { shifts: planned.shiftsCreated, assignments: planned.assignmentsCreated, seconds: round(planMs / 1000) },
          raise: { seconds: round(raiseMs / 1000), standbyCall: { jobRuns: waveRuns.length, longestRunSeconds: round(Math.max(...waveRuns) / 1000), totalSeconds: round(waveRuns.reduce((a, b) => a + b, 0) / 1000) }, shiftsChanged: raised.shiftsChanged, placesOpened: raised.slotsOpened, levelPlaces: openAfterRaise!.n, ...afterRaise, recipients: raised.recipients },
          lower: { seconds: round(lowerMs / 1000), shiftsChanged: lowered.shiftsChanged, released: lowered.released, recipients: lowered.recipients },
          peakRssMiB: rss.peakMiB(),
        },
        null,
        2,
      ),
    );
  } finally {
    await drop();
  }
});
