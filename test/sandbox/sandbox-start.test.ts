import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { connect } from "node:net";
import { networkInterfaces, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { SANDBOX_REFUSED, startSandbox } from "../../src/sandbox/sandbox.js";
import { freePort, startBotHarness } from "../support/bot-harness.js";
import { silentLogger } from "../support/domain.js";

const root = resolve(import.meta.dirname, "../..");
const main = join(root, "src/main.ts");
const tsxLoader = pathToFileURL(join(root, "node_modules/tsx/dist/loader.mjs")).href;

function startMain(env: Record<string, string>, args: string[] = []) {
  const cwd = mkdtempSync(join(tmpdir(), "shouye-sandbox-"));
  // Node itself with tsx's loader, not tsx's wrapper, which forwards signals to a child of its own.
  const child = spawn(process.execPath, ["--import", tsxLoader, main, ...args], { cwd, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env } });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  const exited = new Promise<number | null>((done) => child.on("close", (code) => done(code)));
  const logLine = (pattern: RegExp) =>
    new Promise<Record<string, unknown>>((found, fail) => {
      const look = () => {
        const line = stdout.split("\n").find((l) => pattern.test(l));
        if (line) return found(JSON.parse(line) as Record<string, unknown>);
      };
      child.stdout.on("data", look);
      void exited.then(() => fail(new Error(`exited before logging ${pattern}:\n${stdout}\n${stderr}`)));
      look();
    });
  return { child, exited, logLine, output: () => ({ stdout, stderr }) };
}

/** True when nothing accepts a connection at host:port. */
function refused(host: string, port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host, port });
    socket.once("connect", () => (socket.destroy(), done(false)));
    socket.once("error", () => done(true));
  });
}

describe("starting the sandbox", () => {
  it("When npm start runs without a token, then its first log line says it is the sandbox with the URL, and it answers on 127.0.0.1 only", async () => {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), "shouye-sandbox-data-"));
    const run = startMain({ PORT: String(port), SANDBOX_DATA_DIR: dataDir, HOST: "0.0.0.0", LOG_LEVEL: "info" });
    try {
      await run.logLine(/sandbox ready/);
      const first = JSON.parse(run.output().stdout.split("\n")[0]!) as { msg: string; url: string };
      expect(first.msg).toMatch(/^No TELEGRAM_BOT_TOKEN, so this is the sandbox, not the real bot/);
      expect(first.url).toBe(`http://127.0.0.1:${port}/`);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/sandbox/api/people`)).status).toBe(200);
      const unknown = await fetch(`http://127.0.0.1:${port}/verify/NH-S-2027-000001-ABCDEF`);
      expect(unknown.status, "the statement check page is served beside the page").toBe(404);
      expect(await unknown.text()).toContain("没有开具过编号为 NH-S-2027-000001-ABCDEF 的证明");
      const outside = Object.values(networkInterfaces()).flat().find((a) => a && a.family === "IPv4" && !a.internal);
      if (outside) expect(await refused(outside.address, port)).toBe(true);
    } finally {
      run.child.kill("SIGTERM");
    }
    expect(await run.exited).toBe(0);
  }, 90_000);

  it("When npm run sandbox is asked for with a token set, then it refuses in one sentence", async () => {
    const run = startMain({ TELEGRAM_BOT_TOKEN: "123:abc" }, ["--sandbox"]);
    expect(await run.exited).toBe(2);
    expect(run.output().stderr).toMatch(/cannot start the sandbox: TELEGRAM_BOT_TOKEN is set/);
    expect(run.output().stdout).toBe("");
  }, 60_000);

  it("When the bot runs with a token, then it serves no sandbox routes, and the sandbox refuses to start", async () => {
    const h = await startBotHarness();
    try {
      const base = `http://127.0.0.1:${h.app.port}`;
      expect((await fetch(`${base}/sandbox/api/people`)).status).toBe(404);
      expect((await fetch(`${base}/`)).status).toBe(404);
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      await expect(startSandbox({ config: h.config, logger: silentLogger })).rejects.toThrow(SANDBOX_REFUSED);
    } finally {
      await h.close();
    }
  });
});
