// What every part of the page shares: its state, the API, and small DOM helpers.

import { WORDS } from "./words.js";

export const state = {
  lang: localStorage.getItem("sandbox-lang") ?? "zh",
  people: [],
  person: null,
  chats: [],
  chatId: null,
  unread: new Map(),
  pressed: new Set(),
  /** The reply keyboard's location button waiting for a place picked on the map, if any. */
  locationButton: null,
};
export const $ = (selector) => document.querySelector(selector);
export const words = () => WORDS[state.lang];

export async function api(path, options = {}) {
  const response = await fetch(`/sandbox/api${path}`, options);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.error ?? `${response.status}`);
  return body;
}
export const post = (path, body) => api(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

export function toast(text) {
  const box = $("#toast");
  box.textContent = text;
  box.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => (box.hidden = true), 3500);
}
export const failed = (error) => toast(`⚠️ ${error.message}`);

export function el(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}
