import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { DockerfileParser, type Instruction } from "dockerfile-ast";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { configSchema } from "../../src/config/config.js";

/**
 * The Dockerfile, compose file and systemd unit cannot be built or started on the machines the
 * tests run on, so these tests hold them to what the app really needs: the files it reads, the
 * settings it knows, the way it starts and stops.
 */
const root = join(import.meta.dirname, "../..");
const read = (file: string) => readFileSync(join(root, file), "utf8");
const settings = new Set(Object.keys(configSchema.shape));
const startCommand = (JSON.parse(read("package.json")) as { scripts: { start: string } }).scripts.start.split(" ");

interface Stage {
  name: string;
  image: string;
  instructions: Instruction[];
}

function stages(): Stage[] {
  const dockerfile = DockerfileParser.parse(read("Dockerfile"));
  const defaults = new Map(dockerfile.getInitialARGs().map((arg) => [arg.getProperty()?.getName(), arg.getProperty()?.getValue()]));
  const result: Stage[] = [];
  for (const instruction of dockerfile.getInstructions()) {
    if (instruction.getKeyword() === "FROM") {
      const [image = "", , name = ""] = instruction.getArguments().map((a) => a.getValue());
      const resolved = image.replace(/^\$\{?(\w+)\}?$/, (_, arg: string) => defaults.get(arg) ?? image);
      result.push({ name, image: resolved, instructions: [] });
    } else {
      result.at(-1)?.instructions.push(instruction);
    }
  }
  return result;
}

const ofKind = (stage: Stage, keyword: string) => stage.instructions.filter((i) => i.getKeyword() === keyword);
const args = (instruction: Instruction) => instruction.getArguments().map((a) => a.getValue());
/** COPY's sources and destination (the parser leaves flags such as --from out of the arguments). */
const copyPaths = (instruction: Instruction) => args(instruction);

/** Folders and files under src/ that the app reads at run time through packagePath("…"). */
function runTimePaths(): string[] {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(root, dir))) {
      const path = `${dir}/${entry}`;
      if (statSync(join(root, path)).isDirectory()) walk(path);
      else if (path.endsWith(".ts")) {
        // packagePath("src/bot/locales") or packagePath("src", "sandbox", "web")
        for (const match of read(path).matchAll(/packagePath\(((?:"[^"]+",?\s*)+)\)/g)) found.add([...match[1]!.matchAll(/"([^"]+)"/g)].map((m) => m[1]).join("/"));
      }
    }
  };
  walk("src");
  return [...found];
}

describe("Dockerfile", () => {
  it("When the image is built, then a build stage compiles and a runtime stage on the same Node major runs", () => {
    const [build, runtime, ...rest] = stages();
    expect(rest).toEqual([]);
    expect(build?.name).toBe("build");
    expect(runtime?.name).toBe("runtime");
    const nodeMajor = /(\d+)/.exec((JSON.parse(read("package.json")) as { engines: { node: string } }).engines.node)![1];
    for (const stage of [build!, runtime!]) expect(stage.image).toMatch(new RegExp(`^node:${nodeMajor}-`));
  });

  it("When the build stage runs npm ci, then everything npm run build reads is already copied in", () => {
    const build = stages()[0]!;
    const copied = ofKind(build, "COPY").flatMap((i) => copyPaths(i).slice(0, -1));
    const tsconfig = JSON.parse(read("tsconfig.build.json")) as { extends: string; include: string[] };
    const needed = ["package.json", "package-lock.json", "tsconfig.build.json", tsconfig.extends.replace(/^\.\//, ""), ...tsconfig.include, "drizzle"];
    for (const file of needed) expect(copied).toContain(file);
    const runs = ofKind(build, "RUN").map((i) => i.getArgumentsContent() ?? "");
    expect(runs.join(" ")).toMatch(/npm ci\b/);
    // npm install would ignore the lockfile; the image must hold exactly the locked versions.
    expect(runs.join(" ")).not.toMatch(/npm (install|i)\b/);
    expect(runs.join(" ")).toMatch(/npm prune --omit=dev/);
  });

  it("When the runtime stage starts, then it holds every file the app reads at run time", () => {
    const runtime = stages()[1]!;
    const copies = ofKind(runtime, "COPY");
    for (const copy of copies) expect((copy as unknown as { getFromFlag(): { getValue(): string } | null }).getFromFlag()?.getValue()).toBe("build");
    const destinations = copies.map((i) => copyPaths(i).at(-1)!.replace(/^\.\//, ""));
    const needed = ["package.json", "node_modules", "dist", ...runTimePaths().filter((p) => !p.startsWith("dist/"))];
    expect(needed).toEqual(expect.arrayContaining(["src/bot/locales", "src/sandbox/web"]));
    for (const path of needed) expect(destinations).toContain(path);
  });

  it("When the container runs, then it is node itself as an unprivileged user, with a health check on /healthz", () => {
    const runtime = stages()[1]!;
    const order = runtime.instructions.map((i) => i.getKeyword());
    const user = ofKind(runtime, "USER").map((i) => i.getArgumentsContent());
    expect(user).toHaveLength(1);
    expect(user[0]).not.toMatch(/^(root|0)(:|$)/);
    expect(order.indexOf("USER")).toBeLessThan(order.indexOf("CMD"));
    const cmd = JSON.parse(ofKind(runtime, "CMD")[0]!.getArgumentsContent()!) as string[];
    // The exec form with node as PID 1: `docker stop` sends SIGTERM to the bot, not to a shell or npm.
    expect(cmd).toEqual(startCommand);
    const healthcheck = ofKind(runtime, "HEALTHCHECK")[0]!.getArgumentsContent()!;
    expect(healthcheck).toContain("/healthz");
    expect(healthcheck).toMatch(/process\.env\.PORT/);
  });

  it("When the runtime stage sets the environment, then it sets settings the app knows, on the port it exposes", () => {
    const runtime = stages()[1]!;
    const env = new Map<string, string>();
    for (const instruction of ofKind(runtime, "ENV")) {
      for (const property of (instruction as unknown as { getProperties(): { getName(): string; getValue(): string | null }[] }).getProperties()) {
        env.set(property.getName(), property.getValue() ?? "");
      }
    }
    for (const name of env.keys()) if (name !== "NODE_ENV") expect(settings).toContain(name);
    expect(ofKind(runtime, "EXPOSE").map((i) => i.getArgumentsContent())).toEqual([env.get("PORT")]);
    expect(ofKind(runtime, "VOLUME").map((i) => i.getArgumentsContent())).toEqual([JSON.stringify([env.get("DATA_DIR")])]);
  });

  it("When the build context is sent, then secrets and local builds stay out of it", () => {
    const ignored = read(".dockerignore").split("\n").map((line) => line.trim());
    for (const entry of [".env", "node_modules", "dist", "data", ".git"]) expect(ignored).toContain(entry);
  });
});

describe("compose.yaml", () => {
  const compose = parseYaml(read("compose.yaml")) as {
    services: Record<string, { build?: string; image?: string; environment?: Record<string, string>; depends_on?: Record<string, { condition: string }>; healthcheck?: unknown; ports?: string[] }>;
  };

  it("When the bot starts, then its settings are ones the app knows and PostgreSQL is already healthy", () => {
    const bot = compose.services.bot!;
    expect(bot.build).toBe(".");
    for (const name of Object.keys(bot.environment ?? {})) expect(settings).toContain(name);
    const url = new URL(bot.environment!.DATABASE_URL!);
    const db = compose.services[url.hostname]!;
    expect(db.healthcheck).toBeDefined();
    expect(bot.depends_on?.[url.hostname]?.condition).toBe("service_healthy");
    expect(db.environment).toMatchObject({ POSTGRES_USER: url.username, POSTGRES_PASSWORD: url.password, POSTGRES_DB: url.pathname.slice(1) });
    const port = bot.environment!.PORT;
    expect(bot.ports?.some((mapping) => mapping.endsWith(`:${port}`))).toBe(true);
  });
});

describe("deploy/shouye.service", () => {
  const lines = read("deploy/shouye.service").split("\n").filter((line) => /^\w+=/.test(line));
  const values = (key: string) => lines.filter((line) => line.startsWith(`${key}=`)).map((line) => line.slice(key.length + 1));

  it("When systemd starts the bot, then it runs node on the build with settings the app knows", () => {
    const [exec] = values("ExecStart");
    expect(exec?.split(" ").slice(1)).toEqual(startCommand.slice(1));
    expect(exec).toMatch(/^\/\S*node /);
    const environment = new Map(values("Environment").map((pair) => pair.split("=") as [string, string]));
    for (const name of environment.keys()) if (name !== "NODE_ENV") expect(settings).toContain(name);
    expect(values("ReadWritePaths")).toContain(environment.get("DATA_DIR"));
  });

  it("When the bot stops or cannot start, then systemd waits for its own stop and does not retry a configuration problem", () => {
    const main = read("src/main.ts");
    const forceStopMs = Number(/exit\(1\);\s*\},\s*([\d_]+)\)/.exec(main)![1]!.replace(/_/g, ""));
    expect(Number(values("TimeoutStopSec")[0]) * 1000).toBeGreaterThan(forceStopMs);
    expect(main).toMatch(/process\.exit\(2\)/);
    expect(values("RestartPreventExitStatus")).toEqual(["2"]);
  });
});
