import type { FakeState } from "./fake-state.js";
import { BOT_METHODS } from "./methods-bot.js";
import { MEDIA_METHODS } from "./methods-media.js";
import { MESSAGE_METHODS } from "./methods-messages.js";
import type { Params } from "./params.js";

export type Handler = (state: FakeState, p: Params, signal: AbortSignal) => unknown;

export const METHODS = new Map<string, Handler>(Object.entries({ ...BOT_METHODS, ...MESSAGE_METHODS, ...MEDIA_METHODS }));

export const METHOD_NAMES = new Map([...METHODS.keys()].map((name) => [name.toLowerCase(), name]));
