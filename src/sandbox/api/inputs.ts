import { z } from "zod";

/** Who acts: the Telegram user id of one of the demo people (GET /sandbox/api/people lists them). */
const as = z.int({ error: "must be the id of a demo person (a whole number; see /sandbox/api/people)" }).positive({ error: "must be the id of a demo person" });
const messageId = z.int({ error: "must be a message id (a whole number)" }).positive({ error: "must be a message id" });
const latitude = z.number({ error: "must be a number of degrees" }).min(-90, { error: "must be between -90 and 90" }).max(90, { error: "must be between -90 and 90" });
const longitude = z.number({ error: "must be a number of degrees" }).min(-180, { error: "must be between -180 and 180" }).max(180, { error: "must be between -180 and 180" });

export const chatIdParam = z.coerce.number({ error: "The chat id must be a number." }).int({ error: "The chat id must be a whole number." });
export const personIdParam = z.coerce.number({ error: "The person id must be a number." }).int({ error: "The person id must be a whole number." }).positive({ error: "The person id must be positive." });

export const sendTextInput = z.strictObject({
  as,
  text: z.string({ error: "is required: the text to send" }).trim().min(1, { error: "must not be empty" }).max(4096, { error: "must be at most 4096 characters, as in Telegram" }),
  /** Answers this message, as swiping a message to reply does. */
  replyTo: messageId.optional(),
});

/** A button by its text, or by its place: row and column from 0, as `inlineKeyboard` lists them. */
export const pressButtonInput = z.union(
  [
    z.strictObject({ as, messageId, text: z.string().min(1, { error: "must not be empty" }) }),
    z.strictObject({ as, messageId, row: z.int().min(0), column: z.int().min(0) }),
  ],
  { error: "give as, messageId, and either the button's text or its row and column" },
);

export const replyButtonInput = z.strictObject({
  as,
  text: z.string({ error: "is required: the text of the reply keyboard button" }).min(1, { error: "must not be empty" }),
  /** Where a location button says the person is; central Jiaxing when left out. */
  latitude: latitude.optional(),
  longitude: longitude.optional(),
});

export const contactInput = z.strictObject({ as });

export const locationInput = z.strictObject({ as, latitude, longitude });

export const photoQuery = z.strictObject({
  as: z.coerce.number({ error: "must be the id of a demo person" }).int().positive(),
  caption: z.string().max(1024, { error: "must be at most 1024 characters, as in Telegram" }).optional(),
});

export const eventsQuery = z.strictObject({
  /** Only these chats' changes (comma-separated ids); clock and menu changes always come. */
  chats: z
    .string()
    .regex(/^-?\d+(,-?\d+)*$/, { error: "must be chat ids separated by commas" })
    .transform((raw) => raw.split(",").map(Number))
    .optional(),
});

export const commandsQuery = z.strictObject({
  /** The chat whose menu to show; the person's private chat when left out. */
  chat: z.coerce.number({ error: "must be a chat id" }).int().optional(),
});

export const speedInput = z.strictObject({
  speed: z.number({ error: "must be a number: sandbox seconds per real second, e.g. 1 or 60" }).min(1, { error: "must be at least 1 (time never runs backwards)" }).max(3600, { error: "must be at most 3600" }),
});

export const jumpInput = z.strictObject({
  to: z.string({ error: "is required: a time of day such as 19:45" }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "must be a time of day as HH:MM, e.g. 19:45 or 00:30" }),
});
