import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { listPeriods } from "@/db/queries/indicators";
import { requirePermission } from "@/lib/auth/session";
import { formatDate, formatPeriod } from "@/core/format/thai";
import { toLocale } from "@/i18n/locale";
import { PeriodRowForm } from "@/components/admin/admin-forms";
import { PageHeader } from "@/components/ui/page-header";
import { TableFrame } from "@/components/ui/data-table";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("masterData"))("periodsTitle") };
}

export default async function PeriodsPage() {
  await requirePermission("admin.master_data");
  const [t, locale, rows] = await Promise.all([getTranslations("masterData"), getLocale().then(toLocale), listPeriods()]);
  return (
    <div className="page">
      <PageHeader
        title={t("periodsTitle")}
        intro={t("periodsIntro")}
      />
      <TableFrame head={[{ label: t("period") }, { label: t("range") }, { label: t("statusAndDue") }]}>
        {rows.map((p) => (
          <tr key={p.id}>
            <th scope="row">{formatPeriod(p.code, locale)}</th>
            <td>
              {formatDate(p.startsOn, locale)} – {formatDate(p.endsOn, locale)}
            </td>
            <td>
              <PeriodRowForm periodId={p.id} status={p.status} dueOn={p.dueOn} label={formatPeriod(p.code, locale)} />
            </td>
          </tr>
        ))}
      </TableFrame>
    </div>
  );
}
