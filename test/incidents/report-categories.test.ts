import { and, eq, like } from "drizzle-orm";
import type { Message } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureOrgPath } from "../../src/org/ensure-org-path.js";
import { identifyTelegramUser } from "../../src/people/identify-telegram-user.js";
import { ensurePatrolDuty } from "../../src/shifts/generate-shifts.js";
import { localNight } from "../../src/shifts/night.js";
import { assignments, duties, incidents, outbox, shifts } from "../../src/storage/schema/index.js";
import type { FakeUser } from "../fake-telegram/index.js";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { contextFor, system } from "../support/domain.js";
import { buttonLabels, incidentIdOf, REF, sendReport, waitForCard } from "../support/reports.js";
import { activeMember, nextTelegramId, teamWithLeader, userWithRole } from "../support/world.js";

// Shanghai and its surroundings; the fake's location button shares 31.2304,121.4737, inside it.
const BBOX = "30.6,120.6,31.5,121.9";
const INSIDE = { latitude: 31.05, longitude: 121.2 };
const BEIJING = { latitude: 39.9042, longitude: 116.4074 };

let h: BotHarness;
/** Every report of the file that reaches the police or the coordinators reaches these two as well. */
let districtPolice: FakeUser;
let coordinator: FakeUser;

beforeAll(async () => {
  h = await startBotHarness({ env: { DISTRICT_BBOX: BBOX } });
  districtPolice = await userWithRole(h, "Officer District", { role: "police" });
  coordinator = await userWithRole(h, "Coord District", { role: "coordinator" });
});
afterAll(async () => {
  await h?.close();
});

type Lang = "en" | "zh";
type Category = "tip" | "hazard" | "assistance" | "dispute" | "suspicious" | "emergency";

// Written out rather than read from the .ftl files, so a broken translation fails here.
const UI = {
  en: {
    category: {
      tip: "🕵️ Tip for police",
      hazard: "⚠️ Hazard",
      assistance: "🤝 Help given",
      dispute: "⚖️ Dispute",
      suspicious: "👀 Suspicious person or vehicle",
      emergency: "🚨 Emergency",
    },
    askCategory: /What are you reporting\?/,
    askDescription: /Describe what you found: send a message \(up to 1,000 characters\) or a voice note/,
    askPhotos: /Send up to 5 photos, then press Done/,
    photoAdded: (n: number) => new RegExp(`Photo ${n} of 5 added`),
    askLocation: /Where is it\?/,
    summary: /^Your report:/,
    send: "✅ Send",
    done: "Done",
    skip: "Skip",
    sendLocation: "📍 Send location",
    received: /✅ Report received: (NH-\d{4}-\d{6})\./,
    callPolice: /If anyone is in danger, call 110 now/,
    paged: /Your leaders and the duty officers have been paged: report (NH-\d{4}-\d{6})/,
    added: (ref: string) => `Added to ${ref}; everyone paged has it.`,
    finished: /Thank you\. Stay safe\./,
    reportedBy: (name: string) => `Reported by ${name}, `,
    pin: (yes: boolean) => (yes ? "📍 map pin" : "📍 no location"),
    voice: (yes: boolean) => (yes ? "🎤 voice note" : "🎤 no voice note"),
    voiceOnly: "(voice note)",
    noDetails: "(no description yet)",
    waiting: "⏳ Waiting for someone to take it on",
    voiceCaption: (ref: string) => `Voice note for ${ref}`,
    photosCaption: (ref: string) => `Photos for ${ref}`,
  },
  zh: {
    category: {
      tip: "🕵️ 线索（报警方）",
      hazard: "⚠️ 隐患",
      assistance: "🤝 帮助群众",
      dispute: "⚖️ 矛盾纠纷",
      suspicious: "👀 可疑人员或车辆",
      emergency: "🚨 紧急情况",
    },
    askCategory: /你要上报什么？/,
    askDescription: /请描述情况：发一段文字（最多 1,000 字）或一条语音/,
    askPhotos: /最多可发 5 张照片，发完按“完成”/,
    photoAdded: (n: number) => new RegExp(`已添加照片 ${n}/5`),
    askLocation: /在什么位置？/,
    summary: /^你的上报：/,
    send: "✅ 发送",
    done: "完成",
    skip: "跳过",
    sendLocation: "📍 发送位置",
    received: /✅ 已收到上报：(NH-\d{4}-\d{6})。/,
    callPolice: /如有人身危险，请立即拨打 110/,
    paged: /已通知你的带班干部和值班人员：上报 (NH-\d{4}-\d{6})/,
    added: (ref: string) => `已补充到 ${ref}，已通知的人都会收到。`,
    finished: /谢谢，注意安全。/,
    reportedBy: (name: string) => `上报人：${name}，`,
    pin: (yes: boolean) => (yes ? "📍 有定位" : "📍 无定位"),
    voice: (yes: boolean) => (yes ? "🎤 有语音" : "🎤 无语音"),
    voiceOnly: "（语音）",
    noDetails: "（暂无描述）",
    waiting: "⏳ 等待有人接手",
    voiceCaption: (ref: string) => `${ref} 的语音`,
    photosCaption: (ref: string) => `${ref} 的照片`,
  },
} as const;

/** A team in a town of its own, so the town's police and supervisor hear of this team's reports only. */
async function district(name: string, lang: Lang) {
  const path =
    lang === "zh" ? { town: `${name}镇`, community: `${name}社区`, team: `${name}巡防队` } : { town: `${name} Town`, community: `${name} Community`, team: `${name} Patrol` };
  const ids = await ensureOrgPath(h.database.db, path);
  const leader = await userWithRole(h, lang === "zh" ? `${name}队长` : `Leader ${name}`, { role: "leader", teamId: ids.teamId }, lang);
  const police = await userWithRole(h, lang === "zh" ? `${name}民警` : `Police ${name}`, { role: "police", townId: ids.townId }, lang);
  const supervisor = await userWithRole(h, lang === "zh" ? `${name}镇街干部` : `Supervisor ${name}`, { role: "supervisor", townId: ids.townId }, lang);
  return { ...ids, leader, police, supervisor, label: `${path.town} · ${path.community} · ${path.team}` };
}

/** An approved member whose Telegram speaks `lang`, set up through the domain verbs as activeMember does. */
async function member(teamId: number, name: string, lang: Lang) {
  if (lang === "en") return activeMember(h, teamId, name);
  const { createInvite } = await import("../../src/roster/invites.js");
  const { submitSignup } = await import("../../src/roster/submit-signup.js");
  const { decideMembership } = await import("../../src/roster/decide-membership.js");
  const db = h.database.db;
  const user = h.fake.user({ id: nextTelegramId(), first_name: name, language_code: "zh" });
  const { personId } = await identifyTelegramUser(db, { id: user.id, languageCode: "zh" }, new Date());
  const invite = await createInvite(contextFor(db, system), { teamId, ttlDays: 1 });
  const phone = `86137${String(user.id).padStart(8, "0")}`;
  const { membershipId } = await submitSignup(contextFor(db, { type: "person", personId }), { code: invite.code, name, phone, weekdays: 0b1111111, consent: true });
  await decideMembership(contextFor(db, system), { membershipId, decision: "approve" });
  return { user, personId, membershipId };
}

/** Who holds a copy of the report's card: each copy is an outbox row of the card's group. */
async function cardHolders(incidentId: number): Promise<number[]> {
  const rows = await h.database.db.select({ chatId: outbox.chatId }).from(outbox).where(eq(outbox.groupKey, `incident:${incidentId}`));
  return rows.map((r) => r.chatId).sort((a, b) => a - b);
}

/** Report cards of any report that went to this chat. */
async function cardsSentTo(user: FakeUser): Promise<number> {
  const rows = await h.database.db.select({ id: outbox.id }).from(outbox).where(and(eq(outbox.chatId, user.id), like(outbox.groupKey, "incident:%")));
  return rows.length;
}

async function reportsBy(personId: number) {
  return h.database.db.select().from(incidents).where(eq(incidents.reporterPersonId, personId));
}

const ids = (...users: FakeUser[]) => users.map((u) => u.id).sort((a, b) => a - b);
const largest = (m: Message) => m.photo?.at(-1)?.file_unique_id;

interface CategoryCase {
  lang: Lang;
  category: Category;
  /** Text, or a voice note when null. */
  text: string | null;
  photos: number;
  location: boolean;
}

const CASES: CategoryCase[] = [
  { lang: "en", category: "tip", text: "A grey van without plates circles the school gate every night around 23:00", photos: 2, location: true },
  { lang: "zh", category: "tip", text: null, photos: 0, location: false },
  { lang: "en", category: "hazard", text: null, photos: 1, location: false },
  { lang: "zh", category: "hazard", text: "南湖路东口窨井盖缺失，晚上很危险", photos: 2, location: true },
  { lang: "en", category: "assistance", text: "Walked an elderly man who had lost his way back to Block 7", photos: 0, location: false },
  { lang: "zh", category: "assistance", text: null, photos: 1, location: true },
  { lang: "en", category: "dispute", text: null, photos: 0, location: true },
  { lang: "zh", category: "dispute", text: "两户邻居因停车位争吵，已劝开", photos: 1, location: false },
  { lang: "en", category: "suspicious", text: "Two men trying car doors along Lakeside Road", photos: 1, location: true },
  { lang: "zh", category: "suspicious", text: null, photos: 2, location: false },
  { lang: "en", category: "emergency", text: "A fire in the bin shed behind Block 3, smoke on the stairs", photos: 0, location: true },
  { lang: "zh", category: "emergency", text: null, photos: 0, location: true },
];

const POLICE_TOO: Category[] = ["tip", "suspicious"];
const KIND: Record<Category, string> = {
  tip: "a tip",
  hazard: "a hazard",
  assistance: "help given",
  dispute: "a dispute",
  suspicious: "a suspicious person",
  emergency: "an emergency",
};

describe("every category, in Chinese and English", () => {
  // A loop rather than it.each, for titles without quotes around every value.
  CASES.forEach(({ lang, category, text, photos, location }, i) => {
    const n = i + 1;
    const who = lang === "zh" ? "a volunteer whose Telegram is in Chinese" : "a volunteer whose Telegram is in English";
    const how = `${text ? "a text" : "a voice note"}, ${photos} photo${photos === 1 ? "" : "s"} and ${location ? "a location" : "no location"}`;
    const recipients = category === "emergency" ? "the leaders, the town supervisor, the police and the coordinators" : POLICE_TOO.includes(category) ? "the leaders and the police liaisons" : "only the leaders";
    it(`When ${who} reports ${KIND[category]} with ${how}, then they get its reference number in their language and ${recipients} get the card`, async () => {
      const L = UI[lang];
      const name = `Cat${n}${category}`;
      const d = await district(name, lang);
      const reporterName = lang === "zh" ? `王芳${n}` : `Wang Fang ${n}`;
      const { user: reporter } = await member(d.teamId, reporterName, lang);

      await reporter.send("/report");
      const ask = await reporter.waitForMessage(L.askCategory);
      expect(buttonLabels(ask)).toEqual([...Object.values(L.category), lang === "zh" ? "取消" : "Cancel"]);
      await reporter.click(ask, L.category[category]);

      let ref: string;
      const sentPhotos: string[] = [];
      let voiceSent = false;
      if (category === "emergency") {
        await reporter.waitForMessage(L.callPolice);
        await reporter.waitForMessage((m) => m.contact?.phone_number === "110");
        const paged = await reporter.waitForMessage(L.paged);
        ref = L.paged.exec(paged.text!)![1]!;
        // Paged before any detail: the leader already holds the bare card.
        expect((await waitForCard(d.leader, ref)).text).toContain(L.noDetails);
        let last: Message = paged;
        if (text) await reporter.send(text);
        else {
          await reporter.sendVoice();
          voiceSent = true;
        }
        last = await reporter.waitForMessage(L.added(ref), { after: last });
        if (location) {
          await reporter.press(L.sendLocation);
          last = await reporter.waitForMessage(L.added(ref), { after: last });
        }
        await reporter.press(L.done);
        await reporter.waitForMessage(L.finished, { after: last });
      } else {
        await reporter.waitForMessage(L.askDescription);
        if (text) await reporter.send(text);
        else {
          await reporter.sendVoice();
          voiceSent = true;
        }
        await reporter.waitForMessage(L.askPhotos);
        for (let i = 1; i <= photos; i++) {
          const { message } = await reporter.sendPhoto();
          sentPhotos.push(largest(message)!);
          await reporter.waitForMessage(L.photoAdded(i));
        }
        await reporter.click(L.done);
        await reporter.waitForMessage(L.askLocation);
        await reporter.press(location ? L.sendLocation : L.skip);
        const summary = await reporter.waitForMessage(L.summary);
        expect(summary.text).toContain(L.category[category]);
        expect(summary.text).toContain(text ?? L.voiceOnly);
        await reporter.click(summary, L.send);
        const received = await reporter.waitForMessage(L.received);
        ref = L.received.exec(received.text!)![1]!;
      }
      expect(ref).toMatch(new RegExp(`^NH-${localNight(new Date(), h.config.BOT_TIMEZONE).slice(0, 4)}-\\d{6}$`));

      // The card, in the leader's language, once everything is on it (an emergency's card is edited as details come).
      const details = text ?? L.voiceOnly;
      const attached = `📷 ${photos} · ${L.pin(location)} · ${L.voice(voiceSent)}`;
      const card = await d.leader.waitForMessage((m) => (m.text?.startsWith(`${L.category[category]} · ${ref}`) ?? false) && m.text!.includes(details) && m.text!.includes(attached));
      const lines = card.text!.split("\n");
      expect(lines[0]).toBe(`${L.category[category]} · ${ref}`);
      expect(lines[1]).toBe(d.label);
      expect(lines[2]).toContain(L.reportedBy(reporterName));
      expect(lines[3]).toBe(details);
      expect(lines[4]).toBe(attached);
      expect(lines[5]).toBe(L.waiting);
      expect(buttonLabels(card)).toContain(lang === "zh" ? "👍 接手" : "👍 Acknowledge");

      // What came with it: the photos the reporter sent, the voice note, the pin.
      if (photos > 0) {
        const received = d.leader.messages().filter((m) => m.photo);
        expect(received.map(largest).sort()).toEqual([...sentPhotos].sort());
        expect(received.some((m) => m.caption === L.photosCaption(ref))).toBe(true);
      }
      if (voiceSent) await d.leader.waitForMessage((m) => m.voice !== undefined && m.caption === L.voiceCaption(ref));
      else expect(d.leader.messages().some((m) => m.voice)).toBe(false);
      if (location) {
        const pin = await d.leader.waitForMessage((m) => m.location !== undefined);
        expect(pin.location).toMatchObject({ latitude: 31.2304, longitude: 121.4737 });
      } else expect(d.leader.messages().some((m) => m.location)).toBe(false);

      const expected =
        category === "emergency" ? [d.leader, d.supervisor, d.police, districtPolice, coordinator] : POLICE_TOO.includes(category) ? [d.leader, d.police, districtPolice] : [d.leader];
      expect(await cardHolders(incidentIdOf(card))).toEqual(ids(...expected));
      for (const other of expected.slice(1)) {
        const copy = await waitForCard(other, ref);
        // Each in their own language: the district's officer and coordinator read English.
        const theirs = other === districtPolice || other === coordinator ? UI.en : L;
        expect(copy.text).toContain(theirs.category[category]);
      }
      for (const bystander of [d.police, d.supervisor].filter((u) => !expected.includes(u))) {
        expect(await cardsSentTo(bystander)).toBe(0);
      }
    });
  });
});

/** Walks to the description question of a hazard report. */
async function startHazard(user: FakeUser) {
  const start = user.cursor();
  await user.send("/report");
  const ask = await user.waitForMessage(UI.en.askCategory, { after: start });
  await user.click(ask, UI.en.category.hazard);
  return user.waitForMessage(UI.en.askDescription, { after: start });
}

async function hazardTeam(name: string) {
  const team = await teamWithLeader(h, name, `${name} Town`);
  const { user: reporter, personId } = await activeMember(h, team.teamId, `Reporter ${name}`);
  return { team, reporter, personId };
}

describe("answers the dialog cannot take", () => {
  it("When a volunteer sends a photo where the description is expected, then they are told to describe it first, and the photo is not kept", async () => {
    const { team, reporter } = await hazardTeam("Photofirst");
    const ask = await startHazard(reporter);

    await reporter.sendPhoto();
    const hint = await reporter.waitForMessage(/Please describe it in a message or a voice note first; you can add photos next/, { after: ask });
    await reporter.send("Loose paving slabs at the Photofirst bus stop");
    const photos = await reporter.waitForMessage(UI.en.askPhotos, { after: hint });
    await reporter.click(photos, UI.en.done);
    await reporter.waitForMessage(UI.en.askLocation);
    await reporter.press(UI.en.skip);
    const summary = await reporter.waitForMessage(UI.en.summary);
    expect(summary.text).toContain("Loose paving slabs at the Photofirst bus stop");
    expect(summary.text).toContain("📷 0 · 📍 no location");
    await reporter.click(summary, UI.en.send);
    const ref = REF.exec((await reporter.waitForMessage(UI.en.received)).text!)![0];
    const card = await waitForCard(team.leader, ref);
    expect(card.text).toContain("📷 0");
  });

  it("When the description is longer than 1000 characters, then the volunteer is told how long it is and asked again, and 1000 characters are taken", async () => {
    const { team, reporter } = await hazardTeam("Wordy");
    const ask = await startHazard(reporter);

    await reporter.send("Flooding. ".repeat(120) + "!");
    const tooLong = await reporter.waitForMessage(/That is 1,201 characters; a report can have at most 1,000\. Please shorten it\./, { after: ask });
    await reporter.waitForMessage(UI.en.askDescription, { after: tooLong });
    expect(reporter.messages().some((m) => UI.en.askPhotos.test(m.text ?? ""))).toBe(false);

    const exactly = "Water ".repeat(166) + "done";
    expect(exactly).toHaveLength(1000);
    await reporter.send(exactly);
    await reporter.waitForMessage(UI.en.askPhotos, { after: tooLong });
    await reporter.click(UI.en.done);
    await reporter.waitForMessage(UI.en.askLocation);
    await reporter.press(UI.en.skip);
    const summary = await reporter.waitForMessage(UI.en.summary);
    await reporter.click(summary, UI.en.send);
    const ref = REF.exec((await reporter.waitForMessage(UI.en.received)).text!)![0];
    const card = await waitForCard(team.leader, ref);
    expect(card.text!.split("\n")[3]).toBe(exactly);
  });

  it("When a Chinese description is too long, then the message says how many characters it has, in Chinese, and asks again", async () => {
    const d = await district("Changwen", "zh");
    const { user: reporter } = await member(d.teamId, "李长文", "zh");
    await reporter.send("/report");
    await reporter.click(await reporter.waitForMessage(UI.zh.askCategory), UI.zh.category.dispute);
    const ask = await reporter.waitForMessage(UI.zh.askDescription);

    await reporter.send("邻里纠纷".repeat(260));
    const tooLong = await reporter.waitForMessage(/共 1,040 字，上报最多 1,000 字，请精简。/, { after: ask });
    await reporter.waitForMessage(UI.zh.askDescription, { after: tooLong });
    await reporter.send("楼上漏水引发纠纷，已调解");
    await reporter.waitForMessage(UI.zh.askPhotos, { after: tooLong });
  });

  it("When a sixth photo is sent, then it is refused with the Done button, and the report carries the first five", async () => {
    const { team, reporter } = await hazardTeam("Sixth");
    await startHazard(reporter);
    await reporter.send("Collapsed scaffolding on Sixth Street");
    await reporter.waitForMessage(UI.en.askPhotos);

    const kept: string[] = [];
    for (let i = 1; i <= 5; i++) {
      const { message } = await reporter.sendPhoto();
      kept.push(largest(message)!);
      await reporter.waitForMessage(UI.en.photoAdded(i));
    }
    const { message: sixth } = await reporter.sendPhoto();
    const full = await reporter.waitForMessage(/That makes more than 5 photos, the most a report can carry; the extra one was left out\. Press Done\./);
    expect(buttonLabels(full)).toEqual([UI.en.done]);
    await reporter.click(full, UI.en.done);
    await reporter.waitForMessage(UI.en.askLocation);
    await reporter.press(UI.en.skip);
    const summary = await reporter.waitForMessage(UI.en.summary);
    expect(summary.text).toContain("📷 5 · 📍 no location");
    await reporter.click(summary, UI.en.send);
    const ref = REF.exec((await reporter.waitForMessage(UI.en.received)).text!)![0];

    const card = await waitForCard(team.leader, ref);
    expect(card.text).toContain("📷 5 · 📍 no location");
    const album = team.leader.messages().filter((m) => m.photo);
    expect(album.map(largest).sort()).toEqual([...kept].sort());
    expect(album.map(largest)).not.toContain(largest(sixth));
  });

  it("When text arrives at the photo step, then the volunteer is asked for photos or Done again and the text changes nothing", async () => {
    const { team, reporter } = await hazardTeam("Chatty");
    await startHazard(reporter);
    await reporter.send("Exposed wires at the Chatty Lane substation");
    const ask = await reporter.waitForMessage(UI.en.askPhotos);

    await reporter.send("it is really dangerous");
    const hint = await reporter.waitForMessage(/^Send photos, or press Done\.$/, { after: ask });
    expect(buttonLabels(hint)).toEqual([UI.en.done]);
    await reporter.sendPhoto();
    await reporter.waitForMessage(UI.en.photoAdded(1), { after: hint });
    await reporter.click(UI.en.done);
    await reporter.waitForMessage(UI.en.askLocation);
    await reporter.press(UI.en.skip);
    const summary = await reporter.waitForMessage(UI.en.summary);
    expect(summary.text).not.toContain("really dangerous");
    await reporter.click(summary, UI.en.send);
    const ref = REF.exec((await reporter.waitForMessage(UI.en.received)).text!)![0];
    const card = await waitForCard(team.leader, ref);
    expect(card.text!.split("\n")[3]).toBe("Exposed wires at the Chatty Lane substation");
    expect(card.text).toContain("📷 1");
  });

  it("When a location outside the district is sent, then it is refused with the location button again, and a location inside is taken", async () => {
    const { team, reporter } = await hazardTeam("Faraway");
    await startHazard(reporter);
    await reporter.send("Oil spill across the Faraway roundabout");
    await reporter.waitForMessage(UI.en.askPhotos);
    await reporter.click(UI.en.done);
    const ask = await reporter.waitForMessage(UI.en.askLocation);

    await reporter.send("near the roundabout");
    const hint = await reporter.waitForMessage(/Please send a location with the button below, or press Skip/, { after: ask });
    const calls = h.fake.calls.length;
    await reporter.sendLocation(BEIJING.latitude, BEIJING.longitude);
    const outside = await reporter.waitForMessage(/That location is outside the district\. Please send a location inside it, or press Skip\./, { after: hint });
    // The location keyboard was one-time: the refusal brings it back, or there is no button to press.
    const refusal = h.fake.calls.slice(calls).find((c) => c.method === "sendMessage" && String(c.params.text).includes("outside the district"));
    const keyboard = (refusal?.params.reply_markup as { keyboard?: { text: string; request_location?: boolean }[][] } | undefined)?.keyboard?.flat() ?? [];
    expect(keyboard.find((b) => b.request_location)?.text).toBe(UI.en.sendLocation);
    expect(keyboard.map((b) => b.text)).toContain(UI.en.skip);
    expect(reporter.messages().some((m) => UI.en.summary.test(m.text ?? ""))).toBe(false);

    await reporter.sendLocation(INSIDE.latitude, INSIDE.longitude);
    const summary = await reporter.waitForMessage(UI.en.summary, { after: outside });
    expect(summary.text).toContain("📷 0 · 📍 location");
    await reporter.click(summary, UI.en.send);
    const ref = REF.exec((await reporter.waitForMessage(UI.en.received)).text!)![0];
    const card = await waitForCard(team.leader, ref);
    expect(card.text).toContain("📍 map pin");
    const pins = team.leader.messages().filter((m) => m.location);
    expect(pins.map((m) => m.location)).toEqual([expect.objectContaining(INSIDE)]);
  });

  it("When a volunteer checked in outside the district reports an emergency, then it is paged anyway without that pin, and a later pin outside is refused", async () => {
    const { team, reporter, personId } = await hazardTeam("Offsite");
    const supervisor = await userWithRole(h, "Supervisor Offsite", { role: "supervisor", townId: team.townId });
    const db = h.database.db;
    const now = new Date();
    await ensurePatrolDuty(db, team.teamId, now);
    const [duty] = await db.select({ id: duties.id }).from(duties).where(eq(duties.teamId, team.teamId));
    const night = localNight(now, h.config.BOT_TIMEZONE);
    const [shift] = await db
      .insert(shifts)
      .values({ dutyId: duty!.id, teamId: team.teamId, night, startsAt: new Date(now.getTime() - 10 * 60_000), endsAt: new Date(now.getTime() + 3 * 3_600_000), required: 1, createdAt: now })
      .returning({ id: shifts.id });
    await db.insert(assignments).values({ shiftId: shift!.id, personId, night, source: "manual", reply: "coming", checkedInAt: now, checkInLatitude: BEIJING.latitude, checkInLongitude: BEIJING.longitude, createdAt: now });

    await reporter.send("/report");
    await reporter.click(await reporter.waitForMessage(UI.en.askCategory), UI.en.category.emergency);
    const paged = await reporter.waitForMessage(UI.en.paged);
    const ref = UI.en.paged.exec(paged.text!)![1]!;

    const card = await waitForCard(team.leader, ref);
    expect(card.text).toContain("📷 0 · 📍 no location");
    await waitForCard(supervisor, ref);
    await waitForCard(coordinator, ref);
    const [row] = await reportsBy(personId);
    expect(row).toMatchObject({ category: "emergency", shiftId: shift!.id, latitude: null, longitude: null });

    await reporter.sendLocation(BEIJING.latitude, BEIJING.longitude);
    const refused = await reporter.waitForMessage(/That location is outside the district/, { after: paged });
    await reporter.sendLocation(INSIDE.latitude, INSIDE.longitude);
    await reporter.waitForMessage(UI.en.added(ref), { after: refused });
    await team.leader.waitForMessage(/📍 map pin/, { after: card });
    await team.leader.waitForMessage((m) => m.location !== undefined);
    const pins = team.leader.messages().filter((m) => m.location);
    expect(pins.map((m) => m.location)).toEqual([expect.objectContaining(INSIDE)]);
    await reporter.press(UI.en.done);
    await reporter.waitForMessage(UI.en.finished);
  });
});

describe("a restart in the middle of a report", () => {
  it("When the bot restarts after the description and again at the summary, then the dialog goes on where it was and one report with everything arrives", async () => {
    const { team, reporter, personId } = await hazardTeam("Restart");
    await startHazard(reporter);
    await reporter.send("Gas smell near the Restart Road kindergarten");
    const photos = await reporter.waitForMessage(UI.en.askPhotos);

    await h.restart();
    await reporter.sendPhoto();
    await reporter.waitForMessage(UI.en.photoAdded(1), { after: photos });
    await reporter.sendPhoto();
    await reporter.waitForMessage(UI.en.photoAdded(2), { after: photos });
    await reporter.click(UI.en.done);
    await reporter.waitForMessage(UI.en.askLocation);
    await reporter.press(UI.en.sendLocation);
    const summary = await reporter.waitForMessage(UI.en.summary);
    expect(summary.text).toContain("Gas smell near the Restart Road kindergarten");
    expect(summary.text).toContain("📷 2 · 📍 location");

    await h.restart();
    await reporter.click(summary, UI.en.send);
    const ref = REF.exec((await reporter.waitForMessage(UI.en.received)).text!)![0];
    const card = await waitForCard(team.leader, ref);
    expect(card.text).toContain("Gas smell near the Restart Road kindergarten");
    expect(card.text).toContain("📷 2 · 📍 map pin");
    expect(await reportsBy(personId)).toHaveLength(1);
  });
});

describe("/myreports", () => {
  it("When a volunteer sends /myreports, then they see their own reports newest first with where each stands, changing as the leader takes one on and resolves it", async () => {
    const { team, reporter } = await hazardTeam("Ledger");
    const { user: teammate } = await activeMember(h, team.teamId, "Teammate Ledger");

    const none = reporter.cursor();
    await reporter.send("/myreports");
    await reporter.waitForMessage(/You have not sent any reports yet/, { after: none });

    const hazard = await sendReport(reporter, "⚠️ Hazard", "Broken railing on the Ledger canal bridge");
    const help = await sendReport(reporter, "🤝 Help given", "Helped a child find her parents at the Ledger market");
    const foreign = await sendReport(teammate, "⚖️ Dispute", "Shouting match at the Ledger noodle stall");

    const list = async () => {
      const before = reporter.cursor();
      await reporter.send("/myreports");
      const message = await reporter.waitForMessage(/^Your reports:/, { after: before });
      const lines = message.text!.split("\n").slice(1);
      expect(message.text).not.toContain(foreign);
      return lines;
    };
    const line = (ref: string, category: string, state: string) => new RegExp(`^${ref} · ${category} · .+ · ${state}$`);

    let lines = await list();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(line(help, "🤝 Help given", "waiting"));
    expect(lines[1]).toMatch(line(hazard, "⚠️ Hazard", "waiting"));

    const card = await waitForCard(team.leader, hazard);
    await team.leader.click(card, "👍 Acknowledge");
    await reporter.waitForMessage(new RegExp(`Your report ${hazard} \\(⚠️ Hazard\\) has been taken on`));
    lines = await list();
    expect(lines[0]).toMatch(line(help, "🤝 Help given", "waiting"));
    expect(lines[1]).toMatch(line(hazard, "⚠️ Hazard", "taken on"));

    const owned = await team.leader.waitForMessage(/Taken on by Leader Ledger/, { after: card });
    await team.leader.click(owned, "✅ Resolve");
    await team.leader.waitForMessage(new RegExp(`How was ${hazard} resolved`));
    await team.leader.send("The street office put up a temporary barrier");
    await team.leader.waitForMessage(new RegExp(`${hazard} is resolved\\. The reporter has been told`));
    await reporter.waitForMessage(`Your report ${hazard} (⚠️ Hazard) is resolved: The street office put up a temporary barrier`);
    lines = await list();
    expect(lines[0]).toMatch(line(help, "🤝 Help given", "waiting"));
    expect(lines[1]).toMatch(line(hazard, "⚠️ Hazard", "resolved"));
  });
});

describe("a confirmation delivered twice", () => {
  it("When Send is pressed twice, redelivered and forged again, then one report is stored and the leader gets one card", async () => {
    const { team, reporter, personId } = await hazardTeam("Twice");
    await startHazard(reporter);
    await reporter.send("Streetlight flickering at Twice Alley");
    await reporter.waitForMessage(UI.en.askPhotos);
    await reporter.click(UI.en.done);
    await reporter.waitForMessage(UI.en.askLocation);
    await reporter.press(UI.en.skip);
    const summary = await reporter.waitForMessage(UI.en.summary);

    const first = await reporter.click(summary, UI.en.send);
    const received = await reporter.waitForMessage(UI.en.received);
    const ref = REF.exec(received.text!)![0];
    const second = await reporter.click(summary, UI.en.send);
    // Telegram redelivering the very same press, and a client sending the data once more.
    await h.fake.pushUpdate({ callback_query: first.callbackQuery });
    const forged = await reporter.clickData(summary, "rp:send");
    for (const press of [second, forged]) {
      const answer = await reporter.waitForCallbackAnswer(press.callbackQuery.id);
      expect(answer.text).toBe("This button no longer works.");
    }

    const stored = await reportsBy(personId);
    expect(stored.map((r) => r.ref)).toEqual([ref]);
    expect(await cardHolders(stored[0]!.id)).toEqual(ids(team.leader));
    await waitForCard(team.leader, ref);
    expect(team.leader.messages().filter((m) => m.text?.startsWith(`⚠️ Hazard · `))).toHaveLength(1);
    expect(reporter.messages().filter((m) => UI.en.received.test(m.text ?? ""))).toHaveLength(1);
  });
});

describe("leaving a report unsent", () => {
  it("When a volunteer sends /cancel halfway through, then the dialog ends and the leader gets nothing", async () => {
    const { team, reporter, personId } = await hazardTeam("Quitter");
    await startHazard(reporter);
    await reporter.send("Graffiti on the Quitter school wall");
    const photos = await reporter.waitForMessage(UI.en.askPhotos);
    await reporter.sendPhoto();
    await reporter.waitForMessage(UI.en.photoAdded(1), { after: photos });

    await reporter.send("/cancel");
    const cancelled = await reporter.waitForMessage(/^Cancelled\.$/, { after: photos });
    // The dialog no longer listens: a stray photo is not taken as the second one.
    await reporter.sendPhoto();
    await reporter.waitForMessage(/I did not understand that/, { after: cancelled });
    expect(reporter.messages().some((m) => UI.en.photoAdded(2).test(m.text ?? ""))).toBe(false);

    expect(await reportsBy(personId)).toEqual([]);
    expect(await cardsSentTo(team.leader)).toBe(0);
  });

  it("When a volunteer presses Discard on the summary, then nothing is sent, not even when Send on that summary is pressed afterwards", async () => {
    const { team, reporter, personId } = await hazardTeam("Discard");
    await startHazard(reporter);
    await reporter.send("Abandoned car on Discard Road");
    await reporter.waitForMessage(UI.en.askPhotos);
    await reporter.sendPhoto();
    await reporter.waitForMessage(UI.en.photoAdded(1));
    await reporter.click(UI.en.done);
    await reporter.waitForMessage(UI.en.askLocation);
    await reporter.press(UI.en.sendLocation);
    const summary = await reporter.waitForMessage(UI.en.summary);

    await reporter.click(summary, "✖ Discard");
    await reporter.waitForMessage(/Report discarded\. Nothing was sent\./, { after: summary });
    const late = await reporter.click(summary, UI.en.send);
    expect((await reporter.waitForCallbackAnswer(late.callbackQuery.id)).text).toBe("This button no longer works.");

    expect(await reportsBy(personId)).toEqual([]);
    expect(await cardsSentTo(team.leader)).toBe(0);
    expect(team.leader.messages().some((m) => m.photo || m.location)).toBe(false);
  });
});
