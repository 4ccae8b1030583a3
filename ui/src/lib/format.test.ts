import { describe, expect, it } from "vitest";
import {
  boundForInput,
  addDays,
  compareDecimal,
  dateKey,
  movedBound,
  dateRange,
  formatCny,
  formatCount,
  localDate,
  localDateTime,
} from "./format";

describe("formatCount", () => {
  it("groups thousands in both languages, whatever the computer's locale", () => {
    expect(formatCount(344374)).toBe("344,374");
    expect(formatCount(1000000)).toBe("1,000,000");
    expect(formatCount(999)).toBe("999");
    expect(formatCount(0)).toBe("0");
  });
});

describe("formatCny", () => {
  it("groups thousands and pads to the fen", () => {
    expect(formatCny("1234.5")).toBe("¥1,234.50");
    expect(formatCny("120000.00")).toBe("¥120,000.00");
    expect(formatCny("0")).toBe("¥0.00");
    expect(formatCny("999")).toBe("¥999.00");
    expect(formatCny("1234567890123.45")).toBe("¥1,234,567,890,123.45");
  });
  it("keeps the sign and never uses floats", () => {
    expect(formatCny("-30")).toBe("-¥30.00");
    expect(formatCny("0.1")).toBe("¥0.10");
    // 0.1 + 0.2 style float errors cannot appear: the value is never a number.
    expect(formatCny("0.30")).toBe("¥0.30");
    expect(formatCny("9007199254740993.01")).toBe("¥9,007,199,254,740,993.01");
  });
  it("rounds extra decimals half away from zero", () => {
    expect(formatCny("1.005")).toBe("¥1.01");
    expect(formatCny("9.995")).toBe("¥10.00");
    expect(formatCny("-0.001")).toBe("¥0.00");
  });
  it("returns text it cannot read unchanged", () => {
    expect(formatCny("abc")).toBe("abc");
  });
});

describe("dates in the mall's zone", () => {
  it("reads the local digits of RFC 3339", () => {
    expect(localDate("2027-03-09T23:59:59+08:00")).toBe("2027-03-09");
    expect(localDateTime("2027-03-06T10:30:00+08:00")).toBe("2027-03-06 10:30");
  });
  it("shows whole days as dates in forms", () => {
    expect(boundForInput("2027-03-06T00:00:00+08:00", "start")).toBe("2027-03-06");
    expect(boundForInput("2027-03-09T23:59:59+08:00", "end")).toBe("2027-03-09");
    expect(boundForInput("2027-03-09T18:00:00+08:00", "end")).toBe("2027-03-09 18:00");
  });
  it("shows a range", () => {
    expect(dateRange("2027-03-06T00:00:00+08:00", "2027-03-09T23:59:59+08:00")).toBe(
      "2027-03-06 → 2027-03-09",
    );
    expect(dateRange("2027-03-06T00:00:00+08:00", "2027-03-06T23:59:59+08:00")).toBe("2027-03-06");
  });
});

describe("compareDecimal", () => {
  it("orders amounts exactly", () => {
    expect(compareDecimal("120000.00", "80000.00")).toBe(1);
    expect(compareDecimal("9.99", "10")).toBe(-1);
    expect(compareDecimal("0.10", "0.1")).toBe(0);
    expect(compareDecimal("-5", "1")).toBe(-1);
    expect(compareDecimal("9007199254740993.01", "9007199254740993.02")).toBe(-1);
  });
});

describe("calendar dates", () => {
  it("adds days across months and leap years", () => {
    expect(addDays("2027-03-09", 1)).toBe("2027-03-10");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2027-01-01", -1)).toBe("2026-12-31");
  });
  it("reads the component's local dates", () => {
    expect(dateKey(new Date(2027, 2, 6))).toBe("2027-03-06");
  });
  it("moves bounds keeping whole days and times", () => {
    expect(movedBound("2027-03-06T00:00:00+08:00", "2027-03-07", "start")).toBe("2027-03-07");
    expect(movedBound("2027-03-09T23:59:59+08:00", "2027-03-10", "end")).toBe("2027-03-10");
    expect(movedBound("2027-03-09T18:00:00+08:00", "2027-03-10", "end")).toBe("2027-03-10 18:00");
  });
});
