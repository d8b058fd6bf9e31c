import type { Message } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localNight } from "../../src/shifts/night.js";
import type { FakeUser } from "../../src/sandbox/telegram/index.js";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { cardHolders, cardsSentTo, district, districtWide, member } from "../support/report-world.js";
import { BBOX, buttonLabels, ids, incidentIdOf, largest, UI, waitForCard, type Lang } from "../support/reports.js";

let h: BotHarness;
/** Every report of the file that reaches the police or the coordinators reaches these two as well. */
let districtPolice: FakeUser;
let coordinator: FakeUser;

beforeAll(async () => {
  h = await startBotHarness({ env: { DISTRICT_BBOX: BBOX } });
  ({ districtPolice, coordinator } = await districtWide(h));
});
afterAll(async () => {
  await h?.close();
});

type Category = "tip" | "hazard" | "assistance" | "dispute" | "suspicious" | "emergency";

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
      const d = await district(h, name, lang);
      const reporterName = lang === "zh" ? `王芳${n}` : `Wang Fang ${n}`;
      const { user: reporter } = await member(h, d.teamId, reporterName, lang);

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
      expect(await cardHolders(h, incidentIdOf(card))).toEqual(ids(...expected));
      for (const other of expected.slice(1)) {
        const copy = await waitForCard(other, ref);
        // Each in their own language: the district's officer and coordinator read English.
        const theirs = other === districtPolice || other === coordinator ? UI.en : L;
        expect(copy.text).toContain(theirs.category[category]);
      }
      for (const bystander of [d.police, d.supervisor].filter((u) => !expected.includes(u))) {
        expect(await cardsSentTo(h, bystander)).toBe(0);
      }
    });
  });
});
