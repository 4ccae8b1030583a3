// Display helpers for statistics. Figures arrive as exact decimal strings from core; they are
// turned into numbers only to draw charts, never to compute a figure shown as money.

import type { Group, GroupKey, Provider, Uplift } from "./bindings";

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

/** Each wallet's colour comes from the Rust side, the same as in the reports. */
export { PROVIDER_COLORS } from "./bindings";

/**
 * Every day from `from` to `to` (local dates, inclusive) with the groups' value on it and 0 on
 * days without trades, so a chart never joins two distant days as if the days between did not
 * exist. Without bounds, the first and last day with trades bound it. Spans longer than ten
 * years are left as they are.
 */
export function everyDay(groups: Group[], value: (g: Group) => number, from?: string | null, to?: string | null): { day: string; value: number }[] {
  const known = new Map<string, number>();
  for (const g of groups) if (g.key.kind === "day") known.set(g.key.date, value(g));
  const dates = [...known.keys()].sort();
  const first = from || dates[0];
  const last = to || dates[dates.length - 1];
  if (!first || !last) return [];
  const start = Date.parse(`${first}T00:00:00Z`);
  const end = Date.parse(`${last}T00:00:00Z`);
  const span = (end - start) / 86_400_000;
  if (!(span >= 0) || span > 3660) return dates.map((day) => ({ day, value: known.get(day) ?? 0 }));
  return Array.from({ length: span + 1 }, (_, i) => {
    const day = new Date(start + i * 86_400_000).toISOString().slice(0, 10);
    return { day, value: known.get(day) ?? 0 };
  });
}

/** An axis label in yuan: ¥1,200. */
export function yuanAxis(value: number): string {
  return `¥${value.toLocaleString("en-US")}`;
}

/** A group's key for people: names as they are, the groups core could not name translated. */
export function groupLabel(key: GroupKey, t: (k: string, o?: Record<string, unknown>) => string): string {
  switch (key.kind) {
    case "provider": return t(`provider.${key.provider}`);
    case "store": case "coupon": return key.name;
    case "unmatched": return t("stats.unmatchedStore", { id: key.merchant_id });
    case "no_merchant": return t("stats.noStore");
    case "day": return key.date;
    case "hour": return String(key.hour).padStart(2, "0");
    case "unattributed": return t("stats.unattributed");
    case "no_coupon": return t("stats.noCoupon");
  }
}

/** A group key as one string that tells groups apart, for keyed lists and chart series. */
export function groupId(key: GroupKey): string {
  switch (key.kind) {
    case "provider": return `provider:${key.provider}`;
    case "store": return `store:${key.id}`;
    case "unmatched": return `unmatched:${key.merchant_id}`;
    case "day": return `day:${key.date}`;
    case "hour": return `hour:${key.hour}`;
    case "coupon": return `coupon:${key.name}`;
    default: return key.kind;
  }
}

/** The distinct keys of several groupings, in core's order: named groups by name, then the rest. */
export function distinctKeys(keys: GroupKey[]): GroupKey[] {
  const rank = (k: GroupKey) => ["provider", "store", "unmatched", "no_merchant", "day", "hour", "coupon", "unattributed", "no_coupon"].indexOf(k.kind);
  const text = (k: GroupKey) => ("name" in k ? k.name : groupId(k));
  const unique = [...new Map(keys.map((k) => [groupId(k), k])).values()];
  return unique.sort((a, b) => rank(a) - rank(b) || (text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0));
}

/** The providers of groups by provider, in their order. */
export function wallets(groups: Group[]): Provider[] {
  return groups.flatMap((g) => (g.key.kind === "provider" ? [g.key.provider] : []));
}

/** The provider of a group by provider (null for any other key). */
export function groupProvider(key: GroupKey): Provider | null {
  return key.kind === "provider" ? key.provider : null;
}
