/**
 * Named prepared statements on PGlite, in its worker thread. PGlite's own `query` parses every
 * statement as the unnamed one, so Postgres plans it again at each execution: for the check-in's
 * join of seven tables that was 3 ms of a 3.5 ms statement. A statement run here is parsed once
 * under a name of its own and then only bound and executed, so Postgres's plan cache keeps its
 * plan (custom plans for the first five executions, then the generic one when it is no dearer),
 * as it does for the same statements on PostgreSQL. Bind, execute and sync also go to the
 * backend as one batch rather than PGlite's five separate calls, and the rows' description is
 * the one read when the statement was prepared (a result's columns cannot change under a
 * prepared statement: Postgres refuses to run it then).
 *
 * It speaks the extended protocol through PGlite's public `execProtocolStream` and takes PGlite's
 * locks itself: the transaction lock for a statement outside a transaction (as `query` does) and
 * the query lock always, so it never runs between another caller's protocol messages.
 */
import { parse, protocol, type ParserOptions, type PGlite, type Results, type RowMode } from "@electric-sql/pglite";

type BackendMessage = Awaited<ReturnType<PGlite["execProtocolStream"]>>[number];

interface Prepared {
  name: string;
  paramTypes: number[];
  /** What its rows hold, from describing the statement once (none when it returns no rows). */
  rowDescription: BackendMessage[];
}

export class NamedStatements {
  private readonly prepared = new Map<string, Prepared>();
  private readonly merged = new Map<string, PGlite["parsers"]>();
  private next = 0;

  constructor(private readonly pg: PGlite) {}

  /**
   * As `pg.query(sql, params, { rowMode, parsers: rawParsers(rawTypes) })`, or a transaction's
   * `query` when `inTransaction`, on the statement named for this text.
   */
  query<T>(sql: string, params: unknown[], rowMode: RowMode, rawTypes: number[], inTransaction: boolean): Promise<Results<T>> {
    const run = () => this.pg.runExclusive(() => this.run<T>(sql, params, rowMode, rawTypes, inTransaction));
    return inTransaction ? run() : this.pg._runExclusiveTransaction(run);
  }

  private async run<T>(sql: string, params: unknown[], rowMode: RowMode, rawTypes: number[], inTransaction: boolean): Promise<Results<T>> {
    try {
      const { name, paramTypes, rowDescription } = this.prepared.get(sql) ?? (await this.prepare(sql));
      const values = params.map((value, i) => this.serialize(value, paramTypes[i]!));
      const batch = concat([protocol.serialize.bind({ statement: name, values }), protocol.serialize.execute({}), protocol.serialize.sync()]);
      const messages = await this.pg.execProtocolStream(batch, { syncToFs: false });
      if (!inTransaction) await this.pg.syncToFs();
      return parse.parseResults([...rowDescription, ...messages], this.parsersWithRaw(rawTypes), { rowMode })[0] as Results<T>;
    } catch (error) {
      // As PGlite's own query reports a database error: with the statement and its parameters.
      if (error instanceof Error && "severity" in error) Object.assign(error, { query: sql, params });
      throw error;
    }
  }

  /** Parses and describes the statement under a new name; kept only once Postgres accepted it. */
  private async prepare(sql: string): Promise<Prepared> {
    const name = `pglite_named_${++this.next}`;
    const messages = await this.pg.execProtocolStream(
      concat([protocol.serialize.parse({ name, text: sql }), protocol.serialize.describe({ type: "S", name }), protocol.serialize.sync()]),
      { syncToFs: false },
    );
    const prepared = {
      name,
      paramTypes: parse.parseDescribeStatementResults(messages),
      rowDescription: messages.filter((message) => message.name === "rowDescription"),
    };
    this.prepared.set(sql, prepared);
    return prepared;
  }

  /** Parameters as PGlite's `query` sends them: by the serializer of the type Postgres inferred. */
  private serialize(value: unknown, type: number): string | null {
    if (value === null || value === undefined) return null;
    const serializer = this.pg.serializers[type];
    return serializer ? serializer(value) : String(value);
  }

  /**
   * PGlite's parsers with the caller's raw types on top, merged once: given `parsers`, PGlite's
   * result parser copies its whole table (a hundred-odd types with the array ones) per result.
   */
  private parsersWithRaw(rawTypes: number[]): PGlite["parsers"] {
    const key = rawTypes.join();
    let parsers = this.merged.get(key);
    if (!parsers) {
      parsers = { ...this.pg.parsers, ...rawParsers(rawTypes) };
      this.merged.set(key, parsers);
    }
    return parsers;
  }
}

const raw = (value: string) => value;
const rawByKey = new Map<string, ParserOptions>();

/** Parsers that leave these types' values as text (the caller parses them), one object per list. */
export function rawParsers(types: number[]): ParserOptions {
  const key = types.join();
  let parsers = rawByKey.get(key);
  if (!parsers) {
    parsers = Object.fromEntries(types.map((type) => [type, raw]));
    rawByKey.set(key, parsers);
  }
  return parsers;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
