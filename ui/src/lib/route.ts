// Where the main area is, as one value: the screen and whatever it was opened with. Screens
// reach each other by asking App for a route; nothing else remembers "what to open next".

import type { FixAt, Goto } from "./bindings";

/** The sidebar's screens, in its order; Alt+1 … Alt+9 follow it and Alt+0 is the tenth. */
export const SCREENS = [
  "home", "calendar", "campaigns", "launch", "coupons", "import", "statistics", "reports", "stores", "settings",
] as const;
export type Screen = (typeof SCREENS)[number];

/** The screens that show one campaign at a time, chosen in their own picker. */
export type CampaignScreen = "coupons" | "statistics" | "reports" | "launch";

export type Route =
  | { screen: "home" | "calendar" | "import" | "stores" | "settings" }
  | {
      screen: "campaigns";
      /** The campaign to open in the editor beside the list. */
      open: number | null;
    }
  | {
      /** Preview & launch is one of them: from the sidebar it opens on the next campaign. */
      screen: CampaignScreen;
      /** The campaign to show first; null lets the screen pick. */
      campaign: number | null;
    };

/**
 * The campaign each single-campaign screen was last opened on from another screen. The
 * sidebar opens those screens on it again, as it did before routes: leaving Statistics for
 * a moment does not lose the campaign the campaign page sent it.
 */
export type Handed = Readonly<Partial<Record<CampaignScreen, number>>>;

const isCampaignScreen = (s: Screen): s is CampaignScreen =>
  s === "coupons" || s === "statistics" || s === "reports" || s === "launch";

/** The route the sidebar opens for a screen. */
export function routeForScreen(screen: Screen, handed: Handed): Route {
  if (screen === "campaigns") return { screen, open: null };
  if (isCampaignScreen(screen)) return { screen, campaign: handed[screen] ?? null };
  return { screen };
}

/** The route for Alt+`key`: "1" is the first screen of the sidebar, "0" the tenth. */
export function routeForScreenKey(key: string, handed: Handed): Route | null {
  if (!/^[0-9]$/.test(key)) return null;
  const index = key === "0" ? 9 : Number(key) - 1;
  return index < SCREENS.length ? routeForScreen(SCREENS[index], handed) : null;
}

/** The key shown beside a sidebar item: Alt+1 … Alt+9, then Alt+0. */
export function screenKey(index: number): string {
  return index === 9 ? "0" : String(index + 1);
}

/** Where a launch-checklist item's "fix" link goes, for campaign `id`. */
export function fixRoute(at: FixAt, id: number): Route {
  if (at === "campaign") return { screen: "campaigns", open: id };
  if (at === "coupons") return { screen: "coupons", campaign: id };
  return { screen: at };
}

/** Where a home-screen item is dealt with, for campaign `id`. */
export function gotoRoute(goto: Goto, id: number): Route {
  if (goto === "campaign") return { screen: "campaigns", open: id };
  if (goto === "import") return { screen: "import" };
  return { screen: goto, campaign: id };
}

/** The sidebar item shown as current. */
export function navScreen(route: Route): Screen {
  return route.screen;
}

/** `handed` after going to `route`. */
export function remember(handed: Handed, route: Route): Handed {
  if (route.screen === "coupons" || route.screen === "statistics" || route.screen === "reports") {
    if (route.campaign !== null) return { ...handed, [route.screen]: route.campaign };
  }
  return handed;
}
