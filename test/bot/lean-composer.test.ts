import { Composer, type Context } from "grammy";
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
});
