// Short-lived notices in the corner of the window.

type Toast = { id: number; text: string; kind: "info" | "error" };

export const toasts = $state<{ items: Toast[] }>({ items: [] });
let next = 1;

export function notify(text: string, kind: Toast["kind"] = "info"): void {
  const id = next++;
  toasts.items.push({ id, text, kind });
  setTimeout(() => {
    toasts.items = toasts.items.filter((t) => t.id !== id);
  }, kind === "error" ? 8000 : 3500);
}
