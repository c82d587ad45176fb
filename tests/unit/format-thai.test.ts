import { describe, expect, it } from "vitest";
import {
  formatBaht,
  formatDate,
  formatDateTime,
  formatNumber,
  formatPercent,
  formatPeriod,
  fromThaiDigits,
  MONTH_NAMES,
  toThaiDigits,
} from "@/core/format/thai";

describe("formatDate", () => {
  it.each([
    ["2026-11-24", "th", "short", "24 พ.ย. 2569"],
    ["2026-11-24", "th", "long", "24 พฤศจิกายน 2569"],
    ["2026-11-24", "en", "short", "24 Nov 2026"],
    ["2026-11-24", "en", "long", "24 November 2026"],
    ["2027-01-01", "th", "short", "1 ม.ค. 2570"],
    ["2024-02-29", "th", "long", "29 กุมภาพันธ์ 2567"],
    ["2026-09-30", "en", "short", "30 Sep 2026"],
  ] as const)("%s in %s (%s) reads %s", (date, locale, style, expected) => {
    expect(formatDate(date, locale, style)).toBe(expected);
  });

  it("defaults to the short style", () => {
    expect(formatDate("2026-07-05", "th")).toBe("5 ก.ค. 2569");
  });

  it.each([
    // 00:30 on 1 Oct in Bangkok; UTC still says 30 Sep.
    ["2026-09-30T17:30:00Z", "th", "1 ต.ค. 2569"],
    ["2026-09-30T17:30:00Z", "en", "1 Oct 2026"],
    ["2026-09-30T16:30:00Z", "en", "30 Sep 2026"],
  ] as const)("shows the Date %s as its Bangkok calendar date in %s: %s", (instant, locale, expected) => {
    expect(formatDate(new Date(instant), locale)).toBe(expected);
  });

  it.each(["24/11/2569", "2026-02-30", "2026-11-24T00:00:00Z"])("rejects %j instead of showing a wrong date", (value) => {
    expect(() => formatDate(value, "th")).toThrow(RangeError);
  });

  // The month tables are ours (to avoid hydration mismatches between ICU versions); they must still
  // read exactly as Node's ICU writes Thai Buddhist-calendar dates.
  it.each(Array.from({ length: 12 }, (_, index) => index + 1))("month %i matches ICU's Thai output", (month) => {
    const iso = `2026-${String(month).padStart(2, "0")}-15`;
    const instant = new Date(`${iso}T00:00:00Z`);
    for (const style of ["short", "long"] as const) {
      const icu = new Intl.DateTimeFormat("th-TH-u-ca-buddhist", {
        day: "numeric",
        month: style,
        year: "numeric",
        timeZone: "UTC",
      }).format(instant);
      expect(formatDate(iso, "th", style)).toBe(icu);
      const icuEnglish = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: style, year: "numeric", timeZone: "UTC" })
        .format(instant)
        .replace(/\bSept\b/, "Sep"); // ICU's en-GB writes "Sept"; we keep the three-letter form
      expect(formatDate(iso, "en", style)).toBe(icuEnglish);
    }
  });

  it("exposes twelve month names per locale and style", () => {
    expect(MONTH_NAMES.th.short).toHaveLength(12);
    expect(MONTH_NAMES.en.long[11]).toBe("December");
  });
});

describe("formatDateTime", () => {
  it.each([
    ["2026-11-24T17:05:00Z", "th", "25 พ.ย. 2569 00:05 น."],
    ["2026-11-24T17:05:00Z", "en", "25 Nov 2026, 00:05"],
    ["2026-11-24T05:05:59Z", "en", "24 Nov 2026, 12:05"],
    ["2026-11-25T00:05:00+07:00", "th", "25 พ.ย. 2569 00:05 น."],
  ] as const)("%s in %s is %s in Bangkok", (instant, locale, expected) => {
    expect(formatDateTime(new Date(instant), locale)).toBe(expected);
  });

  it("accepts a timestamp string with an offset", () => {
    expect(formatDateTime("2026-11-24T17:05:00Z", "en", { style: "long" })).toBe("25 November 2026, 00:05");
  });

  it("uses another zone when asked", () => {
    expect(formatDateTime("2026-11-24T17:05:00Z", "en", { timeZone: "UTC" })).toBe("24 Nov 2026, 17:05");
  });

  it.each(["2026-11-24T17:05:00", "2026-11-24", "yesterday"])("rejects %j, which has no time zone", (value) => {
    expect(() => formatDateTime(value, "th")).toThrow(RangeError);
  });
});

describe("formatPeriod", () => {
  it.each([
    ["2570Q1", "th", "long", "ไตรมาส 1 ปีงบประมาณ 2570"],
    ["2570Q1", "th", "short", "ไตรมาส 1/2570"],
    ["2570Q1", "en", "long", "Q1 FY2570"],
    ["2569Q4", "en", "short", "Q4/2569"],
  ] as const)("%s in %s (%s) reads %s", (code, locale, style, expected) => {
    expect(formatPeriod(code, locale, style)).toBe(expected);
  });

  it("rejects an invalid code", () => {
    expect(() => formatPeriod("2570Q5", "th")).toThrow(RangeError);
  });
});

describe("formatNumber", () => {
  it.each([
    [1234567, "th", {}, "1,234,567"],
    [1234567.5, "en", {}, "1,234,567.5"],
    [1234567.456, "th", {}, "1,234,567.46"],
    [-1200, "th", {}, "-1,200"],
    [0.5, "en", { minimumFractionDigits: 2 }, "0.50"],
    [3.14159, "en", { maximumFractionDigits: 4 }, "3.1416"],
    [1234567, "th", { thaiDigits: true }, "๑,๒๓๔,๕๖๗"],
    [Number.NaN, "th", {}, "–"],
    [Number.POSITIVE_INFINITY, "en", {}, "–"],
  ] as const)("%d in %s with %j reads %s", (value, locale, options, expected) => {
    expect(formatNumber(value, locale, options)).toBe(expected);
  });
});

describe("formatPercent", () => {
  it.each([
    [45.6, "th", {}, "45.6%"],
    [50, "en", {}, "50%"],
    [33.3333, "en", {}, "33.3%"],
    [33.3333, "en", { fractionDigits: 2 }, "33.33%"],
    [120, "th", {}, "120%"],
    [45, "th", { thaiDigits: true }, "๔๕%"],
    [Number.NaN, "th", {}, "–"],
  ] as const)("%d percentage points in %s with %j reads %s", (value, locale, options, expected) => {
    expect(formatPercent(value, locale, options)).toBe(expected);
  });
});

describe("formatBaht", () => {
  it.each([
    [1234567, "th", {}, "1,234,567 บาท"],
    [1234567, "en", {}, "1,234,567 THB"],
    [1234.5, "th", {}, "1,234.50 บาท"],
    [-1200, "th", {}, "-1,200 บาท"],
    [0, "en", {}, "0 THB"],
    [12_345_678, "th", { compact: true }, "12.3 ล้านบาท"],
    [12_345_678, "en", { compact: true }, "12.3 M THB"],
    [12_345_678, "th", { compact: true, fractionDigits: 2 }, "12.35 ล้านบาท"],
    [1_000_000, "th", { compact: true }, "1 ล้านบาท"],
    [3_480_000_000_000, "th", { compact: true }, "3,480,000 ล้านบาท"],
    // Below a million, compact falls back to whole baht rather than "0.9 ล้านบาท".
    [950_000, "th", { compact: true }, "950,000 บาท"],
    [1234567, "th", { thaiDigits: true }, "๑,๒๓๔,๕๖๗ บาท"],
    [Number.NaN, "th", {}, "–"],
  ] as const)("%d in %s with %j reads %s", (amount, locale, options, expected) => {
    expect(formatBaht(amount, locale, options)).toBe(expected);
  });
});

describe("Thai digits", () => {
  it.each([
    ["2569", "๒๕๖๙"],
    ["1,234.50 บาท", "๑,๒๓๔.๕๐ บาท"],
    ["Q1/2570", "Q๑/๒๕๗๐"],
  ])("%s <-> %s", (latin, thai) => {
    expect(toThaiDigits(latin)).toBe(thai);
    expect(fromThaiDigits(thai)).toBe(latin);
  });

  it("converts a number", () => {
    expect(toThaiDigits(1234567890)).toBe("๑๒๓๔๕๖๗๘๙๐");
  });

  it("leaves text without digits alone", () => {
    expect(fromThaiDigits("ไตรมาส")).toBe("ไตรมาส");
  });
});
