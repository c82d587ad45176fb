import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { listPlatforms } from "@/db/queries/catalogue";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/core/auth/permissions";
import { toLocale } from "@/i18n/locale";
import { pick, pickName } from "@/i18n/pick";
import { PageHeader } from "@/components/ui/page-header";
import { TableFrame } from "@/components/ui/data-table";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("catalogue"))("platformsTitle") };
}

/** The platforms and services registry: each with its owner, channel, component, status and KPIs. */
export default async function PlatformsPage() {
  const actor = await requirePermission("indicator.view");
  const [t, tStatus, locale, rows] = await Promise.all([getTranslations("catalogue"), getTranslations("enums.serviceStatus"), getLocale().then(toLocale), listPlatforms()]);
  return (
    <div className="page">
      <PageHeader
        title={t("platformsTitle")}
        intro={t("platformsIntro")}
        actions={can(actor, "admin.master_data") ? <Link href="/admin/platforms">{t("managePlatforms")}</Link> : undefined}
      />
      <TableFrame head={[{ label: t("platform") }, { label: t("fields.ownerName") }, { label: t("fields.channel") }, { label: t("fields.component") }, { label: t("status") }, { label: t("kpis"), numeric: true }]}>
        {rows.map((p) => (
          <tr key={p.id}>
            <th scope="row">
              <Link href={`/platforms/${encodeURIComponent(p.code)}`}>{pickName(locale, p)}</Link>
            </th>
            <td>{pick(locale, p.ownerNameTh, p.ownerNameEn)}</td>
            <td>{p.channel}</td>
            <td>
              {pick(locale, p.componentNameTh, p.componentNameEn)}
              {p.elementCode && (
                <>
                  <br />
                  <span className="muted small">{pick(locale, p.elementNameTh ?? "", p.elementNameEn)}</span>
                </>
              )}
            </td>
            <td>{tStatus(p.status)}</td>
            <td className="num">{p.kpiCount}</td>
          </tr>
        ))}
      </TableFrame>
    </div>
  );
}
