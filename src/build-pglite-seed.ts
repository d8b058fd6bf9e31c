import { writePgliteSeed } from "./storage/pglite-seed.js";

/** `npm run build`, after tsc: the migrated PGlite store a first start copies (see storage/pglite-seed.ts). */
if (await writePgliteSeed()) process.stdout.write("dist/pglite-seed: a new, migrated PGlite store for first starts\n");
