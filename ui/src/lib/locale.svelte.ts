// The current UI language as reactive state: every `t()` in a template re-renders when it
// changes, so switching language needs no reload.

import type { IpcError, Lang, Localized } from "./bindings";
import { localized, translate } from "./i18n";

export const locale = $state<{ lang: Lang }>({ lang: "zh-CN" });

export function t(key: string, options: Record<string, unknown> = {}): string {
  return translate(locale.lang, key, options);
}

export function tr(message: Localized): string {
  return localized(message, locale.lang);
}

export function setDocumentLanguage(lang: Lang): void {
  document.documentElement.lang = lang;
}

/** An error for people: its message, and the reference that finds it in the log. */
export function errorText(err: IpcError): string {
  return err.id ? `${tr(err.message)} (${t("error.ref", { id: err.id })})` : tr(err.message);
}
