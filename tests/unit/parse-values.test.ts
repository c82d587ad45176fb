import { describe, expect, it } from "vitest";
import {
  fromExcelSerial,
  inferPercentScale,
  normaliseText,
  parseBoolean,
  parseDate,
  parseNumber,
  parsePercent,
  type ParseFailureReason,
} from "@/core/parse/values";

const NBSP = "\u00A0";

describe("parseNumber", () => {
  it.each([
    [1234.5, 1234.5],
    [-3, -3],
    ["1,234,567.50", 1234567.5],
    ["1234567", 1234567],
    ["  42  ", 42],
    ["๑๒๓", 123],
    ["๑,๒๓๔.๕", 1234.5],
    ["1,000 บาท", 1000],
    ["1,000บาท", 1000],
    ["฿1,000", 1000],
    ["THB 1,000", 1000],
    ["1,000 THB", 1000],
    [`1,000${NBSP}บาท`, 1000],
    [`${NBSP}2,500${NBSP}`, 2500],
    ["(1,200)", -1200],
    ["(฿1,200)", -1200],
    ["(1,200) บาท", -1200],
    ["-1,200", -1200],
    ["+1,200", 1200],
    ["\u22121,200", -1200], // Unicode minus, as pasted from Word
    ["- 5", -5],
    ["-0", 0],
    ["0.75", 0.75],
    [".5", 0.5],
    ["1.2E+06", 1_200_000], // large numbers in CSV exports
    ["1\u200B234", 1234], // zero-width space pasted from a web page
  ])("reads %j as %d", (input, expected) => {
    expect(parseNumber(input)).toEqual({ ok: true, value: expected });
  });

  it("never returns negative zero, which would display as \"-0\"", () => {
    const result = parseNumber("-0");
    expect(result.ok && Object.is(result.value, 0)).toBe(true);
  });

  it.each<[unknown, ParseFailureReason]>([
    ["", "empty"],
    ["   ", "empty"],
    [null, "empty"],
    [undefined, "empty"],
    ["-", "empty"],
    ["—", "empty"],
    ["12abc", "not_a_number"],
    ["1.2.3", "not_a_number"],
    ["1,5", "not_a_number"], // European decimal comma or a typo: do not guess
    ["12,34,567", "not_a_number"], // Indian grouping
    ["1 234", "not_a_number"],
    ["45%", "not_a_number"],
    ["12.5 ล้านบาท", "not_a_number"], // the unit changes the scale
    ["--5", "not_a_number"],
    ["-(5)", "not_a_number"],
    ["abc", "not_a_number"],
    [Number.NaN, "not_a_number"],
    [Number.POSITIVE_INFINITY, "not_a_number"],
    [true, "not_a_number"],
    ["#REF!", "spreadsheet_error"],
    ["#N/A", "spreadsheet_error"],
    ["#DIV/0!", "spreadsheet_error"],
    ["#VALUE!", "spreadsheet_error"],
    ["#name?", "spreadsheet_error"],
    ["Err:502", "spreadsheet_error"],
  ])("rejects %j as %s", (input, reason) => {
    expect(parseNumber(input)).toEqual({ ok: false, reason });
  });
});

describe("parsePercent", () => {
  it.each<[unknown, "auto" | "fraction" | "percent", number]>([
    ["45%", "auto", 45],
    ["45 %", "auto", 45],
    ["45", "auto", 45],
    [45, "auto", 45],
    // "auto" reads a bare 0.45 as 0.45 %: only the caller knows the column is 0–1.
    ["0.45", "auto", 0.45],
    ["0.45", "fraction", 45],
    [0.45, "fraction", 45],
    [0.075, "fraction", 7.5],
    [1, "fraction", 100],
    ["0.45", "percent", 0.45],
    // A written % sign wins over the column's scale.
    ["45%", "fraction", 45],
    ["ร้อยละ 45", "auto", 45],
    ["ร้อยละ 12.5", "fraction", 12.5],
    ["๔๕%", "auto", 45],
    ["12.5%", "percent", 12.5],
    ["-3.5%", "auto", -3.5],
    ["120%", "auto", 120],
  ])("reads %j with scale %s as %d %", (input, scale, expected) => {
    expect(parsePercent(input, { scale })).toEqual({ ok: true, value: expected });
  });

  it.each<[unknown, ParseFailureReason]>([
    ["", "empty"],
    ["%", "empty"],
    ["abc%", "not_a_number"],
    ["45 บาท", "not_a_number"],
    ["#N/A", "spreadsheet_error"],
  ])("rejects %j as %s", (input, reason) => {
    expect(parsePercent(input)).toEqual({ ok: false, reason });
  });
});

describe("inferPercentScale", () => {
  it.each<[unknown[], "fraction" | "percent"]>([
    [[0.45, 0.8, 1, 0], "fraction"],
    [["0.45", "0.8", ""], "fraction"],
    [[45, 80, 100], "percent"],
    [[0.45, 80], "percent"],
    // Only 0 and 1: more likely 0 % and 1 % than nothing and everything; keep the default.
    [[0, 1, 1], "percent"],
    // Written % signs say nothing about the bare values.
    [["45%", "0.5"], "fraction"],
    [[], "percent"],
  ])("guesses %j is on the %s scale", (values, expected) => {
    expect(inferPercentScale(values)).toBe(expected);
  });
});

describe("parseDate", () => {
  it.each<[unknown, string]>([
    ["2026-12-31", "2026-12-31"],
    ["2026-1-5", "2026-01-05"],
    ["2026-12-31 00:00:00", "2026-12-31"],
    ["2569-12-31", "2026-12-31"], // ISO layout with a BE year, as some Thai systems write it
    ["31/12/2569", "2026-12-31"],
    ["31-12-2569", "2026-12-31"],
    ["31.12.2569", "2026-12-31"],
    ["1/1/2570", "2027-01-01"],
    ["31/12/2026", "2026-12-31"],
    ["31/12/69", "2026-12-31"],
    ["31/12/2569 0:00:00", "2026-12-31"],
    ["๓๑/๑๒/๒๕๖๙", "2026-12-31"],
    ["31 ธ.ค. 2569", "2026-12-31"],
    ["31 ธันวาคม 2569", "2026-12-31"],
    ["31 ธ.ค. 69", "2026-12-31"],
    ["31 ธค 69", "2026-12-31"],
    ["31ธ.ค.69", "2026-12-31"],
    ["1 ม.ค. 66", "2023-01-01"], // eMENSCR's reporting-period style
    ["วันที่ 31 ธันวาคม พ.ศ. 2569", "2026-12-31"],
    ["5 กรกฏาคม 2569", "2026-07-05"], // common misspelling of กรกฎาคม
    ["24 พฤศจิกายน 2569", "2026-11-24"],
    ["31 Dec 2026", "2026-12-31"],
    ["31 December 2026", "2026-12-31"],
    ["31 dec. 2026", "2026-12-31"],
    ["5 Sept 2026", "2026-09-05"],
    ["December 31, 2026", "2026-12-31"],
    ["1 ม.ค. ค.ศ. 2027", "2027-01-01"], // explicit CE era
    ["1 Jan B.E. 2570", "2027-01-01"],
    [`\u200E31/12/2569\u200F`, "2026-12-31"], // bidi marks from a copied web page
    [45292, "2024-01-01"],
    ["45292", "2024-01-01"],
    [45292.75, "2024-01-01"], // 18:00 on that day
    [46387, "2026-12-31"],
    [new Date(Date.UTC(2026, 11, 31)), "2026-12-31"], // exceljs: UTC midnight
    [new Date("2026-12-31T23:30:00Z"), "2026-12-31"],
    ["29/02/2567", "2024-02-29"], // leap day 2024 CE
    ["29 ก.พ. 2567", "2024-02-29"],
  ])("reads %j as %s", (input, expected) => {
    expect(parseDate(input)).toEqual({ ok: true, value: expected });
  });

  it.each<[unknown, ParseFailureReason]>([
    ["", "empty"],
    [null, "empty"],
    ["-", "empty"],
    ["#N/A", "spreadsheet_error"],
    ["29/02/2569", "invalid_date"], // 2026 is not a leap year
    ["31/02/2569", "invalid_date"],
    ["31/04/2026", "invalid_date"],
    ["2026-02-29", "invalid_date"],
    ["12/31/2026", "invalid_date"], // month first is not supported: month 31
    ["1/13/2569", "invalid_date"],
    ["32 ธ.ค. 2569", "invalid_date"],
    ["0/12/2569", "invalid_date"],
    [new Date(Number.NaN), "invalid_date"],
    ["31 Decembre 2026", "not_a_date"],
    ["31 ธันวา 2569", "not_a_date"],
    ["tomorrow", "not_a_date"],
    ["2026/12", "not_a_date"],
    ["31/12/2569 extra", "not_a_date"],
    ["2026-12-31T00:00:00Z", "not_a_date"], // an instant, not a plain date
    [true, "not_a_date"],
    [60, "out_of_range"], // the fake 29 Feb 1900 is far below plausible project dates
    [2569, "out_of_range"], // a bare year is not a date
    ["19999", "out_of_range"],
    [80001, "out_of_range"],
    ["31/12/1700", "out_of_range"],
    ["31/12/2300", "out_of_range"], // neither a plausible CE nor a BE year
  ])("rejects %j as %s", (input, reason) => {
    expect(parseDate(input)).toEqual({ ok: false, reason });
  });
});

describe("fromExcelSerial", () => {
  it.each([
    [1, "1900-01-01"],
    [59, "1900-02-28"],
    // Serial 60 is Lotus 1-2-3's non-existent 29 Feb 1900, so 61 is 1 March.
    [61, "1900-03-01"],
    [25569, "1970-01-01"],
    [45292, "2024-01-01"],
    [45351, "2024-02-29"],
  ])("serial %i is %s", (serial, expected) => {
    expect(fromExcelSerial(serial)).toEqual({ ok: true, value: expected });
  });

  it.each<[number, ParseFailureReason]>([
    [60, "invalid_date"],
    [0, "out_of_range"],
    [-5, "out_of_range"],
    [Number.NaN, "out_of_range"],
  ])("rejects serial %d as %s", (serial, reason) => {
    expect(fromExcelSerial(serial)).toEqual({ ok: false, reason });
  });
});

describe("parseBoolean", () => {
  it.each<[unknown, boolean]>([
    ["ใช่", true],
    ["ไม่ใช่", false],
    ["มี", true],
    ["ไม่มี", false],
    ["Yes", true],
    ["NO", false],
    ["y", true],
    ["true", true],
    ["FALSE", false],
    ["1", true],
    ["0", false],
    ["๑", true],
    ["✓", true],
    ["✔\uFE0F", true],
    ["✗", false],
    [" ใช่ ", true],
    [true, true],
    [false, false],
    [1, true],
    [0, false],
  ])("reads %j as %s", (input, expected) => {
    expect(parseBoolean(input)).toEqual({ ok: true, value: expected });
  });

  it.each<[unknown, ParseFailureReason]>([
    ["", "empty"],
    [undefined, "empty"],
    ["-", "empty"],
    ["maybe", "not_a_boolean"],
    ["ไม่แน่ใจ", "not_a_boolean"],
    [2, "not_a_boolean"],
    ["yes please", "not_a_boolean"],
  ])("rejects %j as %s", (input, reason) => {
    expect(parseBoolean(input)).toEqual({ ok: false, reason });
  });
});

describe("normaliseText", () => {
  it.each([
    ["  กรมการปกครอง  ", "กรมการปกครอง"],
    ["กรม  การ\tปกครอง\n", "กรม การ ปกครอง"],
    [`สำนักงาน${NBSP}ก.พ.`, "สำนักงาน ก.พ."],
    ["สำนัก\u200Bงาน", "สำนักงาน"],
    ["\uFEFFรหัสโครงการ", "รหัสโครงการ"], // byte-order mark at the start of a CSV header
    ["\u202Bกระทรวง\u202C", "กระทรวง"],
    ["\u2066DGA\u2069\u200E", "DGA"],
    ["a\u200Db\u200Cc", "abc"],
    // NFC composes a decomposed é; Thai text is left as typed.
    ["Cafe\u0301", "Café"],
  ])("normalises %j to %j", (input, expected) => {
    expect(normaliseText(input)).toBe(expected);
  });

  it.each(["น้ำ", "ผู้ใหญ่", "กิ่ง", "ที่นี่", "พฤศจิกายน", "ฤๅษี", "ไม้ยมก ๆ"])(
    "keeps the Thai vowels and tone marks of %s intact",
    (text) => {
      expect(normaliseText(text)).toBe(text);
      expect(Array.from(normaliseText(text))).toHaveLength(Array.from(text).length);
    },
  );

  it("skips no change that the full normalisation would make (tone mark typed before ุ is reordered)", () => {
    const full = (text: string) => text.normalize("NFC").replace(/[\u200B-\u200D\u2060\uFEFF\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, "").replace(/\s+/g, " ").trim();
    expect(normaliseText("ก\u0E48\u0E38")).toBe("ก\u0E38\u0E48");
    const pieces = ["ก", "\u0E38", "\u0E48", "\u0E3A", "\u0E33", "a", " ", "  ", "\t", "\u00A0", "\u200B", "e\u0301", "1,234.50", "๑"];
    for (const a of pieces) for (const b of pieces) for (const c of pieces) expect(normaliseText(a + b + c)).toBe(full(a + b + c));
    for (let a = 0x0e00; a <= 0x0e7f; a++) {
      for (let b = 0x0e00; b <= 0x0e7f; b++) {
        const text = `ก${String.fromCharCode(a, b)}`;
        if (normaliseText(text) !== full(text)) expect.fail(`U+${a.toString(16)} U+${b.toString(16)}`);
      }
    }
  });
});
