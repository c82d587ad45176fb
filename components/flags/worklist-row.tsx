import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { ScoredAgency } from "@/db/queries/worklist";
import type { AgencyProjection } from "@/db/queries/early-warning";
import { priorityReasons } from "@/core/flags/priority";
import { formatNumber, formatPercent } from "@/core/format/thai";
import { pick, pickName } from "@/i18n/pick";
import { toLocale } from "@/i18n/locale";
import { HeaderCell } from "@/components/ui/data-table";

export interface WorklistRowData extends ScoredAgency {
  rank: number;
  detail: {
    code: string;
    nameTh: string;
    nameEn: string;
    province: string | null;
    ministryNameTh: string | null;
    ministryNameEn: string | null;
    rulesTh: string[] | null;
    rulesEn: string[] | null;
    cases: { open: number; overdue: number; latest: number | null; group: number | null };
  };
  /** The agency's projected year-end disbursement (early warning), when it has eMENSCR projects this quarter. */
  projection?: Pick<AgencyProjection, "projectedPercent" | "shortfall">;
}

/** The select column's header: each row's checkbox is named by it and the row's agency ("select <agency>"). */
const SELECT_LABEL_ID = "worklist-select";

export async function WorklistHead({ selectable }: { selectable: boolean }) {
  const t = await getTranslations("worklist");
  // The cells only: the table frame puts them in its header row.
  return (
    <>
      {selectable && (
        <th scope="col">
          <span className="visually-hidden" id={SELECT_LABEL_ID}>
            {t("select")}
          </span>
        </th>
      )}
      <HeaderCell numeric>{t("rank")}</HeaderCell>
      <HeaderCell floor="name">{t("agency")}</HeaderCell>
      <HeaderCell numeric>{t("score")}</HeaderCell>
      <HeaderCell floor="prose">{t("reasons")}</HeaderCell>
      <HeaderCell>{t("followUp")}</HeaderCell>
    </>
  );
}

/** One agency of the worklist: its score with trend and breakdown, its reasons in words, its follow-up. */
export async function WorklistAgencyRow({ row, periodCode, selectable }: { row: WorklistRowData; periodCode: string; selectable: boolean }) {
  const [t, tSev, locale] = await Promise.all([getTranslations("worklist"), getTranslations("flags.severity"), getLocale().then(toLocale)]);
  const { detail, priority, input, projection } = row;
  const name = pickName(locale, detail);
  const f = priority.factors;
  const n = (v: number) => formatNumber(v, locale);
  const reasons = priorityReasons(input).map((r) => {
    if (r.key === "worstSeverity") return t("reason.worstSeverity", { count: r.count, severity: tSev(r.severity) });
    if (r.key === "budget") return t("reason.budget", { amount: n(r.millionBaht) });
    if (r.key === "recurrence") return t("reason.recurrence", { quarters: r.quarters });
    return t("reason.openFor", { days: r.days });
  });
  const rules = (locale === "en" ? detail.rulesEn : detail.rulesTh) ?? [];
  return (
    <tr>
      {selectable && (
        <td>
          <input type="checkbox" name="agencyIds" value={row.agencyId} aria-labelledby={`${SELECT_LABEL_ID} worklist-agency-${row.agencyId}`} />
        </td>
      )}
      <td className="num">{row.rank}</td>
      <td>
        <Link href={`/lagging/${detail.code}?period=${periodCode}`} id={`worklist-agency-${row.agencyId}`}>
          {name}
        </Link>
        <br />
        <span className="muted">{[pick(locale, detail.ministryNameTh ?? "", detail.ministryNameEn ?? ""), detail.province].filter(Boolean).join(" · ")}</span>
      </td>
      <td className="num">
        <strong>{priority.score.toFixed(1)}</strong>
        <br />
        <span className={`trend trend--${row.trend}`}>{t(`trend.${row.trend}`, { previous: row.previousScore?.toFixed(1) ?? "" })}</span>
        <br />
        {/* The factors, in the order the table's legend names them (WorklistLegend). */}
        <span className="muted small">{[f.severity, f.openFlags, f.budget, f.recurrence, f.age].map(n).join(" × ")}</span>
      </td>
      <td>
        {reasons.join(" · ")}
        <br />
        <span className="muted">{rules.join(" · ")}</span>
        {projection?.projectedPercent != null && (
          <>
            <br />
            <span className={`tag ${projection.shortfall !== null && projection.shortfall > 0 ? "tag--warning" : "tag--projection"}`}>
              {t("projection", {
                percent: formatPercent(projection.projectedPercent, locale, { fractionDigits: 1 }),
                against: projection.shortfall === null ? "none" : projection.shortfall > 0 ? "short" : "met",
              })}
            </span>
          </>
        )}
      </td>
      <td>
        {detail.cases.group ? (
          <Link href={`/cases/${detail.cases.latest}`}>{t("partOfGroup", { id: detail.cases.group })}</Link>
        ) : detail.cases.latest ? (
          <Link href={`/cases/${detail.cases.latest}`}>{t("caseOpen", { count: detail.cases.open })}</Link>
        ) : (
          t("noCase")
        )}
        {detail.cases.overdue > 0 && (
          <>
            {" "}
            <span className="tag tag--sev-high">{t("overdue", { count: detail.cases.overdue })}</span>
          </>
        )}
      </td>
    </tr>
  );
}
