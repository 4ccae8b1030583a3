// IPC calls whose failure the user must hear about. Nearly every screen handles a failed
// command the same way (say what went wrong, in the user's language, with the log reference,
// and carry on), so that is what `call` does unless the screen takes the error itself.

import { asIpcError } from "./api";
import type { IpcError } from "./bindings";
import { errorText } from "./locale.svelte";
import { notify } from "./toast.svelte";

export type CallOptions = {
  /**
   * Takes the error instead of the toast: for screens that show the problems next to their
   * inputs, or the message inside the page.
   */
  onError?: (error: IpcError) => void;
};

/** Tells the user what went wrong, in their language, with the reference that finds it in the log. */
export function showError(error: IpcError): void {
  notify(errorText(error), "error");
}

/**
 * Runs an IPC promise, or a function making one (several steps that stop at the first
 * failure). Resolves to the result, or to `undefined` once the failure has been shown; it
 * never rejects. Commands without a result resolve to `null`, so compare with `undefined`.
 */
export async function call<T>(
  work: Promise<T> | (() => Promise<T>),
  options: CallOptions = {},
): Promise<T | undefined> {
  try {
    return await (typeof work === "function" ? work() : work);
  } catch (e) {
    (options.onError ?? showError)(asIpcError(e));
    return undefined;
  }
}
