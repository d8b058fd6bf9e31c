/**
 * Tells a caller whether work it ran may have queued outbox messages, without threading a flag
 * through every verb: the bot wakes the dispatcher after an update only when there is something
 * to send, instead of running a claim query after every update of a 20:00 wave.
 *
 * A process-wide count, compared before and after: work running beside it that queued something
 * makes the answer yes too, which costs one spare claim and never loses a wake-up. (Tracking it
 * per call with AsyncLocalStorage put a hook on every promise the bot made.)
 */
let queued = 0;

/** Runs `work` and says whether any message was queued in this process meanwhile. */
export async function watchEnqueues(work: () => Promise<void>): Promise<boolean> {
  const before = queued;
  await work();
  return queued !== before;
}

/** Called by the outbox when rows were inserted (a rolled-back transaction only costs a spare claim). */
export function noteEnqueued(): void {
  queued += 1;
}
