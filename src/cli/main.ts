import { config as loadDotenv } from "dotenv";
import { runCli } from "./run-cli.js";

/** `npm run cli -- …`: the operator's commands, on the store the environment (or .env) names. */
loadDotenv({ quiet: true });
runCli(process.argv.slice(2), { out: process.stdout, err: process.stderr, env: process.env }).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
