import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { latest } from "./latest";

/** A request whose answer the test releases when it wants. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

/** Lets settled promises deliver their answers. */
const flush = () => vi.advanceTimersByTimeAsync(0);

describe("latest", () => {
  const onValue = vi.fn();
  const onError = vi.fn();
  beforeEach(() => {
    vi.useFakeTimers();
    onValue.mockClear();
    onError.mockClear();
  });
  afterEach(() => vi.useRealTimers());

  it("sends once the typing pauses, and only the last request", async () => {
    const l = latest<string>(250, { onValue, onError });
    const request = vi.fn((text: string) => Promise.resolve(text));
    l.schedule(() => request("a"));
    await vi.advanceTimersByTimeAsync(200);
    l.schedule(() => request("ab"));
    await vi.advanceTimersByTimeAsync(200);
    expect(request).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(50);
    expect(request).toHaveBeenCalledExactlyOnceWith("ab");
    expect(onValue).toHaveBeenCalledExactlyOnceWith("ab");
  });

  it("clears the pending timer on cancel, so nothing is sent", async () => {
    const l = latest<string>(250, { onValue, onError });
    const request = vi.fn(() => Promise.resolve("x"));
    const stop = l.schedule(request);
    expect(vi.getTimerCount()).toBe(1);
    stop();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(request).not.toHaveBeenCalled();
    expect(onValue).not.toHaveBeenCalled();
  });

  it("drops an answer that arrives after a newer request was made", async () => {
    const l = latest<string>(250, { onValue, onError });
    const first = deferred<string>();
    const second = deferred<string>();
    l.schedule(() => first.promise);
    await vi.advanceTimersByTimeAsync(250);
    l.schedule(() => second.promise);
    await vi.advanceTimersByTimeAsync(250);
    // Out of order: the newer answer first, then the stale one.
    second.resolve("new");
    await flush();
    first.resolve("old");
    await flush();
    expect(onValue.mock.calls).toEqual([["new"]]);
  });

  it("drops a stale answer even when it comes back before the newer one is sent", async () => {
    const l = latest<string>(250, { onValue, onError });
    const first = deferred<string>();
    l.schedule(() => first.promise);
    await vi.advanceTimersByTimeAsync(250);
    l.schedule(() => Promise.resolve("new"));
    first.resolve("old");
    await flush();
    expect(onValue).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(250);
    expect(onValue.mock.calls).toEqual([["new"]]);
  });

  it("drops stale failures too, and delivers the newest one", async () => {
    const l = latest<string>(250, { onValue, onError });
    const first = deferred<string>();
    l.schedule(() => first.promise);
    await vi.advanceTimersByTimeAsync(250);
    l.schedule(() => Promise.reject(new Error("newest")));
    await vi.advanceTimersByTimeAsync(250);
    first.reject(new Error("stale"));
    await flush();
    expect(onError).toHaveBeenCalledExactlyOnceWith(new Error("newest"));
    expect(onValue).not.toHaveBeenCalled();
  });

  it("drops the answer in flight on cancel, as when the editor closes", async () => {
    const l = latest<string>(250, { onValue, onError });
    const first = deferred<string>();
    l.schedule(() => first.promise);
    await vi.advanceTimersByTimeAsync(250);
    l.cancel();
    first.resolve("late");
    await flush();
    expect(onValue).not.toHaveBeenCalled();
  });

  it("ignores the cancel of an older request", async () => {
    const l = latest<string>(250, { onValue, onError });
    const stopOld = l.schedule(() => Promise.resolve("old"));
    l.schedule(() => Promise.resolve("new"));
    stopOld();
    await vi.advanceTimersByTimeAsync(250);
    expect(onValue.mock.calls).toEqual([["new"]]);
  });

  it("reports a request that throws before it has a promise", async () => {
    const l = latest<string>(250, { onValue, onError });
    l.schedule(() => {
      throw new Error("no");
    });
    await vi.advanceTimersByTimeAsync(250);
    expect(onError).toHaveBeenCalledExactlyOnceWith(new Error("no"));
  });
});
