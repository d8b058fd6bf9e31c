import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_TEAMS } from "../../src/sandbox/demo/demo-people.js";
import type { RunningSandbox } from "../../src/sandbox/sandbox.js";
import type { Database } from "../../src/storage/db.js";
import { browserAvailable, launchBrowser } from "../support/browser.js";
import { api, startTestSandbox } from "../support/sandbox-client.js";
import { checkInFlow, demoPeople, hazardFlow, levelFlow, type FlowDeps } from "../support/sandbox-flows.js";
import { PersonPage } from "../support/sandbox-page.js";
import { englishPhrases } from "../support/sandbox-phrases.js";
import { openTestDatabase } from "../support/test-database.js";

/** A Monday morning in Jiaxing: tonight's patrols (20:00-24:00) are planned and their volunteers asked. */
const MONDAY_MORNING = new Date("2026-06-01T10:00:00+08:00");
/** Each flow waits on scheduler ticks (every 5 s) a few times, on a machine shared with other work. */
const FLOW_TIMEOUT_MS = 120_000;

describe.runIf(browserAvailable)("the sandbox page in a browser", () => {
  let database: Database;
  let sandbox: RunningSandbox;
  let browser: Browser;
  let deps: FlowDeps;
  const opened: PersonPage[] = [];

  beforeAll(async () => {
    database = await openTestDatabase();
    [sandbox, browser] = await Promise.all([startTestSandbox(database, MONDAY_MORNING), launchBrowser()]);
    deps = { browser, sandbox, phrases: englishPhrases };
  });

  afterAll(async () => {
    await Promise.all(opened.map((p) => p.close()));
    await browser?.close();
    await sandbox?.stop();
    await database?.close();
  });

  it("When a volunteer answers the reminder in words and at 19:45 checks in with a place from the map, then the leader's open board shows it, edited in place", async () => {
    const flow = await checkInFlow(deps, DEMO_TEAMS[0]!.team);
    opened.push(flow.volunteer, flow.leader);
    const name = flow.volunteer.person.name;
    expect(flow.boardConfirmed).toMatch(/confirmed 1 /);
    expect(flow.boardConfirmed).toContain(`✅ ${name}`);
    expect(flow.boardCheckedIn).toMatch(/checked in 1 /);
    expect(flow.boardCheckedIn).toContain(`📍 ${name}`);
    // One board, edited: the leader's chat holds a single roster message.
    expect(await flow.leader.page.locator("#messages li", { hasText: /On the roster/ }).count()).toBe(1);
    await expect(flow.board.locator.locator(".meta").textContent()).resolves.toMatch(/edited|已编辑/);
    // The shared place is the one clicked on the map, shown in the volunteer's chat.
    await expect(flow.volunteer.page.locator("#messages li.own", { hasText: /📍 30\.\d{4}, 120\.\d{4}/ }).count()).resolves.toBe(1);
    // Chat titles are Chinese: the tabs use the page's font, which has the glyphs, not the browser's default.
    const tabFont = await flow.leader.page.locator("#chat-tabs button").first().evaluate((tab) => (globalThis as unknown as { getComputedStyle(e: unknown): { fontFamily: string } }).getComputedStyle(tab).fontFamily);
    expect(tabFont).toContain("Noto Sans SC");
    await expect(flow.leader.page.locator("#clock-local").textContent()).resolves.toMatch(/^2026-06-01 (19:4\d|19:5\d|20:\d\d)$/);
  }, FLOW_TIMEOUT_MS);

  it("When a volunteer reports a hazard with a photo, then the leader gets the card with the photo, acknowledges it, and the volunteer is told", async () => {
    const flow = await hazardFlow(deps, DEMO_TEAMS[1]!.team);
    opened.push(flow.reporter, flow.leader);
    const card = (await flow.card.locator.textContent()) ?? "";
    expect(card).toContain(`Reported by ${flow.reporter.person.name}`);
    expect(card).toContain("Broken street light");
    expect(card).toMatch(/📷 1 · 📍 map pin/);
    expect(card).toMatch(/Taken on by/);
    // The photo reached the leader as an image the page loads from the sandbox.
    const photo = flow.leader.page.locator("#messages li img[alt=photo]").last();
    await photo.waitFor();
    await expect(photo.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).resolves.toBe(320);
    // The place picked on the map when asked where reached the leader as the report's pin.
    const pin = (await flow.reporter.page.locator("#messages li.own", { hasText: /^📍/ }).last().textContent())?.match(/📍 [\d.]+, [\d.]+/)?.[0];
    expect(pin).toBeDefined();
    await expect(flow.leader.page.locator("#messages li", { hasText: pin! }).count()).resolves.toBe(1);
    await expect(flow.notice.locator.textContent()).resolves.toMatch(/Hazard\) has been taken on/);
  }, FLOW_TIMEOUT_MS);

  it("When the coordinator raises a town to level 1 through /level's buttons, then the broadcast's progress message is edited until it reports all sent", async () => {
    const flow = await levelFlow(deps, DEMO_TEAMS[0]!.town);
    opened.push(flow.coordinator);
    expect(flow.report).toMatch(/100%/);
    const [, sent, total] = /Sent (\d+) · failed 0 · unreachable 0 of (\d+)/.exec(flow.report) ?? [];
    expect(Number(total)).toBeGreaterThan(10);
    expect(sent).toBe(total);
    await expect(flow.progress.locator.locator(".meta").textContent()).resolves.toMatch(/edited|已编辑/);
    await expect(flow.coordinator.page.locator("#messages li", { hasText: /Done: Level 1 response for 新丰镇/ }).count()).resolves.toBe(1);
  }, FLOW_TIMEOUT_MS);

  it("When the clock runs at ×60, then the header's time runs on between the server's clock events", async () => {
    const [someone] = await demoPeople(sandbox);
    const page = await PersonPage.open(browser, sandbox, someone!);
    opened.push(page);
    await page.page.locator("[data-speed='60']").click();
    await page.page.locator("[data-speed='60'].on").waitFor();
    const minutes = async () => {
      const [, hh, mm] = /(\d\d):(\d\d)$/.exec((await page.page.locator("#clock-local").textContent()) ?? "") ?? [];
      return Number(hh) * 60 + Number(mm);
    };
    const before = await minutes();
    await page.page.waitForTimeout(3500);
    // Three and a half seconds at ×60: three minutes or more on, with no clock event in between.
    expect(((await minutes()) - before + 1440) % 1440).toBeGreaterThanOrEqual(3);
    await api(sandbox, "/sandbox/api/clock/speed", { body: { speed: 1 } });
  }, FLOW_TIMEOUT_MS);
});
