// Merchant ids: which kinds of id each provider has, and the Stores form's view of the
// problems core reports on them. Types come from bindings.ts; this mirrors
// `MerchantIdKind::for_provider` in core (the first kind is the one bills print on every row).

import { PROVIDERS } from "./bindings";
import type { IpcError, MerchantAccount, MerchantIdKind, Problem, Provider } from "./bindings";

/** The kinds of id each provider has; the first is the default. */
export const MERCHANT_KINDS: Readonly<Record<Provider, readonly MerchantIdKind[]>> = {
  wechat_pay: ["sub_mch_id", "mch_id"],
  alipay: ["store_id", "pid"],
  unionpay: ["merchant_no", "terminal"],
  bank_card: ["merchant_no", "terminal"],
  member_card: ["pos_code"],
};

/** The rule core reports when another store holds the id. */
export const TAKEN = "store.merchant_id_taken";

export function isProvider(key: string): key is Provider {
  return PROVIDERS.some((p) => p === key);
}

export function kindsFor(provider: Provider): readonly MerchantIdKind[] {
  return MERCHANT_KINDS[provider];
}

/** The kind a provider's bills print on every row. */
export function defaultKind(provider: Provider): MerchantIdKind {
  return MERCHANT_KINDS[provider][0];
}

export function blankAccount(provider: Provider = "wechat_pay"): MerchantAccount {
  return { provider, kind: defaultKind(provider), merchant_id: "" };
}

/** The account moved to another provider, keeping its kind only where that provider has it. */
export function withProvider(account: MerchantAccount, provider: Provider): MerchantAccount {
  const kind = kindsFor(provider).includes(account.kind) ? account.kind : defaultKind(provider);
  return { ...account, provider, kind };
}

/** Problems on `merchant_ids.N`, by N. */
export function problemsByRow(err: IpcError | null): Map<number, Problem[]> {
  const rows = new Map<number, Problem[]>();
  for (const p of err?.problems ?? []) {
    const m = /^merchant_ids\.(\d+)$/.exec(p.field);
    if (!m) continue;
    const n = Number(m[1]);
    rows.set(n, [...(rows.get(n) ?? []), p]);
  }
  return rows;
}

/** Saving failed only because other stores hold some ids: moving them is the one fix. */
export function onlyTaken(err: IpcError | null): boolean {
  return !!err && err.problems.length > 0 && err.problems.every((p) => p.rule === TAKEN);
}

