import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { pageAgenciesForAdmin } from "@/db/queries/admin-agencies";
import { hrefWithParam, pageParam } from "@/core/http/search-params";
import { Pager } from "@/components/ui/pager";
import { requirePermission } from "@/lib/auth/session";
import { pickName } from "@/i18n/pick";
import { toLocale } from "@/i18n/locale";
import { AgencyForm } from "@/components/admin/agency-forms";
import { PageHeader } from "@/components/ui/page-header";
import { ScrollRegion } from "@/components/ui/scroll-region";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("masterData"))("agenciesTitle") };
}

/** Nationally some 8,000 agencies: the table is shown a page at a time. */
const PAGE_SIZE = 100;

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AdminAgenciesPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePermission("admin.master_data");
  const raw = await searchParams;
  const [t, tType, locale, { rows, total, page }] = await Promise.all([
    getTranslations("masterData"),
    getTranslations("enums.agencyType"),
    getLocale().then(toLocale),
    pageAgenciesForAdmin(actor, pageParam(raw.page), PAGE_SIZE),
  ]);
  return (
    <div className="page">
      <PageHeader
        title={t("agenciesTitle")}
        intro={t("agenciesIntro")}
      >
        <p>
          <Link href="/admin/agencies/import">{t("importAgencies")}</Link>
        </p>
      </PageHeader>
      <AgencyForm />
      <ScrollRegion className="table-wrap section">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t("agencyFields.code")}</th>
              <th scope="col">{t("agencyFields.nameTh")}</th>
              <th scope="col">{t("agencyFields.type")}</th>
              <th scope="col">{t("agencyFields.parentCode")}</th>
              <th scope="col">{t("itemStatus")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link href={`/admin/agencies/${r.code}`}>
                    <code>{r.code}</code>
                  </Link>
                </td>
                <td>{pickName(locale, r)}</td>
                <td>{tType(r.type)}</td>
                <td>{r.parentCode ?? "–"}</td>
                <td>{r.active ? t("active") : t("inactive")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <Pager page={page} pageSize={PAGE_SIZE} total={total} hrefFor={(target) => hrefWithParam("/admin/agencies", raw, "page", target > 1 ? String(target) : null)} label={t("agencyPages")} />
    </div>
  );
}
