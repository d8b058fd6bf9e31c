import { createCanvas } from "@napi-rs/canvas";
import type { Browser } from "playwright-core";
import type { PersonView } from "../../src/sandbox/directory.js";
import type { RunningSandbox } from "../../src/sandbox/sandbox.js";
import { PersonPage, type ShownMessage } from "./sandbox-page.js";
import { bothIn, type Phrases } from "./sandbox-phrases.js";
import { api } from "./sandbox-client.js";

/**
 * The click-throughs of the sandbox page, shared by the browser tests (which check what
 * they leave behind) and the README's screenshots. Each step waits for the bot's answer on the
 * page, so a flow that gets stuck fails with a timeout naming what it waited for.
 */
export interface FlowDeps {
  browser: Browser;
  sandbox: RunningSandbox;
  phrases: Phrases;
}

const REPORT_REF = /NH-\d{4}-\d{6}/;

export async function demoPeople(sandbox: RunningSandbox): Promise<PersonView[]> {
  return (await api<{ people: PersonView[] }>(sandbox, "/sandbox/api/people")).body.people;
}

/** Whether the flows can use this person in this language: anyone who switches to it, or whose client speaks it. */
const speaks = (phrases: Phrases) => (person: PersonView) => phrases.switchLanguage !== null || person.language === phrases.locale;

/**
 * A team's volunteers on tonight's patrol, found over the HTTP API (reading only): those whose
 * private chat has the bot's "are you coming?", the one message with buttons a start sends them.
 */
export async function tonightsVolunteers(sandbox: RunningSandbox, team: string, timeoutMs = 30_000): Promise<PersonView[]> {
  const members = (await demoPeople(sandbox)).filter((p) => p.role === "volunteer" && p.team?.name === team);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const asked: PersonView[] = [];
    for (const member of members) {
      const chat = await api<{ messages: Array<{ from: { isBot: boolean } | null; inlineKeyboard?: unknown[] }> }>(sandbox, `/sandbox/api/chats/${member.id}/messages`);
      if (chat.body.messages.some((m) => m.from?.isBot && (m.inlineKeyboard?.length ?? 0) > 0)) asked.push(member);
    }
    // The reminders go out through the outbox at its pace after the start: look again until they have.
    if (asked.length > 0 || Date.now() > deadline) return asked;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function openAs(deps: FlowDeps, person: PersonView): Promise<PersonPage> {
  const page = await PersonPage.open(deps.browser, deps.sandbox, person);
  if (deps.phrases.switchLanguage) await page.chooseLanguage(deps.phrases.switchLanguage.button, deps.phrases.switchLanguage.done);
  return page;
}

export interface CheckInFlow {
  volunteer: PersonPage;
  leader: PersonPage;
  board: ShownMessage;
  /** The board's text once it showed the volunteer confirmed, and once checked in. */
  boardConfirmed: string;
  boardCheckedIn: string;
}

/**
 * A volunteer answers tonight's "are you coming?" in words, then at 19:45 checks in with the
 * reminder's button and shares a place from the map, while the team's leader watches /roster.
 */
export async function checkInFlow(deps: FlowDeps, team: string): Promise<CheckInFlow> {
  const { phrases } = deps;
  const people = await demoPeople(deps.sandbox);
  const volunteerPerson = (await tonightsVolunteers(deps.sandbox, team)).find(speaks(phrases));
  const leaderPerson = people.find((p) => p.role === "leader" && p.team?.name === team && speaks(phrases)(p));
  if (!volunteerPerson || !leaderPerson) throw new Error(`no volunteer on tonight's patrol of ${team}, or no leader, speaking ${phrases.locale}`);
  const [leader, volunteer] = await Promise.all([openAs(deps, leaderPerson), openAs(deps, volunteerPerson)]);

  const asked = await leader.command("roster");
  const board = await leader.waitForMessage(phrases.says.board, asked.id);

  const answer = await volunteer.send(phrases.typed.coming);
  await volunteer.waitForMessage(phrases.says.coming, answer.id);
  const boardConfirmed = await leader.waitForText(board, new RegExp(`✅ ${volunteerPerson.name}`));

  const beforeReminder = await volunteer.lastId();
  await volunteer.jumpClock("19:45");
  const reminder = await volunteer.waitForMessage(phrases.says.checkInReminder, beforeReminder, phrases.buttons.checkIn);
  await volunteer.press(reminder, phrases.buttons.checkIn);
  await volunteer.waitForMessage(phrases.says.checkedIn, reminder.id);
  const shared = await volunteer.shareLocationOnMap();
  await volunteer.waitForMessage(phrases.says.locationSaved, shared.id);
  const boardCheckedIn = await leader.waitForText(board, new RegExp(`📍 ${volunteerPerson.name}`));
  return { volunteer, leader, board, boardConfirmed, boardCheckedIn };
}

export interface HazardFlow {
  reporter: PersonPage;
  leader: PersonPage;
  ref: string;
  card: ShownMessage;
  /** The reporter's notice that the report was taken on. */
  notice: ShownMessage;
}

/**
 * A volunteer reports a hazard with a photo through /report; the team's leader gets the card and
 * acknowledges it; the volunteer is told.
 */
export async function hazardFlow(deps: FlowDeps, team: string): Promise<HazardFlow> {
  const { phrases } = deps;
  const people = (await demoPeople(deps.sandbox)).filter((p) => p.team?.name === team && speaks(phrases)(p));
  const reporterPerson = people.find((p) => p.role === "volunteer");
  const leaderPerson = people.find((p) => p.role === "leader");
  if (!reporterPerson || !leaderPerson) throw new Error(`no volunteer or leader of ${team} speaking ${phrases.locale}`);
  const [leader, reporter] = await Promise.all([openAs(deps, leaderPerson), openAs(deps, reporterPerson)]);
  const { says, buttons } = phrases;

  const started = await reporter.command("report");
  await reporter.press(await reporter.waitForMessage(says.askCategory, started.id), buttons.hazard);
  const askedDescription = await reporter.waitForMessage(says.askDescription, started.id);
  await reporter.send(phrases.typed.hazard);
  const askedPhotos = await reporter.waitForMessage(says.askPhotos, askedDescription.id);
  const photo = await reporter.sendPhoto(hazardPhoto(), "street-light.png");
  await reporter.waitForMessage(says.photoAdded, photo.id);
  await reporter.press(askedPhotos, buttons.done);
  const next = await reporter.waitForMessage(new RegExp(`${says.askLocation.source}|${says.summary.source}`), photo.id);
  if (says.askLocation.test((await next.locator.textContent()) ?? "")) {
    // The reply keyboard's location button opens the map, as 📍 does.
    await reporter.pressReply(buttons.sendLocation);
    await reporter.pickOnMap();
  }
  const summary = await reporter.waitForMessage(says.summary, photo.id, buttons.send);
  await reporter.press(summary, buttons.send);
  const received = await reporter.waitForMessage(says.received, summary.id);
  const ref = REPORT_REF.exec((await received.locator.textContent()) ?? "")?.[0];
  if (!ref) throw new Error("the report's receipt has no reference");

  const card = await leader.waitForMessage(new RegExp(ref), 0, buttons.acknowledge);
  await leader.press(card, buttons.acknowledge);
  await leader.waitForText(card, says.takenOn);
  const notice = await reporter.waitForMessage(bothIn(ref, says.acknowledged), received.id);
  return { reporter, leader, ref, card, notice };
}

export interface LevelFlow {
  coordinator: PersonPage;
  progress: ShownMessage;
  /** The progress message's text once it reported the broadcast done. */
  report: string;
}

/** The coordinator raises a town to level 1 with a message through /level's buttons, and watches the broadcast go out. */
export async function levelFlow(deps: FlowDeps, town: string): Promise<LevelFlow> {
  const { phrases } = deps;
  const { says, buttons } = phrases;
  const person = (await demoPeople(deps.sandbox)).find((p) => p.role === "coordinator" && speaks(phrases)(p));
  if (!person) throw new Error(`no coordinator speaking ${phrases.locale}`);
  const coordinator = await openAs(deps, person);

  const started = await coordinator.command("level");
  const step = async (question: RegExp, button: RegExp | string, after: number) => {
    const asked = await coordinator.waitForMessage(question, after);
    await coordinator.press(asked, typeof button === "string" ? new RegExp(`^${button}$`) : button);
    return asked.id;
  };
  let at = await step(says.askLevel, buttons.level1, started.id);
  at = await step(says.askScope, town, at);
  at = await step(says.askStart, buttons.now, at);
  at = await step(says.askEnd, buttons.untilChanged, at);
  await coordinator.waitForMessage(says.askMessage, at);
  const message = await coordinator.send(phrases.typed.levelMessage);
  const confirm = await coordinator.waitForMessage(says.levelConfirm, message.id, buttons.confirm);
  await coordinator.press(confirm, buttons.confirm);
  await coordinator.waitForMessage(says.levelDone, confirm.id);
  const progress = await coordinator.waitForMessage(says.progress, confirm.id);
  const report = await coordinator.waitForText(progress, says.deliveryReport);
  return { coordinator, progress, report };
}

/** A small real PNG, as a phone would take it: a street light out at night. */
export function hazardPhoto(): Buffer {
  const canvas = createCanvas(320, 240);
  const g = canvas.getContext("2d");
  g.fillStyle = "#14213d";
  g.fillRect(0, 0, 320, 240);
  g.fillStyle = "#3a3a3a";
  g.fillRect(0, 200, 320, 40);
  g.fillStyle = "#9aa5b1";
  g.fillRect(150, 60, 8, 140);
  g.fillRect(150, 60, 50, 6);
  g.fillStyle = "#555";
  g.beginPath();
  g.arc(200, 72, 12, 0, Math.PI);
  g.fill();
  g.strokeStyle = "#e63946";
  g.lineWidth = 3;
  g.beginPath();
  g.moveTo(188, 90);
  g.lineTo(212, 110);
  g.moveTo(212, 90);
  g.lineTo(188, 110);
  g.stroke();
  return canvas.toBuffer("image/png");
}
