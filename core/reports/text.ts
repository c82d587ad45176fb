// Words and names of a report in its own language, outside React: the same messages as the UI, so the
// PDF, the xlsx and the CSV say the same thing. The report's language is chosen with the report, not
// taken from whoever downloads it.
import { createTranslator } from "use-intl/core";
import type { Locale } from "@/core/enums";
import { formatDate, formatDateTime, formatPercent, formatPeriod, MISSING_VALUE } from "@/core/format/thai";
import en from "@/messages/en.json";
import th from "@/messages/th.json";
import type { Named, ReportSnapshot } from "./snapshot";

const MESSAGES = { th, en } as const;

export function reportTranslator(locale: Locale) {
  return createTranslator({ locale, messages: MESSAGES[locale], namespace: "reports.document" });
}
export type ReportTranslator = ReturnType<typeof reportTranslator>;

/** Labels the report shares with the rest of the app: severities, case statuses, fact sources. */
export function enumTranslator<N extends "flags.severity" | "flags.caseStatus" | "enums.source">(locale: Locale, namespace: N) {
  return createTranslator({ locale, messages: MESSAGES[locale], namespace });
}

export function nameOf(locale: Locale, row: Pick<Named, "nameTh" | "nameEn">): string {
  return locale === "en" && row.nameEn ? row.nameEn : row.nameTh;
}

export function scopeName(snapshot: Pick<ReportSnapshot, "scope" | "locale">): string {
  const { scope, locale } = snapshot;
  const name = nameOf(locale, scope);
  return scope.kind === "national" || !scope.code ? name : `${name} (${scope.code})`;
}

/** "ไตรมาส 1 ปีงบประมาณ 2570 (1 ต.ค. 2569 – 31 ธ.ค. 2569)" */
export function periodLine(snapshot: Pick<ReportSnapshot, "period" | "locale">, t: ReportTranslator): string {
  const { period, locale } = snapshot;
  return t("periodLine", { period: formatPeriod(period.code, locale), start: formatDate(period.startsOn, locale), end: formatDate(period.endsOn, locale) });
}

/**
 * A report on a quarter whose reports were not yet due when it was made compares preliminary figures with
 * final ones: this caveat goes beside every comparison with the previous quarter. Null once the quarter was due.
 */
export function provisionalCaveat(snapshot: Pick<ReportSnapshot, "overdue" | "period" | "completeness" | "locale">, t: ReportTranslator): string | null {
  if (snapshot.overdue) return null;
  const { submitted, expected } = snapshot.completeness.total;
  const share = expected > 0 ? formatPercent((submitted / expected) * 100, snapshot.locale) : MISSING_VALUE;
  return t("provisionalCaveat", { due: formatDate(snapshot.period.dueOn, snapshot.locale), share });
}

export function dateTimeOf(iso: string | null, locale: Locale, t: ReportTranslator): string {
  return iso ? formatDateTime(new Date(iso), locale) : t("noData");
}

/** A safe, readable file name: lamnam-report-2570Q1-national.pdf, lamnam-report-2570Q1-agency-03002.xlsx */
export function reportFileName(snapshot: Pick<ReportSnapshot, "period" | "scope" | "year">, format: string): string {
  const scope = snapshot.scope.code ? `${snapshot.scope.kind}-${snapshot.scope.code}` : snapshot.scope.kind;
  // A yearly report: lamnam-report-FY2570-national.xlsx
  const span = snapshot.year ? `FY${snapshot.year.fiscalYear}` : snapshot.period.code;
  return `lamnam-report-${span}-${scope.replace(/[^A-Za-z0-9_-]/g, "_")}.${format}`;
}
