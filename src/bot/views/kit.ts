import { InlineKeyboard } from "grammy";
import { itemKey, KIT_ITEMS, type KitCounts, type KitItem } from "../../kit/kit-items.js";
import { kitOverview } from "../../kit/kit-overview.js";
import type { openKitRequests } from "../../kit/open-kit-requests.js";
import { teamKit } from "../../kit/team-kit.js";
import type { DialogContext } from "../context.js";
import { renderArgs } from "./shift.js";

/** Plain data, so a dialog can keep it as a step's result. */
export interface KitView {
  blocks: string[];
  buttons: Array<Array<{ text: string; data: string }>>;
}

const LISTED = 15;
const HANDLE_BUTTONS = 20;

export const itemName = (ctx: DialogContext, item: KitItem) => ctx.t(`kit-item-${itemKey(item)}`);

/** "vests 8 · caps 8 · first-aid kits 1" for the items given. */
export const countsLine = (ctx: DialogContext, counts: KitCounts) =>
  KIT_ITEMS.filter((i) => counts[i] !== undefined)
    .map((i) => `${itemName(ctx, i)} ${counts[i]}`)
    .join(" · ");

async function requestLines(ctx: DialogContext, requests: Awaited<ReturnType<typeof openKitRequests>>): Promise<string[]> {
  const lines: string[] = [];
  for (const r of requests) {
    const { when } = await renderArgs(ctx, { when: { datetime: r.requestedAt.toISOString() } });
    lines.push(
      ctx.t("kit-request-line", { id: r.requestId, team: r.teamName, quantity: r.quantity, item: itemName(ctx, r.item), kind: ctx.t(`kit-kind-${r.kind}`), note: r.note ? ` – ${r.note}` : "", name: r.requestedBy ?? "-", when: when! }),
    );
  }
  return lines;
}

/** A team's kit: counts against the full set, when last counted, open requests; a lead gets the buttons. */
export async function teamKitView(ctx: DialogContext, teamId: number): Promise<KitView> {
  const kit = await teamKit(ctx.domain(), teamId);
  const counts = KIT_ITEMS.map((i) => `${itemName(ctx, i)} ${kit.holdings[i] ?? "–"}/${kit.full[i]}`).join(" · ");
  const counted = kit.updatedAt
    ? ctx.t("kit-team-counted", { ...(await renderArgs(ctx, { when: { datetime: kit.updatedAt.toISOString() } })), name: kit.updatedBy ?? "-" })
    : ctx.t("kit-team-never-counted");
  const blocks = [ctx.t("kit-team-title", { team: kit.team.teamName, counts, counted })];
  const requests = await requestLines(ctx, kit.requests);
  blocks.push(requests.length > 0 ? [ctx.t("kit-team-requests"), ...requests].join("\n") : ctx.t("kit-team-no-requests"));
  const buttons = kit.mayChange
    ? [[{ text: ctx.t("btn-kit-update"), data: `kt:u:${teamId}` }], [{ text: ctx.t("btn-kit-report"), data: `kt:r:${teamId}` }]]
    : [];
  return { blocks, buttons };
}

/** The district (or the supervisor's towns): totals, who lacks a full set, who never counted, open requests. */
export async function kitOverviewView(ctx: DialogContext): Promise<KitView> {
  const o = await kitOverview(ctx.domain());
  const counted = o.teams - o.uncounted.length;
  const blocks = [ctx.t(o.district ? "kit-overview-district" : "kit-overview-towns", { teams: o.teams, counted, totals: countsLine(ctx, o.totals) })];
  if (o.short.length > 0) {
    const lines = o.short.slice(0, LISTED).map((s) => `• ${s.teamId} · ${s.teamName}: ${s.lacking.map((l) => `${itemName(ctx, l.item)} ${l.held}/${l.needed}`).join(", ")}`);
    if (o.short.length > LISTED) lines.push(ctx.t("kit-more", { count: o.short.length - LISTED }));
    blocks.push([ctx.t("kit-overview-short", { count: o.short.length }), ...lines].join("\n"));
  } else if (counted > 0) blocks.push(ctx.t("kit-overview-all-full"));
  if (o.uncounted.length > 0) {
    const names = o.uncounted.slice(0, LISTED).map((t) => `${t.teamId} · ${t.teamName}`).join(", ");
    blocks.push(ctx.t("kit-overview-uncounted", { count: o.uncounted.length, names: o.uncounted.length > LISTED ? `${names} …` : names }));
  }
  const requests = await requestLines(ctx, o.requests);
  if (o.requestsOpen > o.requests.length) requests.push(ctx.t("kit-more-requests", { count: o.requestsOpen - o.requests.length }));
  blocks.push(requests.length > 0 ? [ctx.t("kit-overview-requests", { count: o.requestsOpen }), ...requests].join("\n") : ctx.t("kit-overview-no-requests"));
  // Only coordinators close requests; a supervisor's copy has no buttons.
  const buttons: KitView["buttons"] = [];
  if (o.district) {
    o.requests.slice(0, HANDLE_BUTTONS).forEach((r, i) => {
      if (i % 2 === 0) buttons.push([]);
      buttons.at(-1)!.push({ text: ctx.t("btn-kit-handled", { id: r.requestId }), data: `kt:h:${r.requestId}` });
    });
  }
  return { blocks, buttons };
}

export function keyboardOfView(view: KitView): InlineKeyboard | undefined {
  if (view.buttons.length === 0) return undefined;
  const keyboard = new InlineKeyboard();
  for (const row of view.buttons) {
    for (const b of row) keyboard.text(b.text, b.data);
    keyboard.row();
  }
  return keyboard;
}
