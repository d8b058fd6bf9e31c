import type { Logger } from "pino";
import type { Db } from "../storage/db.js";

/** Who is acting. Verbs check permissions against a person, never against what a client claims. */
export type Actor =
  | { type: "person"; personId: number }
  | { type: "system"; job: string }
  | { type: "cli"; user: string };

/** Every domain verb takes this. `now` is passed in so tests and jobs pin the clock. */
export interface DomainContext {
  db: Db;
  actor: Actor;
  now: Date;
  logger: Logger;
}

export function actorPersonId(actor: Actor): number | null {
  return actor.type === "person" ? actor.personId : null;
}
