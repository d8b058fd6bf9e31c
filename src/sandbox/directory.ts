import type { FakeTelegram, FakeUser } from "./telegram/index.js";
import { DEMO_GROUP, DEMO_PEOPLE, inDemoGroup, type DemoPerson, type DemoRole } from "./demo/demo-people.js";

/** Who the page lists first: the people who run the district, then the teams, then the public. */
export const ROLE_ORDER: readonly DemoRole[] = ["coordinator", "supervisor", "police", "leader", "deputy", "volunteer", "resident"];

export interface PersonView {
  /** The Telegram user id; a private chat with the bot has the same id. */
  id: number;
  name: string;
  role: DemoRole;
  language: "zh" | "en";
  team: { name: string; community: string; town: string } | null;
  town: string | null;
}

export interface ChatSummary {
  id: number;
  type: "private" | "group" | "supergroup";
  title: string;
}

/**
 * The demo people as users of the sandbox's Bot API server, and the chats each of them has: the
 * private chat with the bot, and the linked team group for its members and their supervisor.
 */
export class SandboxDirectory {
  private readonly users = new Map<number, { person: DemoPerson; user: FakeUser }>();

  constructor(private readonly telegram: FakeTelegram) {
    for (const person of DEMO_PEOPLE) {
      const user = telegram.user({ id: person.telegramId, first_name: person.name, language_code: person.language, ...(person.phone ? { phone: `+86${person.phone}` } : {}) });
      this.users.set(person.telegramId, { person, user });
    }
    telegram.group({ id: DEMO_GROUP.id, title: DEMO_GROUP.title });
  }

  people(): PersonView[] {
    const rank = (p: DemoPerson) => ROLE_ORDER.indexOf(p.role);
    return [...this.users.values()].map(({ person }) => person).sort((a, b) => rank(a) - rank(b) || a.telegramId - b.telegramId).map(personView);
  }

  find(personId: number): { person: PersonView; user: FakeUser } | undefined {
    const found = this.users.get(personId);
    return found && { person: personView(found.person), user: found.user };
  }

  chatsOf(personId: number): ChatSummary[] {
    const found = this.users.get(personId);
    if (!found) return [];
    const bot = this.telegram.botInfo;
    const chats: ChatSummary[] = [{ id: personId, type: "private", title: bot.first_name }];
    if (inDemoGroup(found.person)) chats.push({ id: DEMO_GROUP.id, type: DEMO_GROUP.id <= -1_000_000_000_000 ? "supergroup" : "group", title: DEMO_GROUP.title });
    return chats;
  }

  /** Every chat the page can show: the private chats and the group. */
  isKnownChat(chatId: number): boolean {
    return this.users.has(chatId) || chatId === DEMO_GROUP.id;
  }
}

function personView(person: DemoPerson): PersonView {
  return {
    id: person.telegramId,
    name: person.name,
    role: person.role,
    language: person.language,
    team: person.team ? { name: person.team.team, community: person.team.community, town: person.team.town } : null,
    town: person.team?.town ?? person.town ?? null,
  };
}
