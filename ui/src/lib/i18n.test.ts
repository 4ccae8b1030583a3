import { describe, expect, it } from "vitest";
import { catalogs, keyPaths, localized, startLanguage, translate } from "./i18n";

describe("catalogs", () => {
  it("have the same keys in both languages", () => {
    expect(keyPaths(catalogs.en).sort()).toEqual(keyPaths(catalogs["zh-CN"]).sort());
  });
  it("translate with interpolation and without HTML escaping", () => {
    expect(translate("zh-CN", "nav.campaigns")).toBe("活动");
    expect(translate("en", "nav.campaigns")).toBe("Campaigns");
    expect(translate("en", "campaigns.created", { name: "<b>3.8</b>" })).toBe("Created “<b>3.8</b>”");
    expect(translate("zh-CN", "welcome.loaded", { stores: 8, campaigns: 6 })).toBe(
      "已载入演示数据：8 个门店，6 个活动",
    );
    expect(translate("zh-CN", "stores.idCount", { count: 3 })).toBe("3 个商户号");
    expect(translate("en", "stores.idCount", { count: 1 })).toBe("Merchant ids: 1");
    expect(translate("en", "import.trades", { count: 1 })).toBe("1 trade");
    expect(translate("en", "import.trades", { count: 9 })).toBe("9 trades");
    expect(translate("zh-CN", "import.trades", { count: 1 })).toBe("1 笔");
  });
  it("name every status and provider", () => {
    for (const s of ["draft", "scheduled", "live", "ended", "paused", "cancelled"]) {
      expect(translate("zh-CN", `status.${s}`)).not.toBe(`status.${s}`);
    }
    expect(translate("zh-CN", "provider.wechat_pay")).toBe("微信支付");
  });
});

describe("language choice", () => {
  it("prefers the saved language, then the system one", () => {
    expect(startLanguage(null, "zh-CN")).toBe("zh-CN");
    expect(startLanguage("en", "zh-CN")).toBe("en");
  });
  it("picks a core message in the current language", () => {
    const m = { en: "end is before start", zh: "结束时间早于开始时间" };
    expect(localized(m, "en")).toBe("end is before start");
    expect(localized(m, "zh-CN")).toBe("结束时间早于开始时间");
  });
});

describe("error text", () => {
  it("carries the log reference", async () => {
    const { errorText } = await import("./locale.svelte");
    const text = errorText({ code: "x", message: { en: "bad", zh: "坏" }, problems: [], line: null, id: "E1-2" });
    expect(text).toContain("E1-2");
    expect(errorText({ code: "x", message: { en: "bad", zh: "坏" }, problems: [], line: null, id: "" })).not.toContain("(");
  });
});
