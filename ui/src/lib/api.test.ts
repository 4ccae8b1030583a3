import { describe, expect, it } from "vitest";
import { asIpcError, isIpcError, problemsByField, stillStanding } from "./api";

describe("IPC errors", () => {
  const err = {
    code: "campaign.invalid",
    message: { en: "a; b", zh: "甲；乙" },
    problems: [
      { field: "end", rule: "campaign.end_before_start", message: { en: "a", zh: "甲" } },
      { field: "budget", rule: "money.negative", message: { en: "b", zh: "乙" } },
      { field: "end", rule: "x", message: { en: "c", zh: "丙" } },
    ],
    line: null,
    id: "E20261126-093012-7",
  };
  it("are recognised and grouped by field", () => {
    expect(isIpcError(err)).toBe(true);
    const byField = problemsByField(err);
    expect(byField.get("end")?.map((p) => p.rule)).toEqual(["campaign.end_before_start", "x"]);
    expect(byField.get("budget")?.length).toBe(1);
    expect(byField.get("name")).toBeUndefined();
  });
  it("wrap anything else in the same shape", () => {
    const wrapped = asIpcError("boom");
    expect(wrapped.code).toBe("app.internal");
    expect(wrapped.message.en).toBe("boom");
    expect(asIpcError(err)).toBe(err);
  });
  it("drop a field's problem once the field changed, and keep the others", () => {
    const sent = { end: "2026-03-01", budget: "-1", name: "x" };
    expect(stillStanding(err.problems, sent, { ...sent }).length).toBe(3);
    const fixed = stillStanding(err.problems, sent, { ...sent, end: "2026-03-09" });
    expect(fixed.map((p) => p.field)).toEqual(["budget"]);
  });
});
