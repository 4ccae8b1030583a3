import { describe, expect, it } from "vitest";
import { asIpcError, isIpcError, problemsByField } from "./api";

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
});
