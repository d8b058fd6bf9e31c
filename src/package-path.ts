import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The package's root folder: this file is `src/package-path.ts` when run as TypeScript and `dist/package-path.js` when built, one level down either way. */
const packageRoot = fileURLToPath(new URL("..", import.meta.url));

/**
 * A file the app reads at run time (Fluent locales, migrations), found from the package root, so
 * the TypeScript source (tests, benches) and the built JavaScript in dist/ read the same files and
 * the build copies nothing.
 */
export const packagePath = (...segments: string[]): string => join(packageRoot, ...segments);
