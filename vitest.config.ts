import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Each file gets its own database; two cores run two files at a time comfortably.
    maxWorkers: 2,
    // Files share a worker's module cache: nothing in src keeps state at module level that a test
    // changes, each file opens its own database and fake, and importing the bot once per worker
    // instead of once per file takes a third off the run.
    isolate: false,
  },
});
