// Display helpers for the report preview: the same cells core writes to XLSX, PDF and CSV.

import type { Cell, ChartKind, ReportFormat } from "./bindings";
import { formatCny } from "./format";
import { percent } from "./stats";

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
    case "empty":
      return "—";
  }
}

/** A cell's value for a chart (never shown as a figure). */
export function cellNumber(cell: Cell | undefined): number {
  if (!cell || cell.kind === "text" || cell.kind === "empty") return 0;
  return Number(cell.value);
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
