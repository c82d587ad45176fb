import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { listComponentsWithCounts, listMinistries } from "@/db/queries/ecosystem";
import { listPeriods } from "@/db/queries/indicators";
import { listAssignableUsers } from "@/db/queries/users";
import { listOpenGroupCases, listPreviousPeriodIds, listProvinces, listRollupNames, WORKLIST_GROUPS, type WorklistGroup } from "@/db/queries/worklist";
import { findEarlyWarnings } from "@/db/queries/early-warning";
import type { Actor } from "@/core/auth/actor";
import { selectReportingPeriod } from "@/core/fiscal/reporting-period";
import { getProvisionalNotice } from "@/lib/facts/read/provisional";
import { loadWorklistPage } from "@/lib/flags/worklist";
import { ProvisionalNote } from "@/components/dashboard/provisional-note";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/core/auth/permissions";
import { todayInBangkok } from "@/core/fiscal/calendar";
import { SEVERITIES } from "@/core/flags/rules";
import { formatPeriod } from "@/core/format/thai";
import { pickName } from "@/i18n/pick";
import { toLocale } from "@/i18n/locale";
import { RecomputeButton } from "@/components/flags/case-forms";
import { AGENCY_TYPES, isAgencyRole } from "@/core/enums";
import { SeverityTag } from "@/components/flags/flag-explanation";
import { WorklistAgencyRow, WorklistHead } from "@/components/flags/worklist-row";
import { BulkFollowUpForm, OpenGroupCaseForm } from "@/components/flags/worklist-forms";
import { firstSearchParam, hrefWithParam, pageParam } from "@/core/http/search-params";
import { Pager } from "@/components/ui/pager";
import { FilterSelect } from "@/components/forms/filter-select";
import { PageHeader } from "@/components/ui/page-header";
import { TableFrame } from "@/components/ui/data-table";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("worklist"))("title") };
}

const filtersSchema = z.object({
  period: z.string().regex(/^\d{4}Q[1-4]$/).optional().catch(undefined),
  group: z.enum(WORKLIST_GROUPS).optional().catch(undefined),
  severity: z.enum(SEVERITIES).optional().catch(undefined),
  ministry: z.string().regex(/^[0-9A-Za-z._-]{1,20}$/).optional().catch(undefined),
  type: z.enum(AGENCY_TYPES).optional().catch(undefined),
  province: z.string().max(100).optional().catch(undefined),
  component: z.string().regex(/^[a-z_]{1,40}$/).optional().catch(undefined),
  overdue: z.literal("1").optional().catch(undefined),
});
const FILTER_KEYS = ["period", "group", "severity", "ministry", "type", "province", "component", "overdue"] as const;

/** Thousands of agencies lag nationally: the worklist is read a page at a time, highest priority first. */
const PAGE_SIZE = 20;

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function WorklistPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePermission("flags.view");
  const raw = await searchParams;
  const filters = filtersSchema.parse(Object.fromEntries(FILTER_KEYS.map((k) => [k, firstSearchParam(raw[k])])));
  const group: WorklistGroup = isAgencyRole(actor.role) ? "agency" : (filters.group ?? "agency");
  const today = todayInBangkok();
  const [allPeriods, ministries, componentRows, provinces] = await Promise.all([listPeriods(), listMinistries(), listComponentsWithCounts(), listProvinces()]);
  const period = selectReportingPeriod(allPeriods, filters.period, today);
  const [t, tf, tSev, tType, locale] = await Promise.all([
    getTranslations("worklist"),
    getTranslations("flags"),
    getTranslations("flags.severity"),
    getTranslations("enums.agencyType"),
    getLocale().then(toLocale),
  ]);
  if (!period) return <p className="page card empty">{tf("noPeriod")}</p>;
  const ministry = filters.ministry ? ministries.find((m) => m.code === filters.ministry) : undefined;
  const ministryId = ministry ? ministry.id : filters.ministry ? -1 : undefined;
  const options = {
    periodId: period.id,
    previousPeriodIds: await listPreviousPeriodIds(period.id),
    ministryId,
    agencyType: filters.type,
    province: filters.province && provinces.includes(filters.province) ? filters.province : filters.province ? "\u0000none" : undefined,
    minSeverity: filters.severity,
    componentCode: filters.component,
    overdueOnly: filters.overdue === "1",
    today,
  };
  const manage = can(actor, "flags.manage");
  const [result, provisional, analysts] = await Promise.all([
    loadWorklistPage(actor, options, group, pageParam(raw.page), PAGE_SIZE),
    getProvisionalNotice(actor, period, today),
    manage && group === "agency" ? listAssignableUsers(actor) : Promise.resolve([]),
  ]);
  const pageHref = (target: number) => hrefWithParam("/lagging", raw, "page", target > 1 ? String(target) : null);
  const groupHref = (target: WorklistGroup) => hrefWithParam("/lagging", { ...raw, page: undefined }, "group", target === "agency" ? null : target);

  return (
    <div className="page">
      <PageHeader title={t("title")} intro={t("intro")} actions={manage && <RecomputeButton periodId={period.id} />} />
      {!isAgencyRole(actor.role) && (
        <nav className="section-tabs" aria-label={t("groupBy")}>
          <ul>
            {WORKLIST_GROUPS.map((g) => (
              <li key={g}>
                <Link href={groupHref(g)} aria-current={g === group ? "page" : undefined}>
                  {t(`group.${g}`)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <form className="filters" method="get">
        {group !== "agency" && <input type="hidden" name="group" value={group} />}
        <FilterSelect id="period" name="period" label={tf("period")} value={period.code} options={allPeriods.map((p) => ({ value: p.code, label: formatPeriod(p.code, locale, "short") }))} />
        <FilterSelect id="severity" name="severity" label={tf("minSeverity")} value={filters.severity ?? ""} all={tf("anySeverity")} options={SEVERITIES.map((s) => ({ value: s, label: tSev(s) }))} />
        {!isAgencyRole(actor.role) && (
          <>
            <FilterSelect id="ministry" name="ministry" label={tf("ministry")} value={filters.ministry ?? ""} all={tf("allMinistries")} options={ministries.map((m) => ({ value: m.code, label: pickName(locale, m) }))} />
            <FilterSelect id="type" name="type" label={tf("agencyType")} value={filters.type ?? ""} all={tf("allAgencyTypes")} options={AGENCY_TYPES.map((type) => ({ value: type, label: tType(type) }))} />
            <FilterSelect id="province" name="province" label={t("province")} value={filters.province ?? ""} all={t("allProvinces")} options={provinces.map((p) => ({ value: p, label: p }))} />
          </>
        )}
        <FilterSelect id="component" name="component" label={tf("component")} value={filters.component ?? ""} all={tf("allComponents")} options={componentRows.map((c) => ({ value: c.code, label: pickName(locale, c) }))} />
        <label className="assess-choice" style={{ alignSelf: "center" }}>
          <input type="checkbox" name="overdue" value="1" defaultChecked={filters.overdue === "1"} />
          <span>{tf("overdueOnly")}</span>
        </label>
        <button type="submit" className="btn">
          {tf("apply")}
        </button>
      </form>
      <ProvisionalNote notice={provisional} />
      <p className="muted" role="status">
        {t(`count.${group}`, { count: result.total, period: formatPeriod(period.code, locale) })} ·{" "}
        {t("weightsVersion", { version: result.weights.version })} <Link href="/admin/rules#weights">{t("howScored")}</Link>
      </p>
      {result.kind === "agency" && result.rows.length > 0 && <p className="muted small">{t("breakdownLegend")}</p>}
      {result.kind === "agency" ? (
        result.rows.length ? (
          manage ? (
            <BulkFollowUpForm periodId={period.id} analysts={analysts}>
              <AgencyTable actor={actor} rows={result.rows} periodId={period.id} periodCode={period.code} selectable />
            </BulkFollowUpForm>
          ) : (
            <AgencyTable actor={actor} rows={result.rows} periodId={period.id} periodCode={period.code} selectable={false} />
          )
        ) : (
          <p className="card empty">{tf(manage ? "empty" : "emptyReadOnly")}</p>
        )
      ) : (
        <RollupTable group={group as Exclude<WorklistGroup, "agency">} rows={result.rows} periodId={period.id} periodCode={period.code} manage={manage} ministries={ministries} />
      )}
      <Pager page={result.page} pageSize={PAGE_SIZE} total={result.total} hrefFor={pageHref} label={tf("pages")} />
    </div>
  );
}

type AgencyRows = Extract<Awaited<ReturnType<typeof loadWorklistPage>>, { kind: "agency" }>["rows"];

/** The page's agencies, each with its early-warning projection of year-end disbursement when it has one. */
async function AgencyTable({ actor, rows, periodId, periodCode, selectable }: { actor: Actor; rows: AgencyRows; periodId: number; periodCode: string; selectable: boolean }) {
  const warnings = await findEarlyWarnings(actor, { periodId, agencyIds: rows.map((r) => r.agencyId), limit: 0 });
  const projectionOf = new Map(warnings.agencies.map((a) => [a.agencyId, a]));
  return (
    <TableFrame head={<WorklistHead selectable={selectable} />}>
      {rows.map((r) => (
        <WorklistAgencyRow key={r.agencyId} row={{ ...r, projection: projectionOf.get(r.agencyId) }} periodCode={periodCode} selectable={selectable} />
      ))}
    </TableFrame>
  );
}

type RollupRows = Extract<Awaited<ReturnType<typeof loadWorklistPage>>, { kind: "rollup" }>["rows"];

async function RollupTable({
  group,
  rows,
  periodId,
  periodCode,
  manage,
  ministries,
}: {
  group: Exclude<WorklistGroup, "agency">;
  rows: RollupRows;
  periodId: number;
  periodCode: string;
  manage: boolean;
  ministries: { id: number; code: string; nameTh: string; nameEn: string }[];
}) {
  const [t, locale, names, openGroups] = await Promise.all([getTranslations("worklist"), getLocale().then(toLocale), listRollupNames(), listOpenGroupCases(periodId)]);
  const ministryById = new Map(ministries.map((m) => [String(m.id), m]));
  const componentById = new Map(names.components.map((c) => [String(c.id), c]));
  const ruleById = new Map(names.rules.map((r) => [String(r.id), r]));
  const label = (key: string) => {
    const named = group === "ministry" ? ministryById.get(key) : group === "component" ? componentById.get(key) : group === "rule" ? ruleById.get(key) : undefined;
    if (named) return pickName(locale, named);
    return key === "none" ? t("noComponent") : key;
  };
  const filterHref = (key: string) => {
    const params = new URLSearchParams({ period: periodCode });
    if (group === "ministry") params.set("ministry", ministryById.get(key)?.code ?? key);
    else if (group === "province") params.set("province", key);
    else if (group === "component" && componentById.get(key)) params.set("component", componentById.get(key)!.code);
    return `/lagging?${params.toString()}`;
  };
  if (!rows.length) return <p className="card empty">{t("emptyRollup")}</p>;
  const scoped = group === "ministry" || group === "province";
  return (
    <TableFrame
      head={[
        { label: t(`group.${group}`) },
        { label: t("score"), numeric: true },
        { label: t("agencies"), numeric: true },
        { label: t("openFlags"), numeric: true },
        ...(scoped ? [{ label: t("worst") }, { label: t("followUp") }] : []),
      ]}
    >
      {rows.map((r) => {
        const open = scoped ? openGroups.get(group === "ministry" ? `m:${r.key}` : `p:${r.key}`) : undefined;
        return (
          <tr key={r.key}>
            <td>{group === "rule" ? label(r.key) : <Link href={filterHref(r.key)}>{label(r.key)}</Link>}</td>
            <td className="num">{r.score.toFixed(1)}</td>
            <td className="num">{r.agencies}</td>
            <td className="num">{r.openFlags}</td>
            {scoped && (
              <>
                <td>{r.worst && <SeverityTag severity={r.worst} />}</td>
                <td>
                  {open ? (
                    <Link href={`/cases/group/${open}`}>{t("groupCase.link", { id: open })}</Link>
                  ) : manage ? (
                    <OpenGroupCaseForm periodId={periodId} scope={group} scopeKey={group === "ministry" ? (ministryById.get(r.key)?.code ?? r.key) : r.key} label={label(r.key)} />
                  ) : (
                    "–"
                  )}
                </td>
              </>
            )}
          </tr>
        );
      })}
    </TableFrame>
  );
}
