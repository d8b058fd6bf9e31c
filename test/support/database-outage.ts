import { sql } from "drizzle-orm";
import postgres from "postgres";
import type { Db } from "../../src/storage/db.js";

/** A database going away for a while and coming back. */
export interface Outage {
  /** The handle the code under test uses. */
  db: Db;
  begin(): Promise<void>;
  end(): Promise<void>;
  close(): Promise<void>;
}

const lostConnection = () => Object.assign(new Error("connect ECONNREFUSED (outage injected by the test)"), { code: "ECONNREFUSED" });

/**
 * Any store: a handle on `db` whose every call fails as with a lost connection while the outage
 * lasts. A fault in the driver's place, not in our code: queries already running finish.
 */
export function lostConnectionOutage(db: Db): Outage {
  let down = false;
  const handle = new Proxy(db, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        if (down) throw lostConnection();
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return {
    db: handle,
    begin: async () => void (down = true),
    end: async () => void (down = false),
    close: async () => {},
  };
}

/**
 * PostgreSQL (TEST_DATABASE_URL): the test's database refuses new connections and the server
 * terminates those open, as in a restart or a failover. Only this test's database is affected.
 */
export async function serverOutage(db: Db): Promise<Outage> {
  const [row] = (await db.execute(sql`select current_database() as name`)) as unknown as Array<{ name: string }>;
  const database = row!.name;
  const name = `"${database}"`;
  const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
  return {
    db,
    async begin() {
      await admin.unsafe(`alter database ${name} allow_connections false`);
      await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${database} and pid <> pg_backend_pid()`;
    },
    async end() {
      await admin.unsafe(`alter database ${name} allow_connections true`);
    },
    async close() {
      await admin.unsafe(`alter database ${name} allow_connections true`);
      await admin.end();
    },
  };
}
