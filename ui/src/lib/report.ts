// Display helpers for the report preview: the same cells core writes to XLSX, PDF and CSV.

import type { Cell, Chart, ChartKind, ReportFormat, Section } from "./bindings";
import { formatCny } from "./format";
import { percent, yuanAxis } from "./stats";

/** A cell as the report shows it. */
export function cellText(cell: Cell): string {
  switch (cell.kind) {
    case "text":
      return cell.value;
    case "money":
      return formatCny(cell.value);
    case "int":
      return cell.value.toLocaleString("en-US");
    case "ratio":
      return percent(cell.value);
    case "change": {
      const shown = percent(cell.value);
      return shown.startsWith("-") ? shown : `+${shown}`;
    }
    case "empty":
      return "—";
  }
}

/** A cell's value for a chart (never shown as a figure). */
export function cellNumber(cell: Cell | undefined): number {
  if (!cell || cell.kind === "text" || cell.kind === "empty") return 0;
  return Number(cell.value);
}

/** The report's accent, and the grey the baseline is drawn in (as in the PDF). */
const ACCENT = "#c2185b";
const BASELINE = "#969696";

/**
 * ECharts options for one of the report's charts over its section: wallets each in their own
 * colour, the baseline as a dashed grey line beside the campaign, money axes in ¥.
 */
export function reportChartOptions(spec: Chart, section: Section) {
  const categories = section.rows.map((r) => (r[spec.category_column] ? cellText(r[spec.category_column]) : ""));
  const values = section.rows.map((r, i) => {
    const value = cellNumber(r[spec.value_column]);
    const color = spec.colors[i];
    return color ? { value, itemStyle: { color } } : value;
  });
  const shape = chartShape(spec.kind);
  const category = { type: "category", data: categories, axisLabel: { interval: 0, width: 90, overflow: "truncate" } };
  const value = { type: "value", axisLabel: { formatter: yuanAxis } };
  const series: object[] = [
    { type: shape.type, data: values, name: section.columns[spec.value_column], itemStyle: { color: ACCENT } },
  ];
  if (spec.baseline_column !== null) {
    const column = spec.baseline_column;
    series.push({
      type: "line",
      name: section.columns[column],
      data: section.rows.map((r) => (r[column]?.kind === "empty" ? null : cellNumber(r[column]))),
      itemStyle: { color: BASELINE },
      lineStyle: { type: "dashed", color: BASELINE },
    });
  }
  return {
    tooltip: { trigger: "axis" },
    legend: spec.baseline_column !== null ? { top: 0, right: 0 } : undefined,
    grid: { left: shape.horizontal ? 110 : 70, right: 20, top: spec.baseline_column !== null ? 28 : 16, bottom: 30 },
    xAxis: shape.horizontal ? value : category,
    yAxis: shape.horizontal ? { ...category, inverse: true } : value,
    series,
  };
}

/** The extension a format's file must have (CSV sections travel as one ZIP). */
export function extensionOf(format: ReportFormat): string {
  return format === "csv" ? "zip" : format;
}

/** The ECharts series type and axis orientation of a chart kind. */
export function chartShape(kind: ChartKind): { type: "line" | "bar"; horizontal: boolean } {
  return { type: kind === "line" ? "line" : "bar", horizontal: kind === "bar" };
}

/** A file name from a campaign name: characters file systems refuse become "_". */
export function fileName(title: string, format: ReportFormat): string {
  const safe = title.replace(/[\\/:*?"<>|]+/g, "_").trim() || "report";
  return `${safe}.${extensionOf(format)}`;
}
