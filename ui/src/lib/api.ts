// The IPC client and its error shape. `commands` (one typed function per Rust command) is
// generated into bindings.ts from the Rust side; nothing here redeclares a command or a model.

import type { IpcError } from "./bindings";

export { commands, EVENTS } from "./bindings";

/** Whether a rejection is one of ours (`{code, message, problems}`). */
export function isIpcError(e: unknown): e is IpcError {
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}

/** Any rejection as an IpcError, so screens handle one shape. */
export function asIpcError(e: unknown): IpcError {
  if (isIpcError(e)) return e;
  const text = String(e);
  return { code: "app.internal", message: { en: text, zh: text }, problems: [], line: null, id: "" };
}

/** Problems of an error keyed by field, for inline messages. */
export function problemsByField(err: Pick<IpcError, "problems"> | null): Map<string, IpcError["problems"]> {
  const map = new Map<string, IpcError["problems"]>();
  for (const p of err?.problems ?? []) {
    map.set(p.field, [...(map.get(p.field) ?? []), p]);
  }
  return map;
}

/**
 * The problems of a refused save that still stand: a field's problem disappears as soon as
 * the field differs from what was sent, instead of lingering until the next save.
 */
export function stillStanding<P extends { field: string }>(problems: P[], sent: object, now: object): P[] {
  const value = (o: object, field: string) => JSON.stringify((o as Record<string, unknown>)[field]);
  return problems.filter((p) => !(p.field in now) || value(sent, p.field) === value(now, p.field));
}
