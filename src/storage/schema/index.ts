export * from "./org.js";
export * from "./people.js";
export * from "./roster.js";
export * from "./access.js";
export * from "./audit.js";
export * from "./outbox.js";
export * from "./dialogs.js";
export * from "./shifts.js";
