import { getLocale, getTranslations } from "next-intl/server";
import { toLocale } from "@/i18n/locale";
import { isIsoDate } from "@/core/fiscal/calendar";
import { formatDate, formatNumber } from "@/core/format/thai";

interface Evidence {
  reason?: string;
  measured?: number | null;
  threshold?: number | null;
  params?: Record<string, string | number | null>;
}

/**
 * The sentence that says why a flag is raised, from its stored evidence, in the reader's language. The
 * evidence names a component by its code; `subject` (db/queries/flags.ts flagSubjectName) gives its name.
 */
export async function FlagExplanation({ evidence, subject }: { evidence: unknown; subject?: { th: string; en: string } }) {
  const [t, locale] = await Promise.all([getTranslations("flags.reasons"), getLocale().then(toLocale)]);
  const e = (evidence ?? {}) as Evidence;
  if (!e.reason || !t.has(e.reason)) return <span>{t("unknown")}</span>;
  const show = (v: string | number | null | undefined) =>
    v == null ? "–" : typeof v === "number" ? formatNumber(v, locale) : isIsoDate(v) ? formatDate(v, locale) : v;
  const values: Record<string, string> = { measured: show(e.measured), threshold: show(e.threshold) };
  for (const [k, v] of Object.entries(e.params ?? {})) values[k] = show(v);
  if (subject && e.params?.component) values.component = locale === "en" ? subject.en : subject.th;
  return <span>{t(e.reason, values)}</span>;
}

export async function SeverityTag({ severity }: { severity: string }) {
  const t = await getTranslations("flags.severity");
  return <span className={`tag tag--sev-${severity}`}>{t.has(severity) ? t(severity) : severity}</span>;
}
