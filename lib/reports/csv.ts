// The report as one CSV: every figure of every section in one long table (quarter, scope, section,
// component, code, item, measure, value, previous quarter, unit), so a quarter's reports can be stacked
// and pivoted. UTF-8 with a byte-order mark so Excel opens Thai correctly; numbers unformatted (no
// thousands separators, "." decimals); text neutralised against formula injection.
import Papa from "papaparse";
import { neutraliseCell } from "@/core/format/spreadsheet";
import { headlineRows } from "@/core/reports/headlines";
import { askCountRows, askRequestRows } from "@/core/reports/asks";
import type { BudgetFigures, CompletenessCounts, ReportSnapshot } from "@/core/reports/snapshot";
import { enumTranslator, nameOf, provisionalCaveat, reportTranslator, scopeName } from "@/core/reports/text";

const BOM = "\uFEFF";

type Value = string | number | null;

/** Four decimals are plenty for any figure here and keep float noise (72.39999999) out of the file. */
function clean(value: Value): Value {
  return typeof value === "number" ? Math.round(value * 10_000) / 10_000 : value;
}

export function renderCsv(snapshot: ReportSnapshot): Buffer {
  const s = snapshot;
  const t = reportTranslator(s.locale);
  const tSeverity = enumTranslator(s.locale, "flags.severity");
  const tCase = enumTranslator(s.locale, "flags.caseStatus");
  const tSource = enumTranslator(s.locale, "enums.source");
  const c = (key: string) => t(`columns.${key}` as "columns.item");
  const scope = scopeName(s);
  const rows: Value[][] = [];
  const add = (section: string, component: string, code: string, item: string, measure: string, value: Value, previous: Value = null, unit = "") =>
    rows.push([s.period.code, scope, section, component, code, item, measure, clean(value), clean(previous), unit]);

  // A yearly report: the four quarters' figures (period = the quarter) and the year-end ones (period = the year).
  if (s.year) {
    const y = s.year;
    const section = t("sections.year");
    const year = String(y.fiscalYear);
    const put = (period: string, component: string, code: string, item: string, measure: string, value: Value, unit = "") =>
      rows.push([period, scope, section, component, code, item, measure, clean(value), null, unit]);
    for (const comp of y.components) {
      const compName = nameOf(s.locale, comp);
      comp.scores.forEach((score, k) => put(y.quarters[k]!, compName, comp.code, compName, c("score"), score));
      for (const i of comp.indicators) {
        const name = nameOf(s.locale, i);
        const unit = s.locale === "en" ? i.unitEn : i.unitTh;
        i.values.forEach((v, k) => put(y.quarters[k]!, compName, i.code, name, c("actual"), v, unit));
        i.targets.forEach((v, k) => put(y.quarters[k]!, compName, i.code, name, c("target"), v, unit));
        put(year, compName, i.code, name, c("yearEnd"), i.yearEnd, unit);
        put(year, compName, i.code, name, c("annualTarget"), i.annualTarget, unit);
        put(year, compName, i.code, name, c("attainment"), i.attainment, "%");
        put(year, compName, i.code, name, c("status"), t(`status.${i.status}`));
      }
    }
    y.completeness.forEach((n, k) => {
      for (const key of ["expected", "submitted", "onTime", "approved"] as const) put(y.quarters[k]!, "", s.scope.code ?? s.scope.kind, scope, c(key), n[key]);
    });
  }

  // A quarter not yet due: the caveat comes first, before any figure is compared with the previous quarter.
  const caveat = provisionalCaveat(s, t);
  if (caveat) add(t("sections.headline"), "", "provisional", caveat, "", null);
  for (const h of headlineRows(s, t)) add(t("sections.headline"), "", h.key, h.label, "", h.value, h.previous, h.unitLabel);

  for (const comp of s.components) {
    const compName = nameOf(s.locale, comp);
    add(t("sections.component"), compName, comp.code, compName, c("score"), comp.score, comp.previousScore);
    for (const i of comp.indicators) {
      const name = nameOf(s.locale, i);
      const unit = s.locale === "en" ? i.unitEn : i.unitTh;
      add(t("sections.kpi"), compName, i.code, name, c("actual"), i.actual, i.previousActual, unit);
      add(t("sections.kpi"), compName, i.code, name, c("target"), i.target, null, unit);
      add(t("sections.kpi"), compName, i.code, name, c("attainment"), i.attainment, null, "%");
      add(t("sections.kpi"), compName, i.code, name, c("status"), t(`status.${i.status}`));
      add(t("sections.kpi"), compName, i.code, name, c("reporting"), i.reporting);
      add(t("sections.kpi"), compName, i.code, name, c("expected"), i.expected);
      if (i.national !== undefined) add(t("sections.kpi"), compName, i.code, name, c("national"), i.national, null, unit);
    }
  }

  const budget = (component: string, code: string, item: string, b: BudgetFigures) => {
    add(t("sections.emenscr"), component, code, item, c("projects"), b.projects);
    add(t("sections.emenscr"), component, code, item, c("allocated"), b.allocated, null, "THB");
    add(t("sections.emenscr"), component, code, item, c("disbursed"), b.disbursed, null, "THB");
    add(t("sections.emenscr"), component, code, item, c("disbursementRate"), b.disbursementRate, null, "%");
    add(t("sections.emenscr"), component, code, item, c("physicalProgress"), b.physicalProgress, null, "%");
  };
  if (s.emenscr.total) budget("", s.scope.code ?? s.scope.kind, scope, s.emenscr.total);
  for (const comp of s.emenscr.byComponent) budget(nameOf(s.locale, comp), comp.code, nameOf(s.locale, comp), comp);

  const counts = (component: string, code: string, item: string, n: CompletenessCounts, previous: CompletenessCounts | null = null) => {
    for (const key of ["expected", "submitted", "onTime", "approved"] as const) add(t("sections.completeness"), component, code, item, c(key), n[key], previous?.[key] ?? null);
  };
  counts("", s.scope.code ?? s.scope.kind, scope, s.completeness.total, s.completeness.previous);
  for (const r of s.completeness.byComponent) counts(nameOf(s.locale, r), r.code, nameOf(s.locale, r), r);
  for (const r of s.completeness.byUnit) counts("", r.code, nameOf(s.locale, r), r);
  for (const m of s.completeness.missing) add(t("sections.completeness"), s.locale === "en" ? m.componentEn : m.componentTh, m.code, nameOf(s.locale, m), `${t("missing")}: ${c("daysOverdue")}`, m.daysOverdue);

  for (const a of s.lagging) {
    const name = nameOf(s.locale, a);
    add(t("sections.lagging"), "", a.code, name, c("severity"), tSeverity(a.worstSeverity));
    add(t("sections.lagging"), "", a.code, name, c("flags"), a.flags);
    add(t("sections.lagging"), "", a.code, name, c("reasons"), (s.locale === "en" ? a.reasonsEn : a.reasonsTh).join("; "));
    add(t("sections.lagging"), "", a.code, name, c("openCases"), a.openCases);
    add(t("sections.lagging"), "", a.code, name, c("overdueCases"), a.overdueCases);
    add(t("sections.lagging"), "", a.code, name, c("followUp"), a.latestCaseStatus ? tCase(a.latestCaseStatus) : t("followUpNone"));
  }

  if (s.asks) {
    const section = t("sections.asks");
    for (const r of askCountRows(s, s.asks, t)) {
      add(section, r.kind === "component" ? r.name : "", r.code, r.name, c("asks"), r.asks);
      if (r.routed !== null) add(section, r.kind === "component" ? r.name : "", r.code, r.name, c("routed"), r.routed);
      if (r.answered !== null) add(section, r.kind === "component" ? r.name : "", r.code, r.name, c("answered"), r.answered);
    }
    for (const r of askRequestRows(s, s.asks)) {
      for (const key of ["source", "asked", "tags", "supportUnit", "requestStatus", "answer"] as const) {
        const value = { source: r.source, asked: r.asked, tags: r.tags, supportUnit: r.unit, requestStatus: r.status, answer: r.answer }[key];
        add(section, r.component, r.agencyCode, r.agency, c(key), value);
      }
    }
  }

  for (const f of s.sources.facts) {
    add(t("sections.source"), "", f.source, tSource(f.source as "emenscr"), c("approvedFacts"), f.approved);
    add(t("sections.source"), "", f.source, tSource(f.source as "emenscr"), c("provisionalFacts"), f.provisional);
  }
  for (const i of s.sources.imports) add(t("sections.source"), "", i.sha256, i.fileName, c("rows"), i.rows);

  const header = ["period", "scope", "section", "component", "code", "item", "measure", "value", "previous", "unit"].map((k) => c(k));
  const body = Papa.unparse({ fields: header.map((h) => neutraliseCell(h) as string), data: rows.map((r) => r.map((v) => neutraliseCell(v))) }, { newline: "\r\n" });
  return Buffer.from(BOM + body + "\r\n", "utf8");
}
