import { describe, expect, it } from "vitest";
import type { Group, Uplift } from "./bindings";
import { baselineDays, costPerRedemption, distinctKeys, groupId, groupLabel, everyDay, groupProvider, percent, share, signedPercent, wallets, yuanAxis } from "./stats";

const g = (trades: number, coupon: string, redemptions: number) =>
  ({ key: { kind: "no_coupon" }, trades, coupon, redemptions }) as Group;

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
});

describe("group keys", () => {
  const t = (k: string, o?: Record<string, unknown>) => `${k}${o ? JSON.stringify(o) : ""}`;
  it("translates the groups core could not name and keeps names", () => {
    expect(groupLabel({ kind: "unmatched", merchant_id: "1900012301" }, t)).toBe('stats.unmatchedStore{"id":"1900012301"}');
    expect(groupLabel({ kind: "no_merchant" }, t)).toBe("stats.noStore");
    expect(groupLabel({ kind: "no_coupon" }, t)).toBe("stats.noCoupon");
    expect(groupLabel({ kind: "unattributed" }, t)).toBe("stats.unattributed");
    expect(groupLabel({ kind: "store", id: 1, name: "Store 1" }, t)).toBe("Store 1");
    expect(groupLabel({ kind: "provider", provider: "alipay" }, t)).toBe("provider.alipay");
    expect(groupLabel({ kind: "day", date: "2027-03-07" }, t)).toBe("2027-03-07");
    expect(groupLabel({ kind: "hour", hour: 9 }, t)).toBe("09");
  });
  it("keeps a store named like a special group a store", () => {
    expect(groupLabel({ kind: "store", id: 2, name: "(no coupon)" }, t)).toBe("(no coupon)");
    expect(groupLabel({ kind: "coupon", name: "(unmatched) 1" }, t)).toBe("(unmatched) 1");
    expect(groupId({ kind: "store", id: 2, name: "(no coupon)" })).not.toBe(groupId({ kind: "no_coupon" }));
  });
  it("merges the stores of several wallets in core's order", () => {
    const keys = distinctKeys([
      { kind: "unmatched", merchant_id: "9" },
      { kind: "store", id: 2, name: "B" },
      { kind: "no_merchant" },
      { kind: "store", id: 1, name: "A" },
      { kind: "store", id: 2, name: "B" },
    ]);
    expect(keys.map(groupId)).toEqual(["store:1", "store:2", "unmatched:9", "no_merchant"]);
  });
  it("gives a provider group's provider", () => {
    expect(groupProvider({ kind: "provider", provider: "wechat_pay" })).toBe("wechat_pay");
    expect(groupProvider({ kind: "no_coupon" })).toBeNull();
    const byProvider = (provider: "alipay" | "wechat_pay") => ({ key: { kind: "provider", provider } }) as Group;
    expect(wallets([byProvider("wechat_pay"), g(1, "0", 0), byProvider("alipay")])).toEqual(["wechat_pay", "alipay"]);
  });
});

describe("charts", () => {
  const day = (date: string, order: string) => ({ key: { kind: "day", date }, order }) as unknown as Group;
  it("puts every day of the range on the axis, zero where nothing was sold", () => {
    const days = everyDay([day("2027-03-07", "10.00"), day("2027-03-09", "5.50")], (g) => Number(g.order), "2027-03-06", "2027-03-09");
    expect(days).toEqual([
      { day: "2027-03-06", value: 0 },
      { day: "2027-03-07", value: 10 },
      { day: "2027-03-08", value: 0 },
      { day: "2027-03-09", value: 5.5 },
    ]);
  });
  it("bounds an open range by the days with trades, across a month end", () => {
    const days = everyDay([day("2027-02-27", "1"), day("2027-03-02", "2")], (g) => Number(g.order));
    expect(days.map((d) => d.day)).toEqual(["2027-02-27", "2027-02-28", "2027-03-01", "2027-03-02"]);
  });
  it("labels money axes in yuan", () => {
    expect(yuanAxis(1200)).toBe("¥1,200");
  });
});
