import { describe, expect, it } from "vitest";
import type { FixAt, Goto } from "./bindings";
import { SCREENS, fixRoute, gotoRoute, navScreen, remember, routeForScreen, routeForScreenKey, screenKey, type Handed, type Route } from "./route";

describe("Alt+1 … Alt+9, Alt+0", () => {
  it("follow the sidebar's order, home first", () => {
    const keys = SCREENS.map((_, i) => screenKey(i));
    expect(keys).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9", "0"]);
    expect(keys.map((k) => routeForScreenKey(k, {})?.screen)).toEqual([...SCREENS]);
    expect(routeForScreenKey("1", {})).toEqual({ screen: "home" });
    expect(routeForScreenKey("3", {})).toEqual({ screen: "campaigns", open: null });
    expect(routeForScreenKey("4", {})).toEqual({ screen: "launch", campaign: null });
    expect(routeForScreenKey("7", {})).toEqual({ screen: "statistics", campaign: null });
    expect(routeForScreenKey("0", {})).toEqual({ screen: "settings" });
  });
  it("leave every other key alone", () => {
    for (const key of ["10", "a", "", " 1", "１"]) expect(routeForScreenKey(key, {})).toBeNull();
  });
});

describe("the sidebar", () => {
  it("opens the campaign list with no editor open", () => {
    expect(routeForScreen("campaigns", {})).toEqual({ screen: "campaigns", open: null });
  });
  it("opens plain screens as they are", () => {
    for (const s of ["home", "calendar", "import", "stores", "settings"] as const) expect(routeForScreen(s, {})).toEqual({ screen: s });
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
  it("does not reopen the campaign editor, and opens Preview & launch on the next campaign", () => {
    const handed = remember(remember({}, { screen: "campaigns", open: 4 }), { screen: "launch", campaign: 4 });
    expect(handed).toEqual({});
    expect(routeForScreen("campaigns", handed)).toEqual({ screen: "campaigns", open: null });
    expect(routeForScreen("launch", handed)).toEqual({ screen: "launch", campaign: null });
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

describe("home-screen links", () => {
  it("go to the campaign's editor, its Preview & launch, its coupons, or the Import screen", () => {
    const cases: [Goto, Route][] = [
      ["campaign", { screen: "campaigns", open: 5 }],
      ["launch", { screen: "launch", campaign: 5 }],
      ["coupons", { screen: "coupons", campaign: 5 }],
      ["import", { screen: "import" }],
    ];
    for (const [goto, route] of cases) expect(gotoRoute(goto, 5)).toEqual(route);
  });
});

describe("the current sidebar item", () => {
  it("is the route's screen, Preview & launch its own", () => {
    expect(navScreen({ screen: "stores" })).toBe("stores");
    expect(navScreen({ screen: "reports", campaign: 2 })).toBe("reports");
    expect(navScreen({ screen: "launch", campaign: 2 })).toBe("launch");
  });
});
