import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import type { PersonView } from "../../src/sandbox/directory.js";
import type { RunningSandbox } from "../../src/sandbox/sandbox.js";

/** The size of the README's screenshots, and of every page the tests open. */
export const VIEWPORT = { width: 1280, height: 800 };

/** How long a page waits for the bot: its live board and progress jobs tick every 5 s, on a loaded machine too. */
const WAIT_MS = 30_000;

/** What the in-page search reads of a message's <li> (the tests compile without the DOM's types). */
interface MessageItem {
  dataset: { messageId?: string };
  classList: { contains(name: string): boolean };
  textContent: string | null;
  querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }>;
}

interface MessageQuery {
  /** Only messages with a greater id. */
  after: number;
  /** Only this message. */
  id?: number;
  /** Only the person's own (true) or only others' (false). */
  own?: boolean;
  source?: string;
  flags?: string;
  /** Only a message with an inline button whose label matches. */
  button?: { source: string; flags: string };
}

/**
 * Runs in the page, serialised by Playwright (so it refers to nothing outside): the id of the first
 * message shown that fits the query, or null, which keeps `waitForFunction` polling.
 */
function findMessage(query: MessageQuery): number | null {
  const doc = (globalThis as unknown as { document: { querySelectorAll(selector: string): ArrayLike<MessageItem> } }).document;
  const pattern = query.source === undefined ? null : new RegExp(query.source, query.flags);
  for (const li of Array.from(doc.querySelectorAll("#messages li[data-message-id]"))) {
    const id = Number(li.dataset.messageId);
    if (id <= query.after || (query.id !== undefined && id !== query.id)) continue;
    if (query.own !== undefined && li.classList.contains("own") !== query.own) continue;
    if (pattern && !pattern.test(li.textContent ?? "")) continue;
    const label = query.button ? new RegExp(query.button.source, query.button.flags) : null;
    if (label && !Array.from(li.querySelectorAll(".kbd button")).some((b) => label.test(b.textContent ?? ""))) continue;
    return id;
  }
  return null;
}

/** A message in the open chat, by its id; the locator finds it again after an edit replaces it. */
export interface ShownMessage {
  id: number;
  locator: Locator;
}

/**
 * One demo person in a browser page of the sandbox, acting only as a person would: clicks and
 * typing. Every wait is for something on the page, never for a fixed time.
 */
export class PersonPage {
  private constructor(
    readonly person: PersonView,
    readonly page: Page,
    private readonly context: BrowserContext,
  ) {}

  /** Opens the page as `person` (`?as=`) in a context of its own, so each person keeps their own page state. */
  static async open(browser: Browser, sandbox: RunningSandbox, person: PersonView): Promise<PersonPage> {
    const context = await browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    const opened = new PersonPage(person, page, context);
    await page.goto(new URL(`/?as=${person.id}`, sandbox.url).href);
    await page.locator(`#people button.current[data-person="${person.id}"]`).waitFor();
    await page.locator("#chat-tabs button.current").waitFor();
    return opened;
  }

  close(): Promise<void> {
    return this.context.close();
  }

  message(id: number): ShownMessage {
    return { id, locator: this.page.locator(`#messages li[data-message-id="${id}"]`) };
  }

  /** The newest message id shown in the open chat (0 when it is empty): waits pass it as `after`. */
  lastId(): Promise<number> {
    return this.page.locator("#messages li[data-message-id]").evaluateAll((items) => Math.max(0, ...items.map((li) => Number(li.getAttribute("data-message-id")))));
  }

  /** Waits for a message from someone else (the bot) after `after` whose text matches, and that has the button if one is named. */
  waitForMessage(matcher: RegExp, after = 0, button?: RegExp): Promise<ShownMessage> {
    return this.find({ after, own: false, source: matcher.source, flags: matcher.flags, ...(button ? { button: { source: button.source, flags: button.flags } } : {}) });
  }

  /** Waits until a shown message (edited in place) matches; resolves with its text then. */
  async waitForText(message: ShownMessage, matcher: RegExp): Promise<string> {
    await this.find({ after: 0, id: message.id, source: matcher.source, flags: matcher.flags });
    return (await message.locator.textContent()) ?? "";
  }

  /** Types into the composer and sends; resolves with the sent message once the chat shows it. */
  async send(text: string): Promise<ShownMessage> {
    const before = await this.lastId();
    await this.page.locator("#text").fill(text);
    await this.page.locator("#send").click();
    return this.ownMessageAfter(before);
  }

  /** Picks a command from the `/` menu, as one does in Telegram. */
  async command(name: string): Promise<ShownMessage> {
    const before = await this.lastId();
    await this.page.locator("#menu-button").click();
    await this.page.locator("#menu button", { hasText: new RegExp(`^/${name}(?![a-z_])`) }).click();
    return this.ownMessageAfter(before);
  }

  /** Presses an inline button of a message. */
  async press(message: ShownMessage, label: RegExp): Promise<void> {
    await message.locator.locator(".kbd button", { hasText: label }).first().click();
  }

  /** Presses a button of the reply keyboard under the composer. */
  async pressReply(label: RegExp): Promise<void> {
    await this.page.locator("#reply-keyboard button", { hasText: label }).first().click();
  }

  /** 📍 opens the little map; a click on it shares that place. */
  async shareLocationOnMap(at?: { x: number; y: number }): Promise<ShownMessage> {
    await this.page.locator("#location-button").click();
    return this.pickOnMap(at);
  }

  /** Clicks the open map (300x200) at a point, the middle by default; resolves with the location sent. */
  async pickOnMap(at = { x: 150, y: 100 }): Promise<ShownMessage> {
    const before = await this.lastId();
    await this.page.locator("#map").click({ position: at });
    await this.page.locator("#location").waitFor({ state: "hidden" });
    return this.ownMessageAfter(before);
  }

  /** 📎 with a picked file: the photo goes out with the composer's text as its caption. */
  async sendPhoto(png: Buffer, name = "photo.png"): Promise<ShownMessage> {
    const before = await this.lastId();
    await this.page.locator("#photo-input").setInputFiles({ name, mimeType: "image/png", buffer: png });
    return this.ownMessageAfter(before);
  }

  /** The clock panel's jump button; waits until the header shows the new time. */
  async jumpClock(to: string): Promise<void> {
    await this.page.locator(`[data-jump="${to}"]`).click();
    await this.page.locator("#clock-local", { hasText: ` ${to}` }).waitFor();
  }

  /** Picks a language with /lang; the bot speaks it to this person from then on. */
  async chooseLanguage(button: string, done: RegExp): Promise<void> {
    const asked = await this.command("lang");
    const menu = await this.waitForMessage(new RegExp(`${button}`), asked.id);
    await this.press(menu, new RegExp(`^${button}$`));
    await this.waitForText(menu, done);
  }

  private ownMessageAfter(before: number): Promise<ShownMessage> {
    return this.find({ after: before, own: true });
  }

  private async find(query: MessageQuery): Promise<ShownMessage> {
    const found = await this.page.waitForFunction(findMessage, query, { polling: 100 });
    return this.message((await found.jsonValue()) as number);
  }
}
