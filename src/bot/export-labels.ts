import type { ExportLabels } from "../exports/export-csv.js";
import { messageKeys } from "./i18n.js";

type Translate = (key: string, args?: Record<string, string | number>) => string;

/** Keys are the same in every catalogue (the catalogue test checks it). */
const KEYS = messageKeys("en");

/**
 * Export headers and codes in the reader's language, for the bot (ctx.t) and the CLI (cliWords).
 * A code the catalogue does not know yet is shown as stored rather than as a key.
 */
export function exportLabels(t: Translate): ExportLabels {
  const known = (key: string, raw: string) => (KEYS.has(key) ? t(key) : raw);
  return {
    header: (column) => known(`export-col-${column}`, column),
    value: (column, raw) => {
      if (raw === "true") return t("export-yes");
      if (raw === "false") return t("export-no");
      return known(`export-val-${column}-${raw}`, raw);
    },
  };
}
