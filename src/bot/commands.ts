import type { Api } from "grammy";
import { BASE_COMMANDS } from "../access/command-menu.js";
import { LOCALES } from "../people/locale.js";
import type { Renderer } from "./deliver.js";

/**
 * The menu everyone sees, per language; people with roles get a chat-scoped menu through the
 * outbox when their roles change. The language-less default uses DEFAULT_LOCALE.
 */
export async function publishDefaultCommands(api: Api, renderer: Renderer, defaultLocale: string): Promise<void> {
  const describe = (locale: string) => BASE_COMMANDS.map((command) => ({ command, description: renderer.text({ key: `cmd-${command}` }, locale) }));
  await api.setMyCommands(describe(defaultLocale));
  for (const locale of LOCALES) await api.setMyCommands(describe(locale), { language_code: locale });
}
