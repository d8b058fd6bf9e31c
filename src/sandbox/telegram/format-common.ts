import type { MessageEntity } from "grammy/types";
import { badRequest, type ApiError } from "./errors.js";

export interface Formatted {
  text: string;
  entities: MessageEntity[];
}

export function sortEntities(entities: MessageEntity[]): MessageEntity[] {
  return entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
}

export function byteOffset(source: string, index: number): number {
  return Buffer.byteLength(source.slice(0, index), "utf8");
}

export function parseError(message: string): ApiError {
  return badRequest(`can't parse entities: ${message}`);
}

export type EntityType = MessageEntity["type"];

export function makeEntity(type: EntityType, offset: number, length: number, extra: Record<string, unknown> = {}): MessageEntity {
  return { type, offset, length, ...extra } as MessageEntity;
}
