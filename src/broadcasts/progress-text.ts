import type { TextRef } from "../outbox/payload.js";

/** Where every recipient of a broadcast stands: pending means queued or being sent. */
export interface BroadcastFigures {
  total: number;
  sent: number;
  failed: number;
  unreachable: number;
  pending: number;
  acknowledged: number;
}

const BAR_WIDTH = 12;

/** "▓▓▓▓░░░░" by the share of recipients that are settled (sent, failed or unreachable). */
export function progressBar(f: BroadcastFigures): string {
  const settled = f.total === 0 ? 1 : (f.total - f.pending) / f.total;
  const filled = Math.round(settled * BAR_WIDTH);
  return "▓".repeat(filled) + "░".repeat(BAR_WIDTH - filled);
}

export function progressText(broadcastId: number, f: BroadcastFigures, finished: boolean): TextRef {
  const percent = f.total === 0 ? 100 : Math.floor(((f.total - f.pending) * 100) / f.total);
  return {
    key: finished ? "broadcast-report" : "broadcast-progress",
    args: { id: broadcastId, bar: progressBar(f), percent, total: f.total, sent: f.sent, failed: f.failed, unreachable: f.unreachable, acknowledged: f.acknowledged },
  };
}
