import { z } from "zod";

/**
 * What an outbox row asks Telegram to do, stored as JSON and rendered at send time in the
 * recipient's language. Text is an i18n key with arguments; an argument may itself be a key,
 * so "status: {status}" can show a translated status.
 */
const scalar = z.union([z.string(), z.number()]);
/** Values formatted for the recipient at send time: weekday masks, instants in the bot's zone. */
const formatted = z.union([
  z.object({ weekdays: z.number().int().min(0).max(127) }),
  z.object({ datetime: z.iso.datetime() }),
  /** A night (YYYY-MM-DD) as a short weekday and date, e.g. "Fri 1 May" or "5月1日 周五". */
  z.object({ date: z.iso.date() }),
  /** An instant as the time of day in the bot's zone, e.g. "19:02": when something was answered. */
  z.object({ time: z.iso.datetime() }),
]);
/** A message key and its arguments; an argument may be another such text (a card inside a card). */
export interface TextRef {
  key: string;
  args?: Record<string, string | number | TextRef | TextLines | z.infer<typeof formatted>>;
}
/** Several texts, one per line (a digest's items), or joined by `separator`. */
export interface TextLines {
  lines: TextRef[];
  separator?: string;
}
export const textRefSchema: z.ZodType<TextRef> = z.object({
  key: z.string().min(1),
  get args() {
    return z.record(z.string(), z.union([scalar, formatted, textRefSchema, z.object({ lines: z.array(textRefSchema).max(500), separator: z.string().max(10).optional() })])).optional();
  },
});

const buttonSchema = z.union([
  z.object({ text: textRefSchema, data: z.string().min(1).max(64) }),
  z.object({ text: textRefSchema, url: z.url() }),
]);
export type OutboxButton = z.infer<typeof buttonSchema>;

/**
 * A chart as data, drawn at send time in the recipient's language: the texts are message keys,
 * town and team names are as written.
 */
export const chartSpecSchema = z.object({
  title: textRefSchema,
  /** Grouped bars, one group per label (a town or a team), one bar per series. */
  bars: z.object({
    labels: z.array(z.string().max(80)).max(60),
    series: z.array(z.object({ label: textRefSchema, values: z.array(z.number()) })).min(1).max(6),
    /** The values are percentages: the axis runs from 0 to 100. */
    percent: z.boolean(),
    /** A line across the bars at this value, labelled: the mark the review's text measures against. */
    target: z.object({ value: z.number(), label: textRefSchema }).optional(),
  }),
  /** Shares of a whole beside the bars. */
  pie: z.object({ title: textRefSchema, labels: z.array(textRefSchema).max(12), values: z.array(z.number().nonnegative()).max(12) }).optional(),
});
export type ChartSpec = z.infer<typeof chartSpecSchema>;

/** A table for a CSV file: column titles are message keys, cells plain values. */
export const tableSpecSchema = z.object({
  columns: z.array(textRefSchema).min(1).max(80),
  rows: z.array(z.array(z.union([z.string(), z.number(), z.null()]))).max(5000),
});
export type TableSpec = z.infer<typeof tableSpecSchema>;

const fileName = z.string().regex(/^[\w.-]{1,64}$/);

export const outboxPayloadSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("message"),
    text: textRefSchema,
    buttons: z.array(z.array(buttonSchema)).optional(),
    /** A reminder queued ahead of its time: just before it is sent, it is checked to be still wanted. */
    recheck: z.object({ reminderId: z.number().int().positive() }).optional(),
  }),
  /** Edits a message we sent earlier; naming its outbox row lets the edit wait until it is sent. */
  z.object({
    kind: z.literal("edit"),
    target: z.union([z.object({ outboxId: z.number().int().positive() }), z.object({ messageId: z.number().int().positive() })]),
    text: textRefSchema,
    buttons: z.array(z.array(buttonSchema)).optional(),
  }),
  /** One photo, or an album of up to ten, by Telegram file id (photos users sent us). Only one photo can carry buttons. */
  z.object({
    kind: z.literal("photos"),
    fileIds: z.array(z.string().min(1)).min(1).max(10),
    caption: textRefSchema.optional(),
    buttons: z.array(z.array(buttonSchema)).optional(),
  }),
  z.object({ kind: z.literal("voice"), fileId: z.string().min(1), caption: textRefSchema.optional() }),
  /** A map pin. */
  z.object({ kind: z.literal("location"), latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) }),
  /** Replace the chat's command menu; `commands` are command names, described in the recipient's language. */
  z.object({ kind: z.literal("commands"), commands: z.array(z.string().regex(/^[a-z0-9_]{1,32}$/)) }),
  /** A chart drawn as a PNG when sent, and sent as a photo. */
  z.object({ kind: z.literal("chart"), chart: chartSpecSchema, fileName, caption: textRefSchema.optional() }),
  /** A file made when sent: a text as it is, or a table as CSV with the column titles in the recipient's language. */
  z.object({
    kind: z.literal("document"),
    fileName,
    // A text up to 10 million characters: the problems of a 20 MB roster, one line each.
    content: z.union([z.object({ text: z.string().max(10_000_000) }), z.object({ table: tableSpecSchema })]),
    caption: textRefSchema.optional(),
  }),
]);
export type OutboxPayload = z.infer<typeof outboxPayloadSchema>;

export const t = (key: string, args?: TextRef["args"]): TextRef => (args ? { key, args } : { key });
