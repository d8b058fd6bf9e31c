/**
 * The README's pictures of the sandbox: runs the browser tests' flows on a fresh demo district in
 * Chinese (the people keep their Chinese Telegram clients; the page serves the bot's font) and
 * writes docs/sandbox-*.png at 1280x800. Needs Chromium (CHROMIUM_PATH, /usr/bin/chromium) and an
 * emoji font (Debian: fonts-noto-color-emoji), or the emoji show as boxes.
 *
 *     npx tsx scripts/sandbox-screenshots.ts
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { parseConfig } from "../src/config/config.js";
import { DEMO_TEAMS } from "../src/sandbox/demo/demo-people.js";
import { startSandbox } from "../src/sandbox/sandbox.js";
import { packagePath } from "../src/package-path.js";
import { launchBrowser } from "../test/support/browser.js";
import { checkInFlow, hazardFlow, levelFlow, type FlowDeps } from "../test/support/sandbox-flows.js";
import type { PersonPage, ShownMessage } from "../test/support/sandbox-page.js";
import { cataloguePhrases } from "../test/support/sandbox-phrases.js";

/** The same Monday as the tests: tonight's patrols are planned and their volunteers asked. */
const MONDAY_MORNING = new Date("2026-06-01T10:00:00+08:00");

async function shoot(person: PersonPage, message: ShownMessage, name: string): Promise<void> {
  // A button's toast fades after a few seconds; the picture shows the chat, not the toast.
  await person.page.locator("#toast").waitFor({ state: "hidden" });
  await message.locator.scrollIntoViewIfNeeded();
  const path = packagePath("docs", `sandbox-${name}.png`);
  await person.page.screenshot({ path });
  console.log(`wrote ${path}`);
}

const dataDir = mkdtempSync(join(tmpdir(), "shouye-screenshots-"));
const parsed = parseConfig({ PORT: "0", LOG_LEVEL: "silent", SANDBOX_DATA_DIR: dataDir });
if (!parsed.ok) throw new Error(parsed.problems.join("; "));
const sandbox = await startSandbox({ config: parsed.config, logger: pino({ level: "silent" }), startAt: MONDAY_MORNING });
const browser = await launchBrowser();
try {
  await sandbox.app.scheduler.idle();
  const deps: FlowDeps = { browser, sandbox, phrases: cataloguePhrases("zh") };

  const checkIn = await checkInFlow(deps, DEMO_TEAMS[0]!.team);
  await shoot(checkIn.volunteer, checkIn.volunteer.message(await checkIn.volunteer.lastId()), "check-in");
  await shoot(checkIn.leader, checkIn.board, "live-board");

  const hazard = await hazardFlow(deps, DEMO_TEAMS[1]!.team);
  await shoot(hazard.leader, hazard.card, "hazard-card");

  const level = await levelFlow(deps, DEMO_TEAMS[0]!.town);
  await shoot(level.coordinator, level.progress, "level-progress");
} finally {
  await browser.close();
  await sandbox.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
