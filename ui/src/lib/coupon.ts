// Coupon helpers for screens: a blank spec, grouping coupons into offers, and the one-line
// description of what a coupon gives. The amounts stay decimal strings throughout.

import type { Coupon, CouponSpec, Product } from "./bindings";
import { formatCny } from "./format";

export const PRODUCTS: Product[] = [
  "wechat_cash",
  "wechat_merchant",
  "alipay_voucher",
  "alipay_order_voucher",
  "unionpay",
  "bank_card",
  "member_card",
];

/** A new 满减 spec valid through the campaign. */
export function blankSpec(start: string, end: string): CouponSpec {
  return {
    name: "", bill_name: "", description: "", kind: "fixed", face_value: "", threshold: "",
    pay_percent: "", cap: "", price: "", original_price: "", multiplier: "", quantity: 1000,
    per_user_limit: 1, per_user_period: "campaign", daily_cap: 0,
    validity: { type: "absolute", start, end }, time_slots: [], store_ids: [],
    funding: { mall: "100", tenant: "0", provider: "0" },
    stacking: { exclusive: false, stackable_with: [], priority: 0 }, provider_ref: "", card_bins: [],
    wallet_color: "",
  };
}

/** Coupons of one offer stay together; a coupon without an offer is its own group. */
export function groupOffers(coupons: Coupon[]): Coupon[][] {
  const groups = new Map<string, Coupon[]>();
  for (const c of coupons) {
    const key = c.offer_id === null ? `c${c.id}` : `o${c.offer_id}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...groups.values()];
}

/** Arguments for the "value" message of a coupon, amounts formatted as ¥. */
export function valueArgs(s: CouponSpec): { key: string; args: Record<string, string> } {
  const zero = (v: string) => v === "" || /^0*(\.0*)?$/.test(v);
  switch (s.kind) {
    case "fixed":
      return zero(s.threshold)
        ? { key: "coupons.valueNoThreshold", args: { face: formatCny(s.face_value) } }
        : { key: "coupons.valueFixed", args: { face: formatCny(s.face_value), threshold: formatCny(s.threshold) } };
    case "discount":
      return {
        key: "coupons.valueDiscount",
        args: { pay: s.pay_percent, zhe: tenths(s.pay_percent), cap: s.cap ? formatCny(s.cap) : "—" },
      };
    case "exchange":
      return { key: "coupons.valueExchange", args: { price: formatCny(s.price), original: formatCny(s.original_price) } };
    case "gift":
      return { key: "coupons.valueGift", args: { face: formatCny(s.face_value) } };
    case "points":
      return { key: "coupons.valuePoints", args: { multiplier: s.multiplier } };
  }
}

/** 88 → "8.8" (折), by moving the decimal point in the string. */
export function tenths(percent: string): string {
  const [int, frac = ""] = percent.trim().split(".");
  const head = int.slice(0, -1) || "0";
  const tail = (int.slice(-1) + frac).replace(/0+$/, "");
  return tail ? `${head}.${tail}` : head;
}
