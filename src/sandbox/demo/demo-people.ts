/**
 * The demo district: two towns of Nanhu district, four patrol teams of ten (a leader, a deputy and
 * eight volunteers), a supervisor per town, a coordinator, a police liaison and a resident. Telegram
 * ids are fixed so the store seeded on a first start and the users the Bot API server registers on
 * every start stay the same people.
 */
export type DemoRole = "coordinator" | "police" | "supervisor" | "leader" | "deputy" | "volunteer" | "resident";

export interface DemoTeam {
  town: string;
  community: string;
  team: string;
}

export interface DemoPerson {
  telegramId: number;
  name: string;
  /** The Telegram client's language, which the bot speaks until someone picks one with /lang. */
  language: "zh" | "en";
  role: DemoRole;
  /** Members (leader, deputy, volunteer): their team. */
  team?: DemoTeam;
  /** Supervisors: their town. */
  town?: string;
  /** Members: the mobile number the roster lists, shared from Telegram to link the account. */
  phone?: string;
  affiliation?: string;
}

export const DEMO_TEAMS: readonly DemoTeam[] = [
  { town: "新丰镇", community: "竹林村", team: "竹林村巡防队" },
  { town: "新丰镇", community: "镇北社区", team: "镇北社区巡防队" },
  { town: "七星街道", community: "湘家荡社区", team: "湘家荡社区巡防队" },
  { town: "七星街道", community: "东进村", team: "东进村巡防队" },
];

/** The team whose group chat was linked with /linkteam; ids at or below -10^12 are supergroups. */
export const DEMO_GROUP = { id: -1_000_000_000_101, title: "竹林村巡防队 值班群", team: DEMO_TEAMS[0]! };

// Per team: leader, deputy, then eight volunteers; [name, affiliation, client language].
const MEMBERS: ReadonlyArray<ReadonlyArray<readonly [string, string, "zh" | "en"]>> = [
  [["沈建国", "村干部", "zh"], ["陆美华", "党员", "zh"], ["张伟", "嘉兴电力公司", "zh"], ["王秀英", "党员", "zh"], ["李娜", "团员", "zh"],
    ["刘洋", "新居民", "zh"], ["陈静", "竹林村村民", "zh"], ["杨帆", "学生", "en"], ["赵磊", "新丰镇中学", "zh"], ["黄丽", "党员", "zh"]],
  [["周志强", "社区干部", "zh"], ["吴晓燕", "党员", "zh"], ["徐明", "团员", "zh"], ["孙芳", "新居民", "zh"], ["马俊", "嘉兴港务公司", "zh"],
    ["朱婷", "学生", "zh"], ["胡斌", "党员", "zh"], ["郭敏", "镇北社区居民", "zh"], ["何勇", "新居民", "en"], ["高雪", "团员", "zh"]],
  [["钱永康", "社区干部", "zh"], ["褚丽萍", "党员", "zh"], ["卫东", "南湖区人民医院", "zh"], ["蒋欣怡", "学生", "zh"], ["韩磊", "团员", "zh"],
    ["冯桂英", "党员", "zh"], ["曹宇航", "学生", "zh"], ["许文静", "新居民", "zh"], ["邓超", "嘉兴学院", "zh"], ["谢雨桐", "学生", "en"]],
  [["姚振华", "村干部", "zh"], ["蔡红梅", "党员", "zh"], ["潘浩然", "团员", "zh"], ["范晓梅", "东进村村民", "zh"], ["彭涛", "新居民", "zh"],
    ["董佳琪", "学生", "zh"], ["袁志刚", "党员", "zh"], ["唐思远", "新居民", "en"], ["于海燕", "七星街道办事处", "zh"], ["任杰", "团员", "zh"]],
];

const memberRole = (index: number): DemoRole => (index === 0 ? "leader" : index === 1 ? "deputy" : "volunteer");

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  { telegramId: 7_000_900, name: "屠雅琴", language: "zh", role: "coordinator" },
  { telegramId: 7_000_901, name: "顾国平", language: "zh", role: "supervisor", town: "新丰镇" },
  { telegramId: 7_000_902, name: "金玉兰", language: "zh", role: "supervisor", town: "七星街道" },
  { telegramId: 7_000_903, name: "俞卫国", language: "zh", role: "police" },
  { telegramId: 7_000_904, name: "包秀珍", language: "zh", role: "resident" },
  ...MEMBERS.flatMap((members, t) =>
    members.map(([name, affiliation, language], i): DemoPerson => {
      const telegramId = 7_000_000 + (t + 1) * 100 + i + 1;
      return { telegramId, name, language, role: memberRole(i), team: DEMO_TEAMS[t]!, phone: `1390573${String(telegramId % 10_000).padStart(4, "0")}`, affiliation };
    }),
  ),
];

/** Everyone in the linked group: the team's members and their town's supervisor. */
export function inDemoGroup(person: DemoPerson): boolean {
  return person.team?.team === DEMO_GROUP.team.team || (person.role === "supervisor" && person.town === DEMO_GROUP.team.town);
}
