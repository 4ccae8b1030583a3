import { beforeEach, describe, expect, it, vi } from "vitest";
import type { IpcError } from "./bindings";
import { call, showError } from "./call";
import { locale } from "./locale.svelte";
import { notify } from "./toast.svelte";

vi.mock("./toast.svelte", () => ({ notify: vi.fn() }));

const failure: IpcError = {
  code: "campaign.invalid",
  message: { en: "end is before start", zh: "结束时间早于开始时间" },
  problems: [{ field: "end", rule: "campaign.end_before_start", message: { en: "a", zh: "甲" } }],
  line: null,
  id: "E20261126-093012-7",
};

beforeEach(() => {
  vi.mocked(notify).mockClear();
  locale.lang = "zh-CN";
});

describe("call", () => {
  it("passes the result through and shows nothing", async () => {
    expect(await call(Promise.resolve(3))).toBe(3);
    expect(await call(() => Promise.resolve("a"))).toBe("a");
    expect(await call(() => Promise.resolve(null))).toBeNull();
    expect(notify).not.toHaveBeenCalled();
  });

  it("shows a failure in the user's language with its log reference, and resolves to undefined", async () => {
    expect(await call(Promise.reject(failure))).toBeUndefined();
    expect(notify).toHaveBeenCalledWith(expect.stringContaining("结束时间早于开始时间"), "error");
    expect(vi.mocked(notify).mock.calls[0][0]).toContain("E20261126-093012-7");

    locale.lang = "en";
    await call(() => Promise.reject(failure));
    expect(notify).toHaveBeenLastCalledWith(expect.stringContaining("end is before start"), "error");
  });

  it("shows a rejection that is not one of ours as its text", async () => {
    await call(() => Promise.reject(new Error("disk full")));
    expect(notify).toHaveBeenCalledWith("Error: disk full", "error");
  });

  it("catches a function that throws before it has a promise", async () => {
    const work = (): Promise<number> => {
      throw new Error("no");
    };
    expect(await call(work)).toBeUndefined();
    expect(notify).toHaveBeenCalledTimes(1);
  });

  it("stops a sequence at the first failure", async () => {
    const steps: string[] = [];
    await call(async () => {
      steps.push("first");
      await Promise.reject(failure);
      steps.push("second");
    });
    expect(steps).toEqual(["first"]);
  });

  it("hands the error itself to onError instead of the toast", async () => {
    const onError = vi.fn();
    expect(await call(Promise.reject(failure), { onError })).toBeUndefined();
    expect(onError).toHaveBeenCalledWith(failure);
    expect(notify).not.toHaveBeenCalled();
  });

  it("lets onError pass the errors it does not handle to the toast", async () => {
    const taken: IpcError[] = [];
    const onError = (e: IpcError) => (e.code === "store.merchant_id_taken" ? taken.push(e) : showError(e));
    await call(Promise.reject({ ...failure, code: "store.merchant_id_taken" }), { onError });
    await call(Promise.reject(failure), { onError });
    expect(taken).toHaveLength(1);
    expect(notify).toHaveBeenCalledTimes(1);
  });
});
