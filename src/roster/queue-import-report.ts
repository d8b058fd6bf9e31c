import type { DomainContext } from "../domain/context.js";
import { enqueueMessages, PRIORITY, type OutboxMessage, type Recipient } from "../outbox/enqueue.js";
import type { TextRef } from "../outbox/payload.js";

export interface ImportReport {
  /** The summary and the first problem lines, one text per line, drawn in the recipient's language when sent. */
  lines: TextRef[];
  /** Every problem row as a CSV, when the summary could not list them all. */
  problems?: { fileName: string; csv: string; count: number };
}

/**
 * The end of an import, told to whoever sent the file through the outbox, so a Telegram error or a
 * restart does not lose it: the outbox tries again and sends each once. `importKey` names the
 * import (its chat and message), so telling the same import twice queues nothing new.
 */
export async function queueImportReport(ctx: DomainContext, to: Recipient, importKey: string, report: ImportReport): Promise<void> {
  const messages: OutboxMessage[] = [
    { to, payload: { kind: "message", text: { key: "import-report", args: { report: { lines: report.lines } } } }, dedupeKey: `import:${importKey}:summary`, priority: PRIORITY.normal },
  ];
  if (report.problems) {
    const { fileName, csv, count } = report.problems;
    messages.push({
      to,
      payload: { kind: "document", fileName, content: { text: csv }, caption: { key: "import-problems-caption", args: { count } } },
      dedupeKey: `import:${importKey}:problems`,
      priority: PRIORITY.normal,
    });
  }
  await ctx.db.transaction((tx) => enqueueMessages(tx, ctx.now, messages));
}
