// Coupon helpers for screens: grouping coupons into offers, and the one-line
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

/**
 * The problems of the live check worth showing now: those of fields the user has changed from
 * the spec the form opened with, and those of anything that is not a form field (the wallets,
 * the budget). A form does not greet its user with "enter a name" before a key is pressed; a
 * save shows everything.
 */
export function problemsToShow<P extends { field: string }>(problems: P[], initial: CouponSpec, current: CouponSpec): P[] {
  const changed = (field: string) =>
    JSON.stringify((initial as Record<string, unknown>)[field]) !== JSON.stringify((current as Record<string, unknown>)[field]);
  return problems.filter((p) => !(p.field in current) || changed(p.field));
}
