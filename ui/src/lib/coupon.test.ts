import { describe, expect, it } from "vitest";
import type { Coupon } from "./bindings";
import { groupOffers, problemsToShow, tenths, valueArgs } from "./coupon";
import { SPEC } from "./fixtures.test-data";

describe("coupon helpers", () => {
  it("turns a pay percent into 折 without floats", () => {
    expect(tenths("88")).toBe("8.8");
    expect(tenths("80")).toBe("8");
    expect(tenths("65.5")).toBe("6.55");
    expect(tenths("5")).toBe("0.5");
  });
  it("describes the value with ¥ amounts", () => {
    const s = { ...SPEC, face_value: "30.00", threshold: "200.00" };
    expect(valueArgs(s)).toEqual({ key: "coupons.valueFixed", args: { face: "¥30.00", threshold: "¥200.00" } });
    expect(valueArgs({ ...s, threshold: "0.00" }).key).toBe("coupons.valueNoThreshold");
    expect(valueArgs({ ...s, kind: "discount", pay_percent: "88", cap: "50" }).args.zhe).toBe("8.8");
  });
  it("keeps linked coupons together", () => {
    const c = (id: number, offer: number | null) => ({ id, offer_id: offer }) as Coupon;
    const groups = groupOffers([c(1, 7), c(2, 7), c(3, null), c(4, 8)]);
    expect(groups.map((g) => g.map((x) => x.id))).toEqual([[1, 2], [3], [4]]);
  });
  it("shows the live check's problems only for what was changed, and always for the rest", () => {
    const p = (field: string) => ({ field, rule: "r", message: { en: field, zh: field } });
    const found = [p("name"), p("face_value"), p("products"), p("budget")];
    const untouched = problemsToShow(found, SPEC, { ...SPEC });
    expect(untouched.map((x) => x.field)).toEqual(["products", "budget"]);
    const typed = problemsToShow(found, SPEC, { ...SPEC, face_value: "30" });
    expect(typed.map((x) => x.field)).toEqual(["face_value", "products", "budget"]);
  });
});
