import type { Db } from "./db.js";

/** The SQL of every statement built here, which PGlite's thread runs as named prepared statements. */
const preparedTexts = new Set<string>();

/** Whether this SQL is one of the app's prepared statements. */
export const isPreparedStatement = (sql: string): boolean => preparedTexts.has(sql);

/**
 * A query built and prepared once per database handle, for the statements every update runs.
 * Building a drizzle query costs more CPU than PostgreSQL takes to run a key lookup, and a
 * prepared statement is planned once per connection instead of at every execution: postgres.js
 * names its statements on PostgreSQL; drizzle's PGlite driver does not pass the name on, so the
 * text is noted here and the PGlite thread names it (src/storage/pglite-named-statements.ts).
 * Values go in through `sql.placeholder`; instants as ISO strings, which both drivers read as
 * timestamptz.
 */
export function preparedPerDb<Q extends { getQuery(): { sql: string } }>(build: (db: Db) => Q): (db: Db) => Q {
  const built = new WeakMap<Db, Q>();
  return (db) => {
    let query = built.get(db);
    if (query === undefined) {
      query = build(db);
      built.set(db, query);
      preparedTexts.add(query.getQuery().sql);
    }
    return query;
  };
}
