import { Agent, request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";

let h: BotHarness;
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
beforeAll(async () => {
  h = await startBotHarness();
});
afterAll(async () => {
  agent.destroy();
  await h?.close();
});

/** GET /healthz on a kept-alive connection: whether it went over one already open, and the status. */
const healthz = () =>
  new Promise<{ reused: boolean; status: number }>((resolve, reject) => {
    const req = request(`http://127.0.0.1:${h.app.port}/healthz`, { agent }, (res) => {
      res.resume();
      res.once("end", () => resolve({ reused: req.reusedSocket, status: res.statusCode ?? 0 }));
    });
    req.once("error", reject);
    req.end();
  });

describe("the bot's HTTP server and the connections kept open to it", () => {
  it("When a connection has been idle for longer than Node's five seconds, then the server has not closed it: a proxy or Telegram taking it again for the next update finds it open", async () => {
    expect(await healthz()).toEqual({ reused: false, status: 200 });
    await new Promise((resolve) => setTimeout(resolve, 7_000));
    expect(await healthz()).toEqual({ reused: true, status: 200 });
  });
});
