import { describe, expect, it } from "vitest";
import type { Group, Uplift } from "./bindings";
import { baselineDays, costPerRedemption, groupLabel, percent, providerColor, share, signedPercent } from "./stats";

const g = (trades: number, coupon: string, redemptions: number) =>
  ({ key: "x", trades, coupon, redemptions }) as Group;

describe("statistics display", () => {
  it("shows ratios as percentages", () => {
    expect(percent("0.6667")).toBe("66.67%");
    expect(percent("1")).toBe("100.00%");
    expect(percent("0.0006")).toBe("0.06%");
    expect(percent(null)).toBe("—");
  });
  it("computes shares and cost per redemption", () => {
    const groups = [g(3, "0", 0), g(1, "90.00", 3)];
    expect(share(groups[0], groups)).toBe("75.0%");
    expect(costPerRedemption(groups[1])).toBe("30.00");
    expect(costPerRedemption(g(1, "10.00", 3))).toBe("3.33");
    expect(costPerRedemption(groups[0])).toBeNull();
  });
  it("signs changes and counts baseline days", () => {
    expect(signedPercent("0.25")).toBe("+25.00%");
    expect(signedPercent("-0.1")).toBe("-10.00%");
    expect(signedPercent("2")).toBe("+200.00%");
    expect(baselineDays({ baseline_from: "2027-03-01", baseline_to: "2027-03-04" } as Uplift)).toBe(4);
  });
  it("colours a provider's group, and leaves an unknown key to the chart's default", () => {
    expect(providerColor("alipay")).toBe("#1677ff");
    expect(providerColor("paypal")).toBeUndefined();
    expect(providerColor("toString")).toBeUndefined();
  });
});

describe("group labels", () => {
  const t = (k: string, o?: Record<string, unknown>) => `${k}${o ? JSON.stringify(o) : ""}`;
  it("translates core's tags and keeps names", () => {
    expect(groupLabel("(unmatched) 1900012301", t)).toBe('stats.unmatchedStore{"id":"1900012301"}');
    expect(groupLabel("(unmatched) ", t)).toBe("stats.noStore");
    expect(groupLabel("(no coupon)", t)).toBe("stats.noCoupon");
    expect(groupLabel("Store 1", t)).toBe("Store 1");
  });
});
