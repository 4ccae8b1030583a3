// The catalogs and the code agree: every key the UI asks for exists in both languages, every
// key in the catalogs is asked for somewhere, and the Chinese catalog reads as Chinese to a
// marketing office (no field names, no internal ids, no English words but the names of
// products and formats the office itself writes in Latin letters).

import { describe, expect, it } from "vitest";
import { PROVIDERS } from "./bindings";
import type { CampaignStatus } from "./bindings";
import { catalogs, keyPaths } from "./i18n";
import { PRODUCTS } from "./coupon";
import { MERCHANT_KINDS } from "./merchant";
import { SCREENS } from "./route";

const sources = import.meta.glob(["../**/*.ts", "../**/*.svelte", "!../**/*.test.ts", "!../**/bindings.ts"], {
  query: "?raw",
  import: "default",
  eager: true,
}) as Record<string, string>;
const code = Object.values(sources).join("\n");

const STATUSES: CampaignStatus[] = ["draft", "scheduled", "live", "paused", "ended", "cancelled"];
const KINDS = [...new Set(Object.values(MERCHANT_KINDS).flat())];

/**
 * Keys built at run time as `t(\`prefix.${value}\`)`: each prefix with the values it is built
 * from, where a list of them exists in code; `null` means "every key under the prefix", for
 * values that come from core (formats, reasons, change kinds) or from a local list.
 */
const DYNAMIC: Record<string, readonly string[] | null> = {
  "nav.": SCREENS,
  "status.": STATUSES,
  "statusAction.": STATUSES,
  "provider.": PROVIDERS,
  "providerShort.": PROVIDERS,
  "coupons.product.": PRODUCTS,
  "stores.kind.": KINDS,
  "stores.kindShort.": KINDS,
  "coupons.kind.": null,
  "coupons.period.": null,
  "import.formatName.": null,
  "import.mcol.": null,
  "launch.col.": null,
  "launch.status.": null,
  "backup.reason.": null,
  "reports.": ["xlsx", "pdf", "csv"],
  "stats.change.": null,
  "stores.field.": null,
  // Where a home screen deadline is fixed: core's `Goto` (campaign, launch, coupons, import).
  "home.goto.": null,
};

const en = keyPaths(catalogs.en);
const zh = keyPaths(catalogs["zh-CN"]);

/** Every `t("key")` / `t('key')` with a literal key. */
function literalKeys(): string[] {
  return [...code.matchAll(/\bt\(\s*["']([A-Za-z0-9_.-]+)["']/g)].map((m) => m[1]);
}

/** The static prefix of every `t(\`prefix.${…}\`)`. */
function templatePrefixes(): string[] {
  return [...code.matchAll(/\bt\(\s*`([A-Za-z0-9_.-]*)\$\{/g)].map((m) => m[1]);
}

describe("i18n keys", () => {
  it("every literal key used exists in both catalogs", () => {
    const missing = literalKeys().filter((k) => !en.includes(k) || !zh.includes(k));
    expect([...new Set(missing)].join("\n")).toBe("");
  });

  it("every key built at run time has a declared prefix, and each known value has its key", () => {
    const undeclared = templatePrefixes().filter((p) => p && !(p in DYNAMIC));
    expect([...new Set(undeclared)].join("\n")).toBe("");
    const missing: string[] = [];
    for (const [prefix, values] of Object.entries(DYNAMIC)) {
      for (const v of values ?? []) {
        if (!en.includes(prefix + v) || !zh.includes(prefix + v)) missing.push(prefix + v);
      }
    }
    expect(missing.join("\n")).toBe("");
  });

  it("every catalog key is used: as a literal in code or under a declared prefix", () => {
    // A key handed around as data (`{ key: "coupons.value.fixed" }`) counts as a literal.
    const quoted = new Set([...code.matchAll(/["'`]([A-Za-z0-9_.-]+)["'`]/g)].map((m) => m[1]));
    const dead = en.filter((k) => {
      if (quoted.has(k)) return false;
      return !Object.entries(DYNAMIC).some(([prefix, values]) =>
        k.startsWith(prefix) && (values === null || values.includes(k.slice(prefix.length))),
      );
    });
    expect(dead.join("\n")).toBe("");
  });

  it("the check itself finds what it looks for", () => {
    expect(literalKeys()).toContain("common.save");
    expect(templatePrefixes()).toContain("nav.");
  });
});

/**
 * Latin words a Chinese UI may show: product, wallet and format names, units and the date
 * patterns of hints. Anything else ASCII in a zh-CN value is a field name or untranslated.
 */
const ALLOWED = new Set([
  "PromoDesk", "POS", "PID", "CSV", "Excel", "PDF", "XLSX", "xlsx", "XLS", "ODS", "ZIP", "zip", "WPS", "SQLite",
  "Alt", "Enter", "BIN", "A3", "A4", "A5", "Asia", "Shanghai", "YYYY", "MM", "DD", "HH", "GBK", "UTF", "MB", "English", "T", "ID", "PNG", "JPEG", "SVG",
]);

function leaves(tree: object, prefix = ""): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]): [string, string][] =>
    typeof v === "object" && v !== null ? leaves(v, `${prefix}${k}.`) : [[`${prefix}${k}`, String(v)]],
  );
}

/** Why a Chinese message would not read as Chinese, if it would not. */
export function notChinese(text: string): string | null {
  // Interpolations ({{name}}) are filled with the user's own data.
  const plain = text.replace(/\{\{[^}]+\}\}/g, "");
  for (const m of plain.matchAll(/(^|[^A-Za-z0-9_.\-/])([A-Za-z][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*)/g)) {
    const word = m[2];
    if (word.includes("_")) return `field name “${word}”`;
    if (word.includes("-")) return `internal id “${word}”`;
    if (!ALLOWED.has(word)) return `English “${word}”`;
  }
  if (/os error/i.test(plain)) return "system error text";
  return null;
}

describe("zh-CN catalog", () => {
  it("shows no field names, internal ids or English words", () => {
    const bad = leaves(catalogs["zh-CN"])
      // The button that switches to English is named in English, for those who cannot read Chinese.
      .filter(([key]) => key !== "common.switchLanguage")
      // Example paths are paths; keep them as the user would type them.
      .filter(([key]) => !key.endsWith("pathPlaceholder"))
      .map(([key, text]) => [key, notChinese(text)])
      .filter(([, why]) => why);
    expect(bad.map(([key, why]) => `${key}: ${why}`).join("\n")).toBe("");
  });

  it("the check itself catches what it is for", () => {
    expect(notChinese("缺少face_value")).toMatch(/field name/);
    expect(notChinese("格式：wechat-trade")).toMatch(/internal id/);
    expect(notChinese("No such file or directory (os error 2)")).not.toBeNull();
    expect(notChinese("导出 Excel 或 PDF，¥1,000 的 30%，{{name}}")).toBeNull();
  });
});
