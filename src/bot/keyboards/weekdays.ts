import { InlineKeyboard } from "grammy";
import { hasDay, weekdayNames } from "../../roster/weekdays.js";

/** A multi-select of weekdays: tapping a day toggles its tick; "Done" confirms. Data: `${prefix}1` … `${prefix}7`, `${prefix}done`. */
export function weekdayKeyboard(mask: number, locale: string, doneLabel: string, prefix: string): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  weekdayNames(locale).forEach(({ day, name }, index) => {
    keyboard.text(`${hasDay(mask, day) ? "✅" : "▫️"} ${name}`, `${prefix}${day}`);
    if (index === 3) keyboard.row();
  });
  return keyboard.row().text(doneLabel, `${prefix}done`);
}
