import { describe, expect, it } from "vitest";
import type { Chart, Section } from "./bindings";
import { cellNumber, cellText, fileName, reportChartOptions } from "./report";

describe("report cells", () => {
  it("read like the exported files", () => {
    expect(cellText({ kind: "money", value: "1234.5" })).toBe("¥1,234.50");
    expect(cellText({ kind: "int", value: 12345 })).toBe("12,345");
    expect(cellText({ kind: "ratio", value: "0.1234" })).toBe("12.34%");
    expect(cellText({ kind: "text", value: "=1+1" })).toBe("=1+1");
    expect(cellText({ kind: "empty" })).toBe("—");
    expect(cellText({ kind: "change", value: "0.05" })).toBe("+5.00%");
    expect(cellText({ kind: "change", value: "-0.1234" })).toBe("-12.34%");
    expect(cellNumber({ kind: "money", value: "0.47" })).toBe(0.47);
    expect(cellNumber({ kind: "text", value: "x" })).toBe(0);
  });
  it("names files safely with the right extension", () => {
    expect(fileName("2027 3.8 女神节", "xlsx")).toBe("2027 3.8 女神节.xlsx");
    expect(fileName("a/b:c", "csv")).toBe("a_b_c.zip");
  });
});

describe("report charts", () => {
  const section: Section = {
    id: "daily",
    title: "每日",
    columns: ["日期", "交易额", "基准交易额"],
    rows: [
      [{ kind: "text", value: "2027-03-06" }, { kind: "money", value: "100.00" }, { kind: "money", value: "80.00" }],
      [{ kind: "text", value: "2027-03-07" }, { kind: "money", value: "0.00" }, { kind: "empty" }],
    ],
  };
  it("draw the baseline dashed beside the campaign, on a ¥ axis", () => {
    const spec: Chart = { section: "daily", title: "t", kind: "line", category_column: 0, value_column: 1, colors: [], baseline_column: 2 };
    const options = reportChartOptions(spec, section) as any;
    expect(options.series).toHaveLength(2);
    expect(options.series[1].data).toEqual([80, null]);
    expect(options.series[1].lineStyle.type).toBe("dashed");
    expect(options.yAxis.axisLabel.formatter(1500)).toBe("¥1,500");
  });
  it("paint each wallet in its own colour", () => {
    const spec: Chart = { section: "daily", title: "t", kind: "column", category_column: 0, value_column: 1, colors: ["#07c160", "#1677ff"], baseline_column: null };
    const options = reportChartOptions(spec, section) as any;
    expect(options.series).toHaveLength(1);
    expect(options.series[0].data.map((d: any) => d.itemStyle.color)).toEqual(["#07c160", "#1677ff"]);
  });
});
