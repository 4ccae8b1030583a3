import { describe, expect, it } from "vitest";
import type { Kpis, PlazaColumn, PlazaComparison } from "./bindings";
import { campaignNames, comparisonRows, csvFileName } from "./plaza";

const column = (id: number, name: string, ran: boolean, wallets: PlazaColumn["wallets"], order = "0"): PlazaColumn => ({
  plaza: { id, name, time_zone: "Asia/Shanghai", current: id === 1 },
  campaign_id: ran ? id * 10 : null,
  campaign_name: ran ? "3.8女神节" : null,
  total: ran ? ({ order, redemptions: wallets.reduce((n, w) => n + w.redemptions, 0), coupon: "30.00" } as Kpis) : null,
  wallets,
});

describe("the comparison across plazas", () => {
  const c: PlazaComparison = {
    campaign: "3.8女神节",
    columns: [
      column(1, "朝阳广场", true, [
        { provider: "alipay", order: "200.00", redemptions: 1, coupon: "10.00" },
        { provider: "wechat_pay", order: "300.00", redemptions: 2, coupon: "20.00" },
      ], "500.00"),
      column(2, "海淀广场", true, [{ provider: "member_card", order: "80.00", redemptions: 0, coupon: "0.00" }], "80.00"),
      column(3, "通州广场", false, []),
    ],
  };
  const rows = comparisonRows(c);

  it("starts with the total, then every wallet any plaza used, in the providers' order", () => {
    expect(rows.map((r) => r.wallet)).toEqual(["total", "wechat_pay", "alipay", "member_card"]);
    expect(rows[0].cells.map((f) => f?.order ?? null)).toEqual(["500.00", "80.00", null]);
    expect(rows[0].cells[0]?.redemptions).toBe(3);
  });

  it("shows zeros for a wallet a plaza had no trades with, nothing where it did not run the campaign", () => {
    const wechat = rows[1].cells;
    expect(wechat[0]).toEqual({ order: "300.00", redemptions: 2, coupon: "20.00" });
    expect(wechat[1]).toEqual({ order: "0", redemptions: 0, coupon: "0" });
    expect(wechat[2]).toBeNull();
  });

  it("offers each campaign name once and names the file safely", () => {
    expect(campaignNames([{ name: "3.8女神节" }, { name: "双11" }, { name: "3.8女神节" }])).toEqual(["3.8女神节", "双11"]);
    expect(csvFileName("广场对比 - 3.8/女神节")).toBe("广场对比 - 3.8_女神节.csv");
  });
});
