import type { HttpMount } from "../../http/server.js";
import type { SandboxClock } from "../clock.js";
import type { SandboxDirectory } from "../directory.js";
import type { FakeTelegram } from "../telegram/index.js";
import { actionRoutes } from "./action-routes.js";
import { clockRoutes } from "./clock-routes.js";
import { eventRoutes } from "./events.js";
import { dispatch, type Route } from "./http-kit.js";
import { servePage } from "./page.js";
import { readRoutes } from "./read-routes.js";

export interface SandboxApiDeps {
  telegram: FakeTelegram;
  directory: SandboxDirectory;
  clock: SandboxClock;
  /** After a jump or a change of speed: the scheduler catches up and the outbox looks again. */
  clockChanged: () => void;
}

/** What the sandbox adds to the app's HTTP server: the page at /, and the JSON API under /sandbox/api/. */
export function sandboxMounts(deps: SandboxApiDeps): HttpMount[] {
  const routes: Route[] = [
    ...readRoutes(deps),
    ...actionRoutes(deps),
    ...eventRoutes(deps.telegram, deps.clock),
    ...clockRoutes(deps.clock, deps.clockChanged),
  ];
  return [
    { path: "/", handle: servePage },
    { path: "/sandbox/web", subtree: true, handle: servePage },
    { path: "/sandbox/api", subtree: true, handle: (req, res) => dispatch(routes, req, res) },
  ];
}
