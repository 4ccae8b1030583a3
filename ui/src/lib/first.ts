// Home's first overview, asked for together with `appInfo` when the app starts rather than after
// it: the two answers come back in parallel, and the home screen takes this one when it mounts.
// Later mounts (after the demo loads, coming back to Home) ask afresh.

import { commands } from "./api";
import type { HomeOverview } from "./bindings";

let first: Promise<HomeOverview> | null = null;

/** Starts the first overview read. */
export function askHomeEarly(): void {
  first = commands.homeOverview();
  // Not a lost rejection when nothing takes it (the database did not open): whoever takes it
  // still sees the error.
  first.catch(() => {});
}

/** The overview asked for at start, once; afterwards a fresh read. */
export function takeHomeOverview(): Promise<HomeOverview> {
  const early = first;
  first = null;
  return early ?? commands.homeOverview();
}
