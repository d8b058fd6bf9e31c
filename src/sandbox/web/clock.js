// The header's clock: the district's time, its speed and the jumps to a time of the night.

import { $, el, failed, post, state, words } from "./kit.js";

// Between the server's clock events (sent only on a jump or a change of speed) the header runs on
// by itself: at ×60 a minute passes every second.
let clockTicker;

export function showClock(clock) {
  state.timeZone = clock.timeZone;
  $("#clock-local").textContent = clock.local;
  const reading = { at: Date.parse(clock.now), received: performance.now(), speed: clock.speed };
  const format = new Intl.DateTimeFormat("sv-SE", { timeZone: clock.timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  clearInterval(clockTicker);
  clockTicker = setInterval(() => {
    const now = reading.at + (performance.now() - reading.received) * reading.speed;
    $("#clock-local").textContent = format.format(now);
  }, clock.speed > 1 ? 250 : 1000);
  $("#clock-speed").textContent = words().speed(clock.speed);
  for (const b of document.querySelectorAll("[data-speed]")) b.classList.toggle("on", Number(b.dataset.speed) === clock.speed);
  const presets = $("#clock-presets");
  if (presets.childElementCount === 0) {
    for (const to of clock.presets) {
      const b = el("button", { type: "button", textContent: to });
      b.dataset.jump = to;
      b.addEventListener("click", () => post("/clock/jump", { to }).then(showClock).catch(failed));
      presets.append(b);
    }
  }
}
