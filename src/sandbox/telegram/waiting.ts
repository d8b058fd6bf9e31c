import type { EventEmitter } from "node:events";
import { FakeClosedError } from "./errors.js";

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(reason: unknown): void;
}

/**
 * Marks a delivery promise as handled, so a test that fires and forgets
 * (`void alice.send(...)`) does not get an unhandled-rejection failure when the
 * fake closes or drops the update; awaiting it still throws.
 */
export function quiet<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** Turns a synchronous throw into a rejection that is *not* quiet: misuse must surface. */
export function attempt<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return fn();
  } catch (error) {
    return Promise.reject(error);
  }
}

/** A promise with its settle functions; quiet, see `quiet`. */
export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise: quiet(promise), resolve, reject };
}

export interface WaitOptions<T> {
  /** Re-run on every `event`; a defined result ends the wait. */
  probe: () => T | undefined;
  emitter: EventEmitter;
  event: string;
  /** Emits "close" when the fake shuts down. */
  lifecycle: EventEmitter;
  timeoutMs: number;
  describe: () => string;
}

/** Event-driven wait: checks what is already there, then re-checks on each relevant event. */
export function waitUntil<T>(options: WaitOptions<T>): Promise<T> {
  const found = options.probe();
  if (found !== undefined) return Promise.resolve(found);
  return new Promise<T>((resolve, reject) => {
    const cleanup = (): void => {
      clearTimeout(timer);
      options.emitter.off(options.event, onEvent);
      options.lifecycle.off("close", onClose);
    };
    const onEvent = (): void => {
      const result = options.probe();
      if (result === undefined) return;
      cleanup();
      resolve(result);
    };
    const onClose = (): void => {
      cleanup();
      reject(new FakeClosedError(`waiting for ${options.describe()}`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Timed out after ${options.timeoutMs}ms waiting for ${options.describe()}`));
    }, options.timeoutMs);
    options.emitter.on(options.event, onEvent);
    options.lifecycle.once("close", onClose);
  });
}
