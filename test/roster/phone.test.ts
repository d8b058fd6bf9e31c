import { describe, expect, it } from "vitest";
import { normalizePhone, normalizeTelegramPhone } from "../../src/roster/phone.js";

describe("a person's own phone", () => {
  it("When mobiles are written the ways people write them, then each becomes one E.164 number", () => {
    const written = ["13800138000", "138 0013 8000", "138-0013-8000", "+86 138 0013 8000", "0086 13800138000", "8613800138000", "(+86) 13800138000", "１３８ ００１３ ８０００"];
    expect(written.map(normalizePhone)).toEqual(written.map(() => "+8613800138000"));
    expect(normalizePhone("+44 7911 123456")).toBe("+447911123456");
    expect(normalizePhone("00 44 7911 123456")).toBe("+447911123456");
    expect(normalizePhone("+1 415 555 2671")).toBe("+14155552671");
  });

  it("When a number is no mobile, then it is refused", () => {
    const refused = [
      "1380013800", // 10 digits
      "138001380001", // 12 digits
      "12800138000", // no mainland mobile starts 12
      "0573-82345678", // a landline with its area code
      "+86 573 8234 5678", // the same, international
      "+13800138000", // a mainland mobile behind the wrong country code
      "447911123456", // another country without its +
      "+44 20 7946 0958", // a London landline
      "12345678901234567",
      "12",
      "not-a-phone",
      "",
    ];
    expect(refused.map((raw) => [raw, normalizePhone(raw)])).toEqual(refused.map((raw) => [raw, null]));
  });

  it("When Telegram shares a contact, then its digits with the country code are read as international", () => {
    expect(normalizeTelegramPhone("8613800138000")).toBe("+8613800138000");
    expect(normalizeTelegramPhone("+8613800138000")).toBe("+8613800138000");
    expect(normalizeTelegramPhone("447911123456")).toBe("+447911123456");
    expect(normalizeTelegramPhone("861380013800")).toBeNull();
  });
});
