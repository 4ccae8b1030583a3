// Where the main area is, as one value: the screen and whatever it was opened with. Screens
// reach each other by asking App for a route; nothing else remembers "what to open next".

import type { FixAt } from "./bindings";

/** The sidebar's screens, in its order; Alt+1 … Alt+8 follow it. */
export const SCREENS = [
  "calendar", "campaigns", "coupons", "import", "statistics", "reports", "stores", "settings",
] as const;
export type Screen = (typeof SCREENS)[number];

/** The screens that show one campaign at a time, chosen in their own picker. */
export type CampaignScreen = "coupons" | "statistics" | "reports";

export type Route =
  | { screen: "calendar" | "import" | "stores" | "settings" }
  | {
      screen: "campaigns";
      /** The campaign to open in the editor beside the list. */
      open: number | null;
    }
  | {
      screen: CampaignScreen;
      /** The campaign to show first; null lets the screen pick. */
      campaign: number | null;
    }
  | {
      /** A campaign's launch checks, filling the main area; reached from the campaign page. */
      screen: "launch";
      campaign: number;
    };

/**
 * The campaign each single-campaign screen was last opened on from another screen. The
 * sidebar opens those screens on it again, as it did before routes: leaving Statistics for
 * a moment does not lose the campaign the campaign page sent it.
 */
export type Handed = Readonly<Partial<Record<CampaignScreen, number>>>;

const isCampaignScreen = (s: Screen): s is CampaignScreen =>
  s === "coupons" || s === "statistics" || s === "reports";

/** The route the sidebar opens for a screen. */
export function routeForScreen(screen: Screen, handed: Handed): Route {
  if (screen === "campaigns") return { screen, open: null };
  if (isCampaignScreen(screen)) return { screen, campaign: handed[screen] ?? null };
  return { screen };
}

/** The route for Alt+`key`: "1" is the first screen of the sidebar; other keys have none. */
export function routeForScreenKey(key: string, handed: Handed): Route | null {
  if (!/^[1-8]$/.test(key)) return null;
  return routeForScreen(SCREENS[Number(key) - 1], handed);
}

/** Where a launch-checklist item's "fix" link goes, for campaign `id`. */
export function fixRoute(at: FixAt, id: number): Route {
  if (at === "campaign") return { screen: "campaigns", open: id };
  if (at === "coupons") return { screen: "coupons", campaign: id };
  return { screen: at };
}

/** The sidebar item shown as current: the launch checks belong to the campaign page. */
export function navScreen(route: Route): Screen {
  return route.screen === "launch" ? "campaigns" : route.screen;
}

/** `handed` after going to `route`. */
export function remember(handed: Handed, route: Route): Handed {
  if (route.screen === "coupons" || route.screen === "statistics" || route.screen === "reports") {
    if (route.campaign !== null) return { ...handed, [route.screen]: route.campaign };
  }
  return handed;
}
