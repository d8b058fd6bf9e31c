import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Tells a caller whether the work it ran queued any outbox message, without threading a flag
 * through every verb: the bot wakes the dispatcher after an update only when there is something
 * to send, instead of running a claim query after every update of a 20:00 wave.
 */
const watching = new AsyncLocalStorage<{ enqueued: boolean }>();

/** Runs `work` and says whether it (or anything it awaited) enqueued a message. */
export async function watchEnqueues(work: () => Promise<void>): Promise<boolean> {
  const watch = { enqueued: false };
  await watching.run(watch, work);
  return watch.enqueued;
}

/** Called by the outbox when rows were inserted (a rolled-back transaction only costs a spare claim). */
export function noteEnqueued(): void {
  const watch = watching.getStore();
  if (watch) watch.enqueued = true;
}
