import { addDays, isoWeekday, weekOf, type Night } from "./night.js";
import { hasDay } from "../roster/weekdays.js";

/** How far back "recent nights" reach when deciding whose turn it is. */
export const FAIRNESS_WINDOW_DAYS = 28;

export interface RotaMember {
  personId: number;
  /** ISO weekday mask: bit 0 = Monday. */
  weekdays: number;
  weeklyCap: number;
  leave: ReadonlySet<Night>;
}

/**
 * Plans who patrols which night. It knows every night each member is already on (any duty, past
 * or planned) and adds its own picks as it goes, so fairness and caps hold across one run.
 */
export class RotaPlanner {
  private readonly busy = new Map<number, Set<Night>>();

  constructor(
    private readonly members: readonly RotaMember[],
    existing: Iterable<{ personId: number; night: Night }>,
  ) {
    for (const { personId, night } of existing) this.mark(personId, night);
  }

  private mark(personId: number, night: Night) {
    let nights = this.busy.get(personId);
    if (!nights) this.busy.set(personId, (nights = new Set()));
    nights.add(night);
  }

  private nights(personId: number): ReadonlySet<Night> {
    return this.busy.get(personId) ?? new Set();
  }

  isFree(personId: number, night: Night): boolean {
    return !this.nights(personId).has(night);
  }

  /** How many nights the person is on in the fairness window before this night. */
  recentCount(personId: number, night: Night): number {
    const from = addDays(night, -FAIRNESS_WINDOW_DAYS);
    let count = 0;
    for (const n of this.nights(personId)) if (n >= from && n < night) count += 1;
    return count;
  }

  private lastNight(personId: number, before: Night): Night {
    let last = "";
    for (const n of this.nights(personId)) if (n < before && n > last) last = n;
    return last;
  }

  private weekCount(personId: number, night: Night): number {
    const monday = weekOf(night);
    const sunday = addDays(monday, 6);
    let count = 0;
    for (const n of this.nights(personId)) if (n >= monday && n <= sunday) count += 1;
    return count;
  }

  eligible(member: RotaMember, night: Night): boolean {
    return (
      hasDay(member.weekdays, isoWeekday(night)) &&
      !member.leave.has(night) &&
      this.isFree(member.personId, night) &&
      this.weekCount(member.personId, night) < member.weeklyCap
    );
  }

  /**
   * Picks up to `count` members for a night: the fewest recent nights first, then whoever served
   * longest ago, then a per-night shuffle so ties do not always favour the same people.
   */
  pick(night: Night, count: number, exclude: ReadonlySet<number> = new Set()): number[] {
    if (count <= 0) return [];
    const ranked = this.members
      .filter((m) => !exclude.has(m.personId) && this.eligible(m, night))
      .map((m) => ({ id: m.personId, recent: this.recentCount(m.personId, night), last: this.lastNight(m.personId, night), tie: tieBreak(m.personId, night) }))
      .sort((a, b) => a.recent - b.recent || a.last.localeCompare(b.last) || a.tie - b.tie);
    const chosen = ranked.slice(0, count).map((r) => r.id);
    for (const id of chosen) this.mark(id, night);
    return chosen;
  }

  /** Puts a chosen person on the given nights (e.g. the rest of a week they already hold). */
  claim(personId: number, nights: readonly Night[]): number {
    for (const n of nights) this.mark(personId, n);
    return personId;
  }

  /**
   * A week-long duty: one person for all the given nights of one week. They must be free and not
   * on leave on every one of them; weekdays and the weekly cap do not apply to a week they took on.
   */
  pickWeek(nights: readonly Night[], exclude: ReadonlySet<number> = new Set()): number | null {
    if (nights.length === 0) return null;
    const first = nights[0]!;
    const ranked = this.members
      .filter((m) => !exclude.has(m.personId) && nights.every((n) => !m.leave.has(n) && this.isFree(m.personId, n)))
      .map((m) => ({ id: m.personId, recent: this.recentCount(m.personId, first), last: this.lastNight(m.personId, first), tie: tieBreak(m.personId, first) }))
      .sort((a, b) => a.recent - b.recent || a.last.localeCompare(b.last) || a.tie - b.tie);
    const chosen = ranked[0]?.id ?? null;
    if (chosen !== null) for (const n of nights) this.mark(chosen, n);
    return chosen;
  }
}

/** A stable pseudo-random number per person and night (FNV-1a). */
function tieBreak(personId: number, night: Night): number {
  let hash = 0x811c9dc5;
  for (const ch of `${personId}:${night}`) {
    hash ^= ch.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
