import { describe, expect, it } from "vitest";
import { cellNumber, cellText, fileName } from "./report";

describe("report cells", () => {
  it("read like the exported files", () => {
    expect(cellText({ kind: "money", value: "1234.5" })).toBe("¥1,234.50");
    expect(cellText({ kind: "int", value: 12345 })).toBe("12,345");
    expect(cellText({ kind: "ratio", value: "0.1234" })).toBe("12.34%");
    expect(cellText({ kind: "text", value: "=1+1" })).toBe("=1+1");
    expect(cellText({ kind: "empty" })).toBe("—");
    expect(cellNumber({ kind: "money", value: "0.47" })).toBe(0.47);
    expect(cellNumber({ kind: "text", value: "x" })).toBe(0);
  });
  it("names files safely with the right extension", () => {
    expect(fileName("2027 3.8 女神节", "xlsx")).toBe("2027 3.8 女神节.xlsx");
    expect(fileName("a/b:c", "csv")).toBe("a_b_c.zip");
  });
});
