import { InlineKeyboard } from "grammy";
import { hasDay, weekdayNames } from "../../roster/weekdays.js";

/** A multi-select of weekdays: tapping a day toggles its tick; "Done" confirms. */
export function weekdayKeyboard(mask: number, locale: string, doneLabel: string): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  weekdayNames(locale).forEach(({ day, name }, index) => {
    keyboard.text(`${hasDay(mask, day) ? "✅" : "▫️"} ${name}`, `wd:${day}`);
    if (index === 3) keyboard.row();
  });
  return keyboard.row().text(doneLabel, "wd:done");
}
