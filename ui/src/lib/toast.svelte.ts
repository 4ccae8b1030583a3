// Short-lived notices in the corner of the window.

/** The text, or a function giving it: then the notice follows a language switch while shown. */
export type ToastText = string | (() => string);
type Toast = { id: number; text: ToastText; kind: "info" | "error" };

/** What a notice says now. */
export function toastText(text: ToastText): string {
  return typeof text === "function" ? text() : text;
}

export const toasts = $state<{ items: Toast[] }>({ items: [] });
let next = 1;

export function notify(text: ToastText, kind: Toast["kind"] = "info"): void {
  const id = next++;
  toasts.items.push({ id, text, kind });
  setTimeout(() => {
    toasts.items = toasts.items.filter((t) => t.id !== id);
  }, kind === "error" ? 8000 : 3500);
}
