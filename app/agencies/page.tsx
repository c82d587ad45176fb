import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { isAgencyRole } from "@/core/enums";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { listMinistries, pageAgencies } from "@/db/queries/ecosystem";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/core/auth/permissions";
import { AGENCY_TYPES } from "@/core/enums";
import { forbidden } from "next/navigation";
import { pick, pickName } from "@/i18n/pick";
import { toLocale } from "@/i18n/locale";
import { firstSearchParam, hrefWithParam, pageParam } from "@/core/http/search-params";
import { Pager } from "@/components/ui/pager";
import { FilterSelect } from "@/components/forms/filter-select";
import { PageHeader } from "@/components/ui/page-header";
import { TableFrame } from "@/components/ui/data-table";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("agencies"))("title") };
}

// Filters live in the URL; invalid values are dropped (and said so), never passed to the database.
const filtersSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  ministry: z.string().regex(/^[0-9A-Za-z._-]{1,20}$/).optional().catch(undefined),
  type: z.enum(AGENCY_TYPES).optional().catch(undefined),
});

/** Nationally some 8,000 agencies: shown a page at a time. */
const PAGE_SIZE = 50;

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AgenciesPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireActor();
  if (!can(actor, "agency.view_all")) {
    if (isAgencyRole(actor.role) && actor.agencyCode) redirect(`/agencies/${actor.agencyCode}`);
    forbidden();
  }
  const raw = await searchParams;
  const filters = filtersSchema.parse({ q: firstSearchParam(raw.q), ministry: firstSearchParam(raw.ministry), type: firstSearchParam(raw.type) });
  const dropped = (["q", "ministry", "type"] as const).some((k) => firstSearchParam(raw[k]) && !filters[k]);
  const [t, tType, tErr, locale, { rows, total, page }, ministries] = await Promise.all([
    getTranslations("agencies"),
    getTranslations("enums.agencyType"),
    getTranslations("errors"),
    getLocale().then(toLocale),
    pageAgencies(actor, { query: filters.q, ministryCode: filters.ministry, type: filters.type }, pageParam(raw.page), PAGE_SIZE),
    listMinistries(),
  ]);
  return (
    <div className="page">
      <PageHeader
        title={t("title")}
        intro={t("intro")}
      />
      {dropped && (
        <div className="alert alert--warn" role="status">
          {tErr("invalidFilter")}
        </div>
      )}
      <form className="filters" method="get" role="search">
        <div className="field">
          <label htmlFor="q">{t("search")}</label>
          <input id="q" name="q" type="search" defaultValue={filters.q ?? ""} placeholder={t("searchPlaceholder")} />
        </div>
        <FilterSelect id="ministry" name="ministry" label={t("ministry")} value={filters.ministry ?? ""} all={t("allMinistries")} options={ministries.map((m) => ({ value: m.code, label: pickName(locale, m) }))} />
        <FilterSelect id="type" name="type" label={t("type")} value={filters.type ?? ""} all={t("allTypes")} options={AGENCY_TYPES.map((type) => ({ value: type, label: tType(type) }))} />
        <button type="submit" className="btn">
          {t("apply")}
        </button>
        <Link href="/agencies" className="btn btn--secondary">
          {t("clear")}
        </Link>
      </form>
      <p className="muted" role="status">
        {t("count", { count: total })}
      </p>
      {rows.length ? (
        <TableFrame head={[{ label: t("code") }, { label: t("name") }, { label: t("type") }, { label: t("ministry") }, { label: t("components"), numeric: true }]}>
          {rows.map((a) => (
            <tr key={a.id}>
              <td>
                <code>{a.code}</code>
              </td>
              <td>
                <Link href={`/agencies/${a.code}`}>{pickName(locale, a)}</Link>
                {(locale === "en" ? a.abbrEn : a.abbrTh) && <span className="muted"> ({locale === "en" ? a.abbrEn : a.abbrTh})</span>}
              </td>
              <td>{tType(a.type)}</td>
              <td>{a.parentNameTh ? pick(locale, a.parentNameTh, a.parentNameEn) : "–"}</td>
              <td className="num">{a.componentCount}</td>
            </tr>
          ))}
        </TableFrame>
      ) : (
        <p className="card empty">{t("empty")}</p>
      )}
      <Pager page={page} pageSize={PAGE_SIZE} total={total} hrefFor={(target) => hrefWithParam("/agencies", raw, "page", target > 1 ? String(target) : null)} label={t("pages")} />
    </div>
  );
}
