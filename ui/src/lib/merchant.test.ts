import { describe, expect, it } from "vitest";
import { PROVIDERS } from "./bindings";
import type { IpcError, Provider } from "./bindings";
import { blankAccount, defaultKind, isProvider, kindsFor, onlyTaken, problemsByRow, withProvider } from "./merchant";

const problem = (field: string, rule: string) => ({ field, rule, message: { en: rule, zh: rule } });
const error = (...problems: ReturnType<typeof problem>[]): IpcError => ({
  code: "store.invalid",
  message: { en: "x", zh: "x" },
  problems,
  line: null,
  id: "",
});

describe("merchant id kinds", () => {
  it("default to the id bills print on every row", () => {
    expect(defaultKind("wechat_pay")).toBe("sub_mch_id");
    expect(defaultKind("alipay")).toBe("store_id");
    expect(defaultKind("unionpay")).toBe("merchant_no");
    expect(defaultKind("bank_card")).toBe("merchant_no");
    expect(defaultKind("member_card")).toBe("pos_code");
    expect(kindsFor("alipay")).toEqual(["store_id", "pid"]);
    expect(blankAccount("alipay")).toEqual({ provider: "alipay", kind: "store_id", merchant_id: "" });
  });
  it("cover every provider once", () => {
    expect(new Set(PROVIDERS).size).toBe(5);
    for (const p of PROVIDERS) expect(kindsFor(p).length).toBeGreaterThan(0);
    expect(isProvider("alipay")).toBe(true);
    expect(isProvider("toString")).toBe(false);
    expect(isProvider("paypal")).toBe(false);
  });
  it("keep a kind across providers only where the new one has it", () => {
    const a = { provider: "unionpay" as Provider, kind: "terminal" as const, merchant_id: "T1" };
    expect(withProvider(a, "bank_card")).toEqual({ provider: "bank_card", kind: "terminal", merchant_id: "T1" });
    expect(withProvider(a, "wechat_pay")).toEqual({ provider: "wechat_pay", kind: "sub_mch_id", merchant_id: "T1" });
  });
});

describe("merchant id problems", () => {
  it("are keyed by their row", () => {
    const rows = problemsByRow(
      error(problem("merchant_ids.0", "store.sub_mch_id_format"), problem("name", "store.name_empty"), problem("merchant_ids.2", "a"), problem("merchant_ids.2", "b")),
    );
    expect([...rows.keys()]).toEqual([0, 2]);
    expect(rows.get(2)?.map((p) => p.rule)).toEqual(["a", "b"]);
    expect(problemsByRow(null).size).toBe(0);
  });
  it("offer a move only when every problem is a taken id", () => {
    expect(onlyTaken(error(problem("merchant_ids.0", "store.merchant_id_taken"), problem("merchant_ids.1", "store.merchant_id_taken")))).toBe(true);
    expect(onlyTaken(error(problem("merchant_ids.0", "store.merchant_id_taken"), problem("name", "store.name_empty")))).toBe(false);
    expect(onlyTaken(error())).toBe(false);
    expect(onlyTaken(null)).toBe(false);
  });
});
