import { packagePath } from "../package-path.js";

/** The SQL migrations drizzle-kit generates, applied at start. A file of its own, so reading the folder loads no driver. */
export const migrationsFolder = packagePath("drizzle");
