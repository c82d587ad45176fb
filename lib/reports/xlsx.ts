// The report as an Excel workbook: one sheet per section, the header in row 1 (frozen, filterable),
// real numbers and dates with number formats, Thai headers in a Thai report. Text cells are neutralised
// against formula injection; numbers and dates are never text.
import type { Workbook } from "exceljs";
import ExcelJS from "@/lib/import/exceljs";
import type { Locale } from "@/core/enums";
import { askCountRows, askRequestRows } from "@/core/reports/asks";
import { measureGlossary } from "@/core/measures/glossary";
import { neutraliseCell } from "@/core/format/spreadsheet";
import { formatPeriod } from "@/core/format/thai";
import { HEADLINE_UNIT_FORMAT, headlineRows } from "@/core/reports/headlines";
import type { ReportSnapshot, YearSummary } from "@/core/reports/snapshot";
import { enumTranslator, nameOf, provisionalCaveat, reportTranslator, scopeName, type ReportTranslator } from "@/core/reports/text";

type Cell = string | number | Date | null;
interface Column {
  header: string;
  width: number;
  /** Excel number format of the column's cells. */
  format?: string;
}

const INTEGER = "#,##0";
const DECIMAL = "#,##0.00";
const ONE_DECIMAL = "0.0";
const BAHT = "#,##0.00";

/** Buddhist-era dates in a Thai workbook (Excel's Thai calendar), Gregorian in an English one. */
function dateFormat(locale: Locale, withTime: boolean): string {
  const pattern = withTime ? "d mmm yyyy hh:mm" : "d mmm yyyy";
  return locale === "th" ? `[$-107041E]${pattern}` : pattern;
}

/** Excel dates carry no time zone: an instant is written as its wall-clock time in Bangkok (UTC+7). */
function bangkokWallClock(iso: string): Date {
  return new Date(Date.parse(iso) + 7 * 60 * 60 * 1000);
}

function plainDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

function addTable(workbook: Workbook, name: string, columns: Column[], rows: Cell[][]) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns.map((c, i) => ({ key: `c${i}`, width: c.width, style: c.format ? { numFmt: c.format } : {} }));
  const header = sheet.getRow(1);
  header.values = columns.map((c) => neutraliseCell(c.header) as string);
  header.font = { bold: true };
  header.alignment = { vertical: "middle", wrapText: true };
  header.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8EEF7" } };
  for (const row of rows) sheet.addRow(row.map((cell) => neutraliseCell(cell)));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return sheet;
}

export async function renderXlsx(snapshot: ReportSnapshot): Promise<Buffer> {
  const { locale } = snapshot;
  const t = reportTranslator(locale);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Lamnam";
  workbook.title = t("title");
  workbook.subject = `${scopeName(snapshot)} · ${formatPeriod(snapshot.period.code, locale)}`;
  workbook.created = new Date(snapshot.generatedAt);

  if (snapshot.year) yearSheet(workbook, snapshot, snapshot.year, t);
  summarySheet(workbook, snapshot, t);
  componentSheet(workbook, snapshot, t);
  kpiSheet(workbook, snapshot, t);
  emenscrSheet(workbook, snapshot, t);
  completenessSheets(workbook, snapshot, t);
  laggingSheet(workbook, snapshot, t);
  asksSheets(workbook, snapshot, t);
  sourcesSheet(workbook, snapshot, t);
  definitionsSheet(workbook, snapshot, t);

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The fiscal year side by side: per indicator, each quarter's figure and target, then year-end against the annual target. */
function yearSheet(workbook: Workbook, s: ReportSnapshot, y: YearSummary, t: ReportTranslator) {
  const c = (key: string) => t(`columns.${key}` as "columns.item");
  const quarterLabel = (code: string) => formatPeriod(code, s.locale, "short");
  const rows: Cell[][] = [];
  for (const comp of y.components) {
    const compName = nameOf(s.locale, comp);
    rows.push([compName, comp.code, c("score"), "", ...comp.scores.flatMap((v) => [v, null]), null, null, null, ""]);
    for (const i of comp.indicators) {
      rows.push([
        compName,
        i.code,
        nameOf(s.locale, i),
        s.locale === "en" ? i.unitEn : i.unitTh,
        ...i.values.flatMap((v, k) => [v, i.targets[k] ?? null]),
        i.yearEnd,
        i.annualTarget,
        i.attainment,
        t(`status.${i.status}`),
      ]);
    }
  }
  addTable(
    workbook,
    t("sheets.year"),
    [
      { header: c("component"), width: 28 },
      { header: c("code"), width: 12 },
      { header: c("indicator"), width: 44 },
      { header: c("unit"), width: 12 },
      ...y.quarters.flatMap((q) => [
        { header: `${c("actual")} ${quarterLabel(q)}`, width: 14, format: DECIMAL },
        { header: `${c("target")} ${quarterLabel(q)}`, width: 14, format: DECIMAL },
      ]),
      { header: c("yearEnd"), width: 14, format: DECIMAL },
      { header: c("annualTarget"), width: 14, format: DECIMAL },
      { header: c("attainment"), width: 14, format: ONE_DECIMAL },
      { header: c("status"), width: 14 },
    ],
    rows,
  );
}

function summarySheet(workbook: Workbook, s: ReportSnapshot, t: ReportTranslator) {
  const c = (key: string) => t(`columns.${key}` as "columns.item");
  const sheet = addTable(
    workbook,
    t("sheets.summary"),
    [
      { header: c("item"), width: 44 },
      { header: t("thisQuarter"), width: 16 },
      { header: t("previousQuarter"), width: 16 },
      { header: c("unit"), width: 14 },
    ],
    headlineRows(s, t).map((h) => [h.label, h.value, h.previous, h.unitLabel]),
  );
  // Each headline's own number format (points, percent, count) on its row.
  headlineRows(s, t).forEach((h, i) => {
    for (const col of [2, 3]) sheet.getRow(i + 2).getCell(col).numFmt = HEADLINE_UNIT_FORMAT[h.unit];
  });
  // About the report, below the table: the caveat of a quarter not yet due first, then title, scope, quarter, when, as of.
  const caveat = provisionalCaveat(s, t);
  const about: [string, Cell, string?][] = [
    ...(caveat ? [[caveat, null] as [string, Cell]] : []),
    [t("title"), null],
    [c("scope"), scopeName(s)],
    [c("period"), formatPeriod(s.period.code, s.locale)],
    [t("preparedBy", { name: s.generatedBy, date: "" }).trim(), bangkokWallClock(s.generatedAt), dateFormat(s.locale, true)],
    [t("dataAsOf", { date: "" }).trim(), s.dataAsOf ? bangkokWallClock(s.dataAsOf) : t("noData"), dateFormat(s.locale, true)],
  ];
  if (s.demo) about.push([t("demo"), null]);
  sheet.addRow([]);
  for (const [label, value, format] of about) {
    const row = sheet.addRow([neutraliseCell(label), neutraliseCell(value)]);
    if (format) row.getCell(2).numFmt = format;
    row.getCell(1).font = { bold: true };
  }
}

function componentSheet(workbook: Workbook, s: ReportSnapshot, t: ReportTranslator) {
  const c = (key: string) => t(`columns.${key}` as "columns.item");
  addTable(
    workbook,
    t("sections.component"),
    [
      { header: c("code"), width: 14 },
      { header: c("component"), width: 40 },
      { header: c("score"), width: 12, format: ONE_DECIMAL },
      { header: c("previousScore"), width: 14, format: ONE_DECIMAL },
      { header: c("status"), width: 18 },
    ],
    s.components.map((comp) => [comp.code, nameOf(s.locale, comp), comp.score, comp.previousScore, t(`status.${comp.status}`)]),
  );
}

function kpiSheet(workbook: Workbook, s: ReportSnapshot, t: ReportTranslator) {
  const c = (key: string) => t(`columns.${key}` as "columns.item");
  const agency = s.scope.kind === "agency";
  const columns: Column[] = [
    { header: c("component"), width: 30 },
    { header: c("code"), width: 10 },
    { header: c("indicator"), width: 50 },
    { header: c("unit"), width: 14 },
    { header: c("actual"), width: 14, format: DECIMAL },
    { header: c("target"), width: 14, format: DECIMAL },
    { header: c("attainment"), width: 14, format: ONE_DECIMAL },
    { header: c("status"), width: 18 },
    { header: c("previous"), width: 14, format: DECIMAL },
    { header: c("reporting"), width: 12, format: INTEGER },
    { header: c("expected"), width: 12, format: INTEGER },
  ];
  if (agency) columns.push({ header: c("national"), width: 14, format: DECIMAL });
  const rows = s.components.flatMap((comp) =>
    comp.indicators.map((i): Cell[] => {
      const row: Cell[] = [
        nameOf(s.locale, comp),
        i.code,
        nameOf(s.locale, i),
        s.locale === "en" ? i.unitEn : i.unitTh,
        i.actual,
        i.target,
        i.attainment,
        t(`status.${i.status}`),
        i.previousActual,
        i.reporting,
        i.expected,
      ];
      if (agency) row.push(i.national ?? null);
      return row;
    }),
  );
  addTable(workbook, t("sheets.kpis"), columns, rows);
}

function emenscrSheet(workbook: Workbook, s: ReportSnapshot, t: ReportTranslator) {
  const c = (key: string) => t(`columns.${key}` as "columns.item");
  const rows: Cell[][] = [];
  const line = (code: string | null, name: string, b: NonNullable<ReportSnapshot["emenscr"]["total"]>): Cell[] => [
    code,
    name,
    b.projects,
    b.allocated,
    b.disbursed,
    b.disbursementRate,
    b.physicalProgress,
  ];
  if (s.emenscr.total) rows.push(line(null, scopeName(s), s.emenscr.total));
  for (const comp of s.emenscr.byComponent) rows.push(line(comp.code, nameOf(s.locale, comp), comp));
  // A quarter without imports says so, rather than leaving a sheet of headers only.
  if (!rows.length) rows.push([null, t("noEmenscr"), null, null, null, null, null]);
  addTable(
    workbook,
    t("sheets.emenscr"),
    [
      { header: c("code"), width: 12 },
      { header: c("item"), width: 44 },
      { header: c("projects"), width: 12, format: INTEGER },
      { header: c("allocated"), width: 22, format: BAHT },
      { header: c("disbursed"), width: 22, format: BAHT },
      { header: c("disbursementRate"), width: 14, format: ONE_DECIMAL },
      { header: c("physicalProgress"), width: 16, format: ONE_DECIMAL },
    ],
    rows,
  );
}

function completenessSheets(workbook: Workbook, s: ReportSnapshot, t: ReportTranslator) {
  const c = (key: string) => t(`columns.${key}` as "columns.item");
  const counts = (label: string, code: string | null, n: ReportSnapshot["completeness"]["total"]): Cell[] => [
    label,
    code,
    n.expected,
    n.submitted,
    n.onTime,
    n.approved,
    n.expected ? (n.submitted / n.expected) * 100 : null,
  ];
  const { completeness } = s;
  const unitGroup = completeness.unitKind === "ministry" ? t("byMinistry") : t("byAgency");
  addTable(
    workbook,
    t("sheets.completeness"),
    [
      { header: c("item"), width: 44 },
      { header: c("code"), width: 12 },
      { header: c("expected"), width: 12, format: INTEGER },
      { header: c("submitted"), width: 12, format: INTEGER },
      { header: c("onTime"), width: 12, format: INTEGER },
      { header: c("approved"), width: 12, format: INTEGER },
      { header: c("submittedShare"), width: 14, format: ONE_DECIMAL },
    ],
    [
      counts(scopeName(s), null, completeness.total),
      ...completeness.byComponent.map((r) => counts(`${t("byComponent")}: ${nameOf(s.locale, r)}`, r.code, r)),
      ...completeness.byUnit.map((r) => counts(`${unitGroup}: ${nameOf(s.locale, r)}`, r.code, r)),
    ],
  );
  addTable(
    workbook,
    t("sheets.missing"),
    [
      { header: c("code"), width: 12 },
      { header: c("agency"), width: 44 },
      { header: c("component"), width: 36 },
      { header: c("daysOverdue"), width: 14, format: INTEGER },
    ],
    completeness.missing.map((m) => [m.code, nameOf(s.locale, m), s.locale === "en" ? m.componentEn : m.componentTh, m.daysOverdue]),
  );
}

function laggingSheet(workbook: Workbook, s: ReportSnapshot, t: ReportTranslator) {
  const c = (key: string) => t(`columns.${key}` as "columns.item");
  const tSeverity = enumTranslator(s.locale, "flags.severity");
  const tCase = enumTranslator(s.locale, "flags.caseStatus");
  addTable(
    workbook,
    t("sheets.lagging"),
    [
      { header: c("code"), width: 12 },
      { header: c("agency"), width: 40 },
      { header: c("ministry"), width: 32 },
      { header: c("severity"), width: 16 },
      { header: c("flags"), width: 12, format: INTEGER },
      { header: c("reasons"), width: 60 },
      { header: c("openCases"), width: 14, format: INTEGER },
      { header: c("overdueCases"), width: 14, format: INTEGER },
      { header: c("followUp"), width: 18 },
    ],
    s.lagging.map((a) => [
      a.code,
      nameOf(s.locale, a),
      (s.locale === "en" ? a.ministryEn : a.ministryTh) ?? null,
      tSeverity(a.worstSeverity),
      a.flags,
      (s.locale === "en" ? a.reasonsEn : a.reasonsTh).join("; "),
      a.openCases,
      a.overdueCases,
      a.latestCaseStatus ? tCase(a.latestCaseStatus) : t("followUpNone"),
    ]),
  );
}

function asksSheets(workbook: Workbook, s: ReportSnapshot, t: ReportTranslator) {
  if (!s.asks) return;
  const c = (key: string) => t(`columns.${key}` as "columns.item");
  addTable(
    workbook,
    t("sheets.asks"),
    [
      { header: c("section"), width: 16 },
      { header: c("code"), width: 18 },
      { header: c("item"), width: 40 },
      { header: c("asks"), width: 12, format: INTEGER },
      { header: c("routed"), width: 14, format: INTEGER },
      { header: c("answered"), width: 12, format: INTEGER },
    ],
    askCountRows(s, s.asks, t).map((r): Cell[] => [t(`asksKinds.${r.kind}`), r.code, r.name, r.asks, r.routed, r.answered]),
  );
  addTable(
    workbook,
    t("sheets.requests"),
    [
      { header: c("code"), width: 12 },
      { header: c("agency"), width: 36 },
      { header: c("component"), width: 28 },
      { header: c("source"), width: 30 },
      { header: c("asked"), width: 60 },
      { header: c("tags"), width: 30 },
      { header: c("supportUnit"), width: 36 },
      { header: c("requestStatus"), width: 16 },
      { header: c("answer"), width: 60 },
    ],
    askRequestRows(s, s.asks).map((r): Cell[] => [r.agencyCode, r.agency, r.component, r.source, r.asked, r.tags, r.unit, r.status, r.answer]),
  );
}

function sourcesSheet(workbook: Workbook, s: ReportSnapshot, t: ReportTranslator) {
  const c = (key: string) => t(`columns.${key}` as "columns.item");
  const tSource = enumTranslator(s.locale, "enums.source");
  const sheet = addTable(
    workbook,
    t("sheets.sources"),
    [
      { header: c("source"), width: 40 },
      { header: c("approvedFacts"), width: 18, format: INTEGER },
      { header: c("provisionalFacts"), width: 18, format: INTEGER },
      { header: c("file"), width: 40 },
      { header: c("importedAt"), width: 22, format: dateFormat(s.locale, true) },
      { header: c("rows"), width: 12, format: INTEGER },
      { header: c("sha256"), width: 70 },
    ],
    [
      ...s.sources.facts.map((f): Cell[] => [tSource(f.source as "emenscr"), f.approved, f.provisional, null, null, null, null]),
      ...s.sources.imports.map((i): Cell[] => [t("imports"), null, null, i.fileName, bangkokWallClock(i.finishedAt), i.rows, i.sha256]),
    ],
  );
  sheet.addRow([]);
  sheet.addRow([neutraliseCell(t("sourcesIntro"))]);
  sheet.addRow([neutraliseCell(t("approvedSubmissions", { count: s.sources.approvedSubmissions }))]);
  const asOf = sheet.addRow([neutraliseCell(t("dataAsOf", { date: "" }).trim()), s.dataAsOf ? bangkokWallClock(s.dataAsOf) : neutraliseCell(t("noData"))]);
  asOf.getCell(2).numFmt = dateFormat(s.locale, true);
  const period = sheet.addRow([neutraliseCell(formatPeriod(s.period.code, s.locale)), plainDate(s.period.startsOn), plainDate(s.period.endsOn)]);
  period.getCell(2).numFmt = dateFormat(s.locale, false);
  period.getCell(3).numFmt = dateFormat(s.locale, false);
}

function definitionsSheet(workbook: Workbook, s: ReportSnapshot, t: ReportTranslator) {
  const c = (key: string) => t(`columns.${key}` as "columns.item");
  addTable(
    workbook,
    t("sheets.definitions"),
    [
      { header: c("measure"), width: 36 },
      { header: c("definition"), width: 110 },
    ],
    measureGlossary(s.locale).map((m): Cell[] => [m.name, m.definition]),
  );
}
