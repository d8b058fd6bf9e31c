/**
 * Named prepared statements on PGlite, in its worker thread. PGlite's own `query` parses every
 * statement as the unnamed one, so Postgres plans it again at each execution: for the check-in's
 * join of seven tables that was 3 ms of a 3.5 ms statement. A statement run here is parsed once
 * under a name of its own and then only bound and executed, so Postgres's plan cache keeps its
 * plan (custom plans for the first five executions, then the generic one when it is no dearer),
 * as it does for the same statements on PostgreSQL. Bind, execute and sync also go to the
 * backend as one batch rather than PGlite's five separate calls.
 *
 * It speaks the extended protocol through PGlite's public `execProtocolStream` and takes PGlite's
 * locks itself: the transaction lock for a statement outside a transaction (as `query` does) and
 * the query lock always, so it never runs between another caller's protocol messages.
 */
import { parse, protocol, type PGlite, type QueryOptions, type Results } from "@electric-sql/pglite";

interface Prepared {
  name: string;
  paramTypes: number[];
}

export class NamedStatements {
  private readonly prepared = new Map<string, Prepared>();
  private next = 0;

  constructor(private readonly pg: PGlite) {}

  /** As `pg.query` (or a transaction's `query` when `inTransaction`), on the statement named for this text. */
  query<T>(sql: string, params: unknown[], options: QueryOptions, inTransaction: boolean): Promise<Results<T>> {
    const run = () => this.pg.runExclusive(() => this.run<T>(sql, params, options, inTransaction));
    return inTransaction ? run() : this.pg._runExclusiveTransaction(run);
  }

  private async run<T>(sql: string, params: unknown[], options: QueryOptions, inTransaction: boolean): Promise<Results<T>> {
    try {
      const { name, paramTypes } = this.prepared.get(sql) ?? (await this.prepare(sql, options));
      const values = params.map((value, i) => this.serialize(value, paramTypes[i]!, options));
      const batch = concat([
        protocol.serialize.bind({ statement: name, values }),
        protocol.serialize.describe({ type: "P" }),
        protocol.serialize.execute({}),
        protocol.serialize.sync(),
      ]);
      const messages = await this.pg.execProtocolStream(batch, { syncToFs: false });
      if (!inTransaction) await this.pg.syncToFs();
      return parse.parseResults(messages, this.pg.parsers, options)[0] as Results<T>;
    } catch (error) {
      // As PGlite's own query reports a database error: with the statement and its parameters.
      if (error instanceof Error && "severity" in error) Object.assign(error, { query: sql, params });
      throw error;
    }
  }

  /** Parses and describes the statement under a new name; kept only once Postgres accepted it. */
  private async prepare(sql: string, options: QueryOptions): Promise<Prepared> {
    const name = `pglite_named_${++this.next}`;
    const messages = await this.pg.execProtocolStream(
      concat([protocol.serialize.parse({ name, text: sql, types: options.paramTypes ?? [] }), protocol.serialize.describe({ type: "S", name }), protocol.serialize.sync()]),
      { syncToFs: false },
    );
    const prepared = { name, paramTypes: parse.parseDescribeStatementResults(messages) };
    this.prepared.set(sql, prepared);
    return prepared;
  }

  /** Parameters as PGlite's `query` sends them: by the serializer of the type Postgres inferred. */
  private serialize(value: unknown, type: number, options: QueryOptions): string | null {
    if (value === null || value === undefined) return null;
    const serializer = options.serializers?.[type] ?? this.pg.serializers[type];
    return serializer ? serializer(value) : String(value);
  }
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
