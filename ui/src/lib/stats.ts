// Display helpers for statistics. Figures arrive as exact decimal strings from core; they are
// turned into numbers only to draw charts, never to compute a figure shown as money.

import { PROVIDERS } from "./bindings";
import type { Group, Provider, Uplift } from "./bindings";

/** "0.6667" → "66.67%"; null → "—". */
export function percent(ratio: string | null): string {
  if (ratio === null) return "—";
  const [int, frac = ""] = ratio.split(".");
  const digits = `${int}${frac.padEnd(4, "0")}`.replace(/^(-?)0+(?=\d{3})/, "$1");
  const whole = digits.slice(0, -2) || "0";
  return `${whole}.${digits.slice(-2)}%`;
}

/** A group's share of all payments, as a percentage with one decimal. */
export function share(group: Group, groups: Group[]): string {
  const total = groups.reduce((n, g) => n + g.trades, 0);
  if (total === 0) return "—";
  return `${((group.trades * 1000) / total / 10).toFixed(1)}%`;
}

/** Discount per redemption, as a decimal string rounded to the fen by string arithmetic. */
export function costPerRedemption(group: Group): string | null {
  if (group.redemptions === 0) return null;
  const [int, frac = ""] = group.coupon.split(".");
  const fen = BigInt(int) * 100n + BigInt(frac.padEnd(2, "0").slice(0, 2));
  const n = BigInt(group.redemptions);
  const q = (fen * 10n + n * 5n) / (n * 10n);
  return `${q / 100n}.${(q % 100n).toString().padStart(2, "0")}`;
}

/** For charts only. */
export function chartNumber(value: string): number {
  return Number(value);
}

/** A change ratio "0.25" → "+25.00%", "-0.1" → "-10.00%". */
export function signedPercent(ratio: string): string {
  const shown = percent(ratio);
  return ratio.startsWith("-") ? shown : `+${shown}`;
}

/** How many days the uplift's baseline covers (its dates are inclusive local dates). */
export function baselineDays(uplift: Uplift): number {
  return Math.round((Date.parse(uplift.baseline_to) - Date.parse(uplift.baseline_from)) / 86_400_000) + 1;
}

/** Each wallet in its brand colour, so a provider looks the same in every chart. */
export const PROVIDER_COLORS: Readonly<Record<Provider, string>> = {
  wechat_pay: "#07c160",
  alipay: "#1677ff",
  unionpay: "#d7000f",
  bank_card: "#8d6e63",
  member_card: "#c2185b",
};

/** The colour of a group keyed by provider; none for a key core might add later. */
export function providerColor(key: string): string | undefined {
  const provider = PROVIDERS.find((p) => p === key);
  return provider && PROVIDER_COLORS[provider];
}

/**
 * A group key for people: core marks stores it could not match and coupons it could not
 * attribute with fixed English tags; these are translated here.
 */
export function groupLabel(key: string, t: (k: string, o?: Record<string, unknown>) => string): string {
  if (key === "(unmatched) ") return t("stats.noStore");
  if (key.startsWith("(unmatched) ")) return t("stats.unmatchedStore", { id: key.slice("(unmatched) ".length) });
  if (key === "(unattributed)") return t("stats.unattributed");
  if (key === "(no coupon)") return t("stats.noCoupon");
  return key;
}
