// Message catalogs through i18next. The reactive "current language" lives in
// locale.svelte.ts; this module is plain functions so it can be unit-tested.

import i18next from "i18next";
import en from "../locales/en.json";
import zhCN from "../locales/zh-CN.json";
import type { Lang, Localized } from "./bindings";

export const LANGS: Lang[] = ["zh-CN", "en"];

const instance = i18next.createInstance();
void instance.init({
  resources: { "zh-CN": { translation: zhCN }, en: { translation: en } },
  lng: "zh-CN",
  fallbackLng: "en",
  initAsync: false,
  interpolation: { escapeValue: false }, // Svelte escapes on output; i18next must not double-escape.
  returnNull: false,
});

/** The message for `key` in `lang`. */
export function translate(lang: Lang, key: string, options: Record<string, unknown> = {}): string {
  return instance.t(key, { ...options, lng: lang });
}

/** The language to start in: the saved choice, else the system's. */
export function startLanguage(saved: Lang | null, system: Lang): Lang {
  return saved ?? system;
}

/** A core message in `lang`. */
export function localized(message: Localized, lang: Lang): string {
  return lang === "zh-CN" ? message.zh : message.en;
}

/** Every key path of a catalog, for completeness checks. */
/** Every message key, with English plural forms (`_one`) folded into their key: Chinese has none. */
export function keyPaths(tree: object, prefix = ""): string[] {
  const paths = Object.entries(tree).flatMap(([k, v]) =>
    typeof v === "object" && v !== null ? keyPaths(v, `${prefix}${k}.`) : [`${prefix}${k.replace(/_one$/, "")}`],
  );
  return [...new Set(paths)];
}

export const catalogs = { "zh-CN": zhCN, en } as const;
