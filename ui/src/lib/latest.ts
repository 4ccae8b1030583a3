// Requests that follow the user's typing: wait until the typing pauses, and keep only the
// answer to the newest request. An answer can arrive after the user has changed the form
// again; shown then, it would describe a form that no longer exists (or overwrite the answer
// to the newer one if the two came back out of order).

export type Handlers<T> = {
  onValue: (value: T) => void;
  onError: (error: unknown) => void;
};

export type Latest<T> = {
  /**
   * Sends `request` once `delay` ms pass without another `schedule` or `cancel`. Returns the
   * cancel for this request, meant as an `$effect` cleanup; it does nothing once a newer
   * request has been scheduled.
   */
  schedule(request: () => Promise<T>): () => void;
  /** Clears the pending timer and drops any answer still on its way. */
  cancel(): void;
};

export function latest<T>(delay: number, handlers: Handlers<T>): Latest<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Bumped by every schedule and cancel; an answer counts only if its ticket is still current.
  let current = 0;

  function cancel(): void {
    clearTimeout(timer);
    timer = undefined;
    current += 1;
  }

  function schedule(request: () => Promise<T>): () => void {
    cancel();
    const ticket = current;
    timer = setTimeout(() => {
      timer = undefined;
      // Through a promise, so a request that throws before it has one is an error like any other.
      new Promise<T>((resolve) => resolve(request())).then(
        (value) => {
          if (ticket === current) handlers.onValue(value);
        },
        (error: unknown) => {
          if (ticket === current) handlers.onError(error);
        },
      );
    }, delay);
    return () => {
      if (ticket === current) cancel();
    };
  }

  return { schedule, cancel };
}
