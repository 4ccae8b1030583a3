// The comparison across plazas as the Statistics screen lays it out: one column per plaza, and
// for the whole campaign and then each wallet the three figures core compares (交易额, 核销,
// 优惠金额). Amounts stay decimal strings; the screen formats them.
import { PROVIDERS } from "./bindings";
import type { PlazaComparison, Provider } from "./bindings";

/** One plaza's figures for one row; `null` when the plaza did not run the campaign. */
export type Figures = { order: string; redemptions: number; coupon: string } | null;

/** A row group: the campaign as a whole (`"total"`) or one wallet, with a cell per plaza. */
export type CompareRow = { wallet: Provider | "total"; cells: Figures[] };

const NONE = { order: "0", redemptions: 0, coupon: "0" };

/**
 * The rows of the comparison: the total first, then every wallet any plaza took payments with,
 * in the providers' order. A plaza that ran the campaign without a wallet's trades shows zeros
 * for it; one that did not run the campaign shows nothing.
 */
export function comparisonRows(c: PlazaComparison): CompareRow[] {
  const used = new Set(c.columns.flatMap((col) => col.wallets.map((w) => w.provider)));
  const total: CompareRow = {
    wallet: "total",
    cells: c.columns.map((col) =>
      col.total ? { order: col.total.order, redemptions: col.total.redemptions, coupon: col.total.coupon } : null,
    ),
  };
  const wallets = PROVIDERS.filter((p) => used.has(p)).map((provider) => ({
    wallet: provider,
    cells: c.columns.map((col): Figures => {
      if (col.campaign_id === null) return null;
      const w = col.wallets.find((x) => x.provider === provider);
      return w ? { order: w.order, redemptions: w.redemptions, coupon: w.coupon } : NONE;
    }),
  }));
  return [total, ...wallets];
}

/** The campaign names a comparison can start from: each name once, in the list's order. */
export function campaignNames(campaigns: { name: string }[]): string[] {
  return [...new Set(campaigns.map((c) => c.name))];
}

/** A file name for the CSV, without the characters file systems refuse. */
export function csvFileName(title: string): string {
  return `${title.replace(/[\\/:*?"<>|]+/g, "_").trim() || "plazas"}.csv`;
}
