import { describe, expect, it } from "vitest";
import type { FixAt } from "./bindings";
import { SCREENS, fixRoute, navScreen, remember, routeForScreen, routeForScreenKey, type Handed, type Route } from "./route";

describe("Alt+1 … Alt+8", () => {
  it("follow the sidebar's order", () => {
    expect(["1", "2", "3", "4", "5", "6", "7", "8"].map((k) => routeForScreenKey(k, {})?.screen)).toEqual([...SCREENS]);
    expect(routeForScreenKey("2", {})).toEqual({ screen: "campaigns", open: null });
    expect(routeForScreenKey("5", {})).toEqual({ screen: "statistics", campaign: null });
  });
  it("leave every other key alone", () => {
    for (const key of ["0", "9", "10", "a", "", " 1", "１"]) expect(routeForScreenKey(key, {})).toBeNull();
  });
});

describe("the sidebar", () => {
  it("opens the campaign list with no editor open", () => {
    expect(routeForScreen("campaigns", {})).toEqual({ screen: "campaigns", open: null });
  });
  it("opens plain screens as they are", () => {
    for (const s of ["calendar", "import", "stores", "settings"] as const) expect(routeForScreen(s, {})).toEqual({ screen: s });
  });
  it("opens a single-campaign screen on the campaign it was last handed", () => {
    let handed: Handed = {};
    handed = remember(handed, { screen: "statistics", campaign: 7 });
    handed = remember(handed, { screen: "calendar" });
    handed = remember(handed, { screen: "coupons", campaign: 3 });
    expect(routeForScreen("statistics", handed)).toEqual({ screen: "statistics", campaign: 7 });
    expect(routeForScreen("coupons", handed)).toEqual({ screen: "coupons", campaign: 3 });
    expect(routeForScreen("reports", handed)).toEqual({ screen: "reports", campaign: null });
    // The sidebar's own route, with no campaign, does not forget the handed one.
    expect(remember(handed, { screen: "reports", campaign: null })).toBe(handed);
  });
  it("does not reopen the campaign editor or the launch checks", () => {
    const handed = remember(remember({}, { screen: "campaigns", open: 4 }), { screen: "launch", campaign: 4 });
    expect(handed).toEqual({});
    expect(routeForScreen("campaigns", handed)).toEqual({ screen: "campaigns", open: null });
  });
});

describe("fix links from the launch checklist", () => {
  it("go to the campaign's editor, its coupons, or the screen named", () => {
    const cases: [FixAt, Route][] = [
      ["campaign", { screen: "campaigns", open: 9 }],
      ["coupons", { screen: "coupons", campaign: 9 }],
      ["stores", { screen: "stores" }],
      ["settings", { screen: "settings" }],
      ["calendar", { screen: "calendar" }],
    ];
    for (const [at, route] of cases) expect(fixRoute(at, 9)).toEqual(route);
  });
});

describe("the current sidebar item", () => {
  it("is the route's screen, and the campaign page's for the launch checks", () => {
    expect(navScreen({ screen: "stores" })).toBe("stores");
    expect(navScreen({ screen: "reports", campaign: 2 })).toBe("reports");
    expect(navScreen({ screen: "launch", campaign: 2 })).toBe("campaigns");
  });
});
