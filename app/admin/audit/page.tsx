import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { listAuditEntityTypes, listAuditEntries } from "@/db/queries/audit";
import { requirePermission } from "@/lib/auth/session";
import { isIsoDate } from "@/core/fiscal/calendar";
import { formatDateTime, formatNumber } from "@/core/format/thai";
import { toLocale } from "@/i18n/locale";
import { firstSearchParam } from "@/core/http/search-params";
import { Pager } from "@/components/ui/pager";
import { FilterInput, FilterSelect } from "@/components/forms/filter-select";
import { PageHeader } from "@/components/ui/page-header";
import { TableFrame } from "@/components/ui/data-table";
import { FilterDate } from "@/components/forms/date-input";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin"))("auditTitle") };
}

const isoDate = z.string().refine(isIsoDate);
const filtersSchema = z.object({
  actor: z.string().trim().max(200).optional().catch(undefined),
  action: z.string().trim().max(100).optional().catch(undefined),
  entityType: z.string().regex(/^[a-z_.]{1,50}$/).optional().catch(undefined),
  from: isoDate.optional().catch(undefined),
  to: isoDate.optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePermission("admin.audit");
  const raw = await searchParams;
  const filters = filtersSchema.parse(Object.fromEntries(Object.keys(filtersSchema.shape).map((k) => [k, firstSearchParam(raw[k])])));
  const [t, locale, result, entityTypes] = await Promise.all([
    getTranslations("admin"),
    getLocale().then(toLocale),
    listAuditEntries(actor, filters),
    listAuditEntityTypes(actor),
  ]);
  const entityText = (type: string, id: string | null) => {
    const entity = t.has(`entityLabels.${type}`) ? t(`entityLabels.${type}`) : type;
    return id ? t("entityNumber", { entity, id }) : entity;
  };
  const pageHref = (page: number) => {
    const params = new URLSearchParams(Object.entries({ ...filters, page: String(page) }).filter((e): e is [string, string] => Boolean(e[1])));
    return `/admin/audit?${params.toString()}`;
  };
  return (
    <div className="page">
      <PageHeader
        title={t("auditTitle")}
        intro={t("auditIntro")}
      />
      <form className="filters" method="get">
        <FilterInput id="actor" label={t("actor")} value={filters.actor} />
        <FilterInput id="action" label={t("action")} value={filters.action} />
        <FilterSelect id="entityType" name="entityType" label={t("entityType")} value={filters.entityType ?? ""} all={t("allEntities")} options={entityTypes.map((type) => ({ value: type, label: t.has(`entityLabels.${type}`) ? t(`entityLabels.${type}`) : type }))} />
        <FilterDate id="from" label={t("from")} value={filters.from} />
        <FilterDate id="to" label={t("to")} value={filters.to} />
        <button type="submit" className="btn">
          {(await getTranslations("agencies"))("apply")}
        </button>
      </form>
      <p className="muted" role="status">
        {t("total", { count: formatNumber(result.total, locale) })}
      </p>
      {result.rows.length ? (
        <TableFrame head={[{ label: t("at") }, { label: t("actor") }, { label: t("action") }, { label: t("entity") }, { label: t("changes") }]}>
          {result.rows.map((row) => (
            <tr key={row.id}>
              <td style={{ whiteSpace: "nowrap" }}>{formatDateTime(row.at, locale)}</td>
              <td>{row.actorLabel}</td>
              <td>
                {t.has(`actionLabels.${row.action}`) ? t(`actionLabels.${row.action}`) : row.action}
                <br />
                <code className="muted small">{row.action}</code>
              </td>
              <td>{entityText(row.entityType, row.entityId)}</td>
              <td>
                {(row.before != null || row.after != null) && (
                  <details>
                    <summary>{t("changes")}</summary>
                    <pre style={{ whiteSpace: "pre-wrap", fontSize: "0.8rem", maxWidth: "40rem" }}>
                      {JSON.stringify({ before: row.before, after: row.after }, null, 2)}
                    </pre>
                  </details>
                )}
              </td>
            </tr>
          ))}
        </TableFrame>
      ) : (
        <p className="card empty">{t("auditEmpty")}</p>
      )}
      <Pager page={result.page} pageSize={result.pageSize} total={result.total} hrefFor={pageHref} label={t("auditPages")} />
    </div>
  );
}
