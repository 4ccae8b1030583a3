// How each wallet words a coupon. The wallets are Chinese apps, so this text is Chinese in
// every UI language; amounts are the spec's decimal strings, shown as typed (no float maths).

import type { Coupon, WalletColor } from "./bindings";

export type WalletCard = {
  style: "wechat" | "alipay" | "bank" | "member";
  app: string;
  brand: string;
  value: string;
  title: string;
  rule: string;
  validity: string;
  color: string;
  fine: string;
};

/** "30.00" → "30", "19.90" → "19.9". */
export function plain(amount: string): string {
  if (!amount.includes(".")) return amount;
  return amount.replace(/0+$/, "").replace(/\.$/, "");
}

/** "88" (percent paid) → "8.8折". */
export function zhe(payPercent: string): string {
  const n = plain(payPercent);
  const [int, frac = ""] = n.split(".");
  const digits = `${int.padStart(2, "0")}${frac}`.replace(/0+$/, "");
  return `${digits[0]}${digits.length > 1 ? `.${digits.slice(1)}` : ""}折`;
}

function validity(c: Coupon): string {
  const v = c.spec.validity;
  if (v.type === "absolute") {
    const d = (s: string) => s.slice(0, 10).replaceAll("-", ".");
    return `${d(v.start)}-${d(v.end)}`;
  }
  return v.wait_days > 0 ? `领取 ${v.wait_days} 天后生效，${v.days} 天内有效` : `领取后 ${v.days} 天内有效`;
}

export function walletCard(c: Coupon, mall: string, colors: WalletColor[]): WalletCard {
  const s = c.spec;
  const threshold = plain(s.threshold || "0");
  const rule = threshold === "0" ? "无门槛使用" : `满${threshold}元可用`;
  const value = (() => {
    switch (s.kind) {
      case "fixed":
        return `¥${plain(s.face_value)}`;
      case "discount":
        return zhe(s.pay_percent);
      case "exchange":
        return `¥${plain(s.price)}`;
      case "gift":
        return "赠品";
      case "points":
        return `${plain(s.multiplier)}倍积分`;
    }
  })();
  const capLine = s.kind === "discount" && s.cap ? `，最高减${plain(s.cap)}元` : "";
  const base = {
    brand: mall,
    value,
    rule: `${rule}${capLine}`,
    validity: validity(c),
    color: "",
    fine: s.description || "",
  };
  switch (c.provider) {
    case "wechat_pay": {
      const name = s.wallet_color || "Color020";
      return { ...base, style: "wechat", app: "微信支付 · 卡包", title: s.name, color: colors.find((x) => x.name === name)?.hex ?? "#2c9f67" };
    }
    case "alipay":
      return {
        ...base,
        style: "alipay",
        app: "支付宝 · 卡券",
        brand: s.name,
        title: s.kind === "fixed" ? `${plain(s.face_value)}元代金券` : s.name,
      };
    case "unionpay":
    case "bank_card":
      return {
        ...base,
        style: "bank",
        app: c.provider === "unionpay" ? "云闪付 · 优惠" : "银行卡优惠",
        title: s.name,
        fine: [s.card_bins.length ? `限 ${s.card_bins.join("、")} 开头的卡` : "", base.fine].filter(Boolean).join("；"),
      };
    default:
      return { ...base, style: "member", app: `${mall} · 会员中心`, title: s.name };
  }
}
