// The mall's time zone, asked of core once: "today" in a date field is the mall's today.

import { commands } from "./api";

let zone: Promise<string> | null = null;

/** The mall's IANA zone; Beijing time until core has answered (or if it cannot). */
export function mallZone(): Promise<string> {
  zone ??= commands.mallGet().then(
    (m) => m.time_zone,
    () => "Asia/Shanghai",
  );
  return zone;
}
