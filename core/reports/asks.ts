// The report's "what agencies asked for and what DGA did" as rows, shared by the PDF, the xlsx and the CSV
// so that each format shows the same figures with the same words.
import type { AsksSection, ReportSnapshot } from "./snapshot";
import { nameOf, type ReportTranslator } from "./text";
import en from "@/messages/en.json";
import th from "@/messages/th.json";

const MESSAGES = { th, en } as const;

export interface AskCountRow {
  kind: "total" | "tag" | "component";
  code: string;
  name: string;
  asks: number;
  routed: number | null;
  answered: number | null;
}

/** Total, then per confirmed tag, then per component. */
export function askCountRows(s: ReportSnapshot, asks: AsksSection, t: ReportTranslator): AskCountRow[] {
  return [
    { kind: "total", code: s.scope.code ?? s.scope.kind, name: t("asksTotal"), asks: asks.total.asks, routed: asks.total.routed, answered: asks.total.answered },
    ...asks.byTag.map((tag): AskCountRow => ({ kind: "tag", code: tag.code, name: nameOf(s.locale, tag), asks: tag.asks, routed: null, answered: null })),
    { kind: "tag", code: "unconfirmed", name: t("asksUnconfirmed"), asks: asks.total.unconfirmed, routed: null, answered: null },
    ...asks.byComponent.map((c): AskCountRow => ({ kind: "component", code: c.code, name: nameOf(s.locale, c), asks: c.asks, routed: c.routed, answered: c.answered })),
  ];
}

export interface AskRequestRow {
  agencyCode: string;
  agency: string;
  component: string;
  source: string;
  asked: string;
  tags: string;
  unit: string;
  status: string;
  answer: string;
}

/** The support requests in words of the report's language. */
export function askRequestRows(s: ReportSnapshot, asks: AsksSection): AskRequestRow[] {
  const words = MESSAGES[s.locale].asks;
  const tagName = new Map(asks.byTag.map((tag) => [tag.code, nameOf(s.locale, tag)]));
  return asks.requests.map((r) => ({
    agencyCode: r.agencyCode,
    agency: s.locale === "en" && r.agencyEn ? r.agencyEn : r.agencyTh,
    component: r.componentTh ? (s.locale === "en" && r.componentEn ? r.componentEn : r.componentTh) : "–",
    source: words.sources[r.source],
    asked: r.text,
    tags: r.tags.map((code) => tagName.get(code) ?? code).join(", "),
    unit: s.locale === "en" ? r.unitEn : r.unitTh,
    status: words.status[r.status],
    answer: r.answer ?? "",
  }));
}
