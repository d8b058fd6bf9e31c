import type { Db } from "./db.js";

/**
 * A query built and prepared once per database handle, for the statements every update runs.
 * Building a drizzle query costs more CPU than PostgreSQL takes to run a key lookup, and a
 * prepared statement is planned once per connection instead of at every execution. Values go
 * in through `sql.placeholder`; instants as ISO strings, which both drivers read as timestamptz.
 */
export function preparedPerDb<Q>(build: (db: Db) => Q): (db: Db) => Q {
  const built = new WeakMap<Db, Q>();
  return (db) => {
    let query = built.get(db);
    if (query === undefined) {
      query = build(db);
      built.set(db, query);
    }
    return query;
  };
}
