import { Api, Composer, Context } from "grammy";
import type { Update, UserFromGetMe } from "grammy/types";
import { describe, expect, it } from "vitest";
import { LeanComposer } from "../../src/bot/lean-composer.js";

/** A context carrying only a log; the composers under test never look at the update. */
type Ctx = Context & { log: string[] };
const ctx = () => ({ log: [] as string[] }) as unknown as Ctx;
const run = async (composer: Composer<Ctx>, c = ctx()) => {
  await composer.middleware()(c, () => Promise.resolve(void c.log.push("end")));
  return c.log;
};

describe("LeanComposer runs what grammY's Composer runs, in the same order", () => {
  const build = (composer: Composer<Ctx>) => {
    composer.use(async (c, next) => {
      c.log.push("a>");
      await next();
      c.log.push("<a");
    });
    const even = composer.filter((c) => c.log.length % 2 === 1);
    even.use((c, next) => (c.log.push("even"), next()));
    composer.filter(() => Promise.resolve(false), (c) => void c.log.push("never"));
    composer.use(new Composer<Ctx>((c, next) => (c.log.push("nested"), next())));
    composer.use((c) => void c.log.push("stop"));
    composer.use((c) => void c.log.push("unreached"));
    return composer;
  };

  it("When both are built alike, then the same steps run in the same order", async () => {
    expect(await run(build(new LeanComposer<Ctx>()))).toEqual(await run(build(new Composer<Ctx>())));
    expect(await run(build(new LeanComposer<Ctx>()))).toEqual(["a>", "even", "nested", "stop", "<a"]);
  });

  it("When middleware is added to a nested composer after the chain was taken, then it still runs", async () => {
    const later = async (composer: Composer<Ctx>) => {
      const nested = composer.use();
      const taken = composer.middleware();
      nested.use((c, next) => (c.log.push("later"), next()));
      const c = ctx();
      await taken(c, () => Promise.resolve(void c.log.push("end")));
      return c.log;
    };
    expect(await later(new LeanComposer<Ctx>())).toEqual(["later", "end"]);
    expect(await later(new Composer<Ctx>())).toEqual(["later", "end"]);
  });

  it("When a middleware throws without awaiting, or calls next twice, then the chain's promise rejects", async () => {
    const throwing = new LeanComposer<Ctx>(() => {
      throw new Error("boom");
    });
    await expect(run(throwing)).rejects.toThrow("boom");
    const twice = new LeanComposer<Ctx>(async (_c, next) => {
      await next();
      await next();
    });
    await expect(run(twice)).rejects.toThrow("already called");
  });

  it("When many filters do not match before one that does, or a filter decides later or throws, then both run the same and say the same", async () => {
    const build = (composer: Composer<Ctx>) => {
      for (let i = 0; i < 300; i++) composer.filter(() => false, (c) => void c.log.push(`never ${i}`));
      composer.filter(() => Promise.resolve(true), async (c, next) => {
        c.log.push("later>");
        await next();
        c.log.push("<later");
      });
      composer.filter(() => true).use((c, next) => (c.log.push("match"), next()));
      composer.use((c, next) => (c.log.push("after"), next()));
      return composer;
    };
    expect(await run(build(new LeanComposer<Ctx>()))).toEqual(await run(build(new Composer<Ctx>())));
    expect(await run(build(new LeanComposer<Ctx>()))).toEqual(["later>", "match", "after", "end", "<later"]);

    const throwing = (composer: Composer<Ctx>) => {
      composer.filter(() => false, (c) => void c.log.push("never"));
      composer.filter(() => {
        throw new Error("bad predicate");
      });
      return composer;
    };
    await expect(run(throwing(new LeanComposer<Ctx>()))).rejects.toThrow("bad predicate");
    await expect(run(throwing(new Composer<Ctx>()))).rejects.toThrow("bad predicate");
  });

  it("When commands are registered, then the same updates reach the same handlers with the same match", async () => {
    const me = { id: 1, is_bot: true, first_name: "Bot", username: "ThisBot" } as UserFromGetMe;
    const update = (text: string, entityLength?: number): Update => ({
      update_id: 1,
      message: {
        message_id: 1, date: 0, chat: { id: 2, type: "private", first_name: "U" }, from: { id: 2, is_bot: false, first_name: "U" }, text,
        ...(entityLength ? { entities: [{ type: "bot_command", offset: 0, length: entityLength }] } : {}),
      },
    });
    const updates = [
      update("/checkin now", 8), update("/checkin@thisbot  later", 16), update("/checkin@OtherBot", 17), update("/shifts", 7),
      update("/lead", 5), update("/nothing", 8), update("hello /checkin"), update("/checkin"),
    ];
    const build = (composer: Composer<Ctx>) => {
      composer.command("checkin", (c, next) => (c.log.push(`checkin:${String(c.match)}`), next()));
      composer.command(["shifts", "lead"], (c) => void c.log.push(`list:${String(c.match)}`));
      composer.use((c) => void c.log.push("rest"));
      return composer;
    };
    const runAll = async (composer: Composer<Ctx>) => {
      const logs: string[][] = [];
      for (const u of updates) {
        const c = Object.assign(new Context(u, new Api("0:token"), me), { log: [] as string[] }) as Ctx;
        logs.push(await run(composer, c));
      }
      return logs;
    };
    const lean = await runAll(build(new LeanComposer<Ctx>()));
    expect(lean).toEqual(await runAll(build(new Composer<Ctx>())));
    expect(lean.map((log) => log.join(" "))).toEqual([
      "checkin:now rest", "checkin:later rest", "rest", "list:", "list:", "rest", "rest", "rest",
    ]);
  });
});
