import tseslint from "typescript-eslint";

/**
 * Entry points (bot, scheduler, CLI, HTTP, the sandbox) translate input and call domain verbs; they never
 * reach into the ORM, the database drivers or the schema. This rule keeps it that way.
 */
const ormImports = {
  paths: [
    { name: "drizzle-orm", message: "Entry points call domain verbs; queries belong in src/<capability>/." },
    { name: "postgres", message: "Entry points do not talk to the database driver." },
    { name: "@electric-sql/pglite", message: "Entry points do not talk to the database driver." },
  ],
  patterns: [
    { group: ["drizzle-orm/*"], message: "Entry points call domain verbs; queries belong in src/<capability>/." },
    { group: ["**/storage/schema", "**/storage/schema/*", "**/storage/schema/**"], message: "Entry points do not use the schema." },
  ],
};

export default tseslint.config(
  { ignores: ["node_modules/", "drizzle/", "data/", "dist/", "coverage/"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    files: ["src/bot/**/*.ts", "src/scheduler/**/*.ts", "src/cli/**/*.ts", "src/http/**/*.ts", "src/sandbox/**/*.ts"],
    rules: { "no-restricted-imports": ["error", ormImports] },
  },
);
