import { describe, expect, it } from "vitest";
import { canonical, monthTitle, monthWeeks, readTyped, showDate, todayIn, weekdayNames } from "./dates";

const DEC = "2026-12-03";
const read = (text: string, today = DEC) => {
  const r = readTyped(text, today);
  return r && canonical(r);
};

describe("typed dates", () => {
  it("read the common forms as the same day", () => {
    for (const typed of ["2027-03-08", "2027/3/8", "2027.3.8", "2027年3月8日", " 2027-3-8 ", "Mar 8, 2027", "March 8 2027"]) {
      expect(read(typed), typed).toBe("2027-03-08");
    }
    expect(read("2027年3月8日 18：30")).toBe("2027-03-08 18:30");
    expect(read("2027-03-08T09:05")).toBe("2027-03-08 09:05");
  });
  it("give a year-less 3月8日 the next such day from the mall's today", () => {
    expect(read("3月8日")).toBe("2027-03-08");
    expect(read("12月3日")).toBe("2026-12-03");
    expect(read("12月2日")).toBe("2027-12-02");
    expect(read("2月29日")).toBe("2028-02-29");
    expect(read("3月8日", "2027-03-08")).toBe("2027-03-08");
  });
  it("refuse what is not a day of a four-digit year", () => {
    for (const typed of ["275760-03-08", "2027-02-30", "2027-13-01", "3/8/2027", "明天", "2027-03-08 25:00", "0-3-8"]) {
      expect(readTyped(typed, DEC), typed).toBeNull();
    }
  });
});

describe("shown dates", () => {
  it("read in Chinese and in English", () => {
    expect(showDate("2027-03-08", "zh-CN")).toBe("2027年3月8日");
    expect(showDate("2027-03-08 18:30", "zh-CN")).toBe("2027年3月8日 18:30");
    expect(showDate("2027-03-08", "en")).toBe("Mar 8, 2027");
    expect(showDate("whenever", "en")).toBe("whenever");
  });
  it("read back as what they show", () => {
    for (const lang of ["zh-CN", "en"] as const) expect(read(showDate("2027-03-08 18:30", lang))).toBe("2027-03-08 18:30");
  });
  it("put weeks from Monday and name the month", () => {
    const weeks = monthWeeks(2027, 3);
    expect(weeks[0][0].day).toBe("2027-03-01"); // 2027-03-01 is a Monday
    expect(weeks.flat().filter((d) => d.inMonth)).toHaveLength(31);
    expect(monthWeeks(2026, 12)[0][0].day).toBe("2026-11-30");
    expect(weekdayNames("zh-CN")[0]).toBe("一");
    expect(monthTitle(2027, 3, "zh-CN")).toBe("2027年3月");
    expect(monthTitle(2027, 3, "en")).toBe("March 2027");
  });
  it("take today in the mall's zone, not the computer's", () => {
    const lateUtc = new Date("2027-03-07T17:30:00Z"); // 01:30 on March 8 in Beijing
    expect(todayIn("Asia/Shanghai", lateUtc)).toBe("2027-03-08");
    expect(todayIn("America/New_York", lateUtc)).toBe("2027-03-07");
    // A time core gives (RFC 3339 in the mall's zone) reads as its wall time.
    expect(showDate("2027-03-06T00:00:00+08:00", "zh-CN")).toBe("2027年3月6日 00:00");
    expect(showDate("2027-03-09T23:59:59+08:00", "en")).toBe("Mar 9, 2027 23:59");
  });
});
