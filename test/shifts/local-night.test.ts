import { describe, expect, it } from "vitest";
import { localNight } from "../../src/shifts/night.js";

describe("localNight", () => {
  it("When an instant is just before or at local midnight, then it is that local date, asked again or not", () => {
    // Midnight in Shanghai (UTC+8) is 16:00 UTC.
    for (let pass = 0; pass < 2; pass++) {
      expect(localNight(new Date("2027-06-01T15:59:59.999Z"), "Asia/Shanghai")).toBe("2027-06-01");
      expect(localNight(new Date("2027-06-01T16:00:00Z"), "Asia/Shanghai")).toBe("2027-06-02");
      expect(localNight(new Date("2027-06-01T16:14:59Z"), "Asia/Shanghai")).toBe("2027-06-02");
    }
  });

  it("When the zone changes its offset for summer or has a quarter-hour offset, then the date follows it", () => {
    // London moves to UTC+1 at 01:00 UTC on 28 March 2027: 23:30 UTC that night is already the 29th locally.
    expect(localNight(new Date("2027-03-28T22:59:59Z"), "Europe/London")).toBe("2027-03-28");
    expect(localNight(new Date("2027-03-28T23:00:00Z"), "Europe/London")).toBe("2027-03-29");
    expect(localNight(new Date("2027-03-27T23:30:00Z"), "Europe/London")).toBe("2027-03-27");
    // Kathmandu is UTC+5:45: its midnight is 18:15 UTC.
    expect(localNight(new Date("2027-06-01T18:14:59Z"), "Asia/Kathmandu")).toBe("2027-06-01");
    expect(localNight(new Date("2027-06-01T18:15:00Z"), "Asia/Kathmandu")).toBe("2027-06-02");
    // The same instant in two zones is kept apart.
    expect(localNight(new Date("2027-06-01T16:30:00Z"), "Asia/Shanghai")).toBe("2027-06-02");
    expect(localNight(new Date("2027-06-01T16:30:00Z"), "Europe/London")).toBe("2027-06-01");
  });
});
