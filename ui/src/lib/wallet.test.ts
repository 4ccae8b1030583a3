import { describe, expect, it } from "vitest";
import type { Coupon } from "./bindings";
import { plain, walletCard, zhe } from "./wallet";
import { SPEC } from "./fixtures.test-data";

const coupon = (provider: Coupon["provider"], over: Partial<Coupon["spec"]> = {}): Coupon => ({
  id: 1,
  revision: 1,
  changed_by: "",
  campaign_id: 1,
  offer_id: null,
  product: provider === "alipay" ? "alipay_voucher" : provider === "wechat_pay" ? "wechat_cash" : "unionpay",
  provider,
  max_discount: "30.00",
  spec: { ...SPEC, name: "女神节满减", face_value: "30.00", threshold: "200.00", ...over },
});

describe("wallet cards", () => {
  it("word amounts and discounts as the wallets do", () => {
    expect(plain("30.00")).toBe("30");
    expect(plain("19.90")).toBe("19.9");
    expect(zhe("88")).toBe("8.8折");
    expect(zhe("90")).toBe("9折");
    expect(zhe("65")).toBe("6.5折");
  });
  it("shows WeChat's card in the chosen colour and Alipay's X元代金券", () => {
    const colors = [{ name: "Color090", hex: "#dd6549" }];
    const w = walletCard(coupon("wechat_pay", { wallet_color: "Color090" }), "望京汇", colors);
    expect([w.style, w.value, w.rule, w.color, w.brand]).toEqual(["wechat", "¥30", "满200元可用", "#dd6549", "望京汇"]);
    expect(w.validity).toBe("2027.03.06-2027.03.09");
    const a = walletCard(coupon("alipay"), "望京汇", colors);
    expect([a.style, a.title, a.brand]).toEqual(["alipay", "30元代金券", "女神节满减"]);
    const u = walletCard(coupon("unionpay", { card_bins: ["62"] }), "望京汇", colors);
    expect(u.fine).toContain("62");
  });
});
