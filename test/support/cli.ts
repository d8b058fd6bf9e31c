import { spawn } from "node:child_process";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "../..");

export interface CliRun {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

/** `npm run cli -- …` as an operator runs it, on its own embedded store in `dataDir`. */
export function runCli(args: string[], dataDir: string): Promise<CliRun> {
  return new Promise((done) => {
    const child = spawn(join(root, "node_modules/.bin/tsx"), [join(root, "src/cli/main.ts"), ...args], {
      cwd: dataDir,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", DATA_DIR: dataDir, LOG_LEVEL: "warn", USER: "ops" },
    });
    const stdout: Buffer[] = [];
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => stdout.push(d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => done({ code, stdout: Buffer.concat(stdout), stderr }));
  });
}
