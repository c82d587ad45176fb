import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePermission } from "@/lib/auth/session";
import { TableImport } from "@/components/admin/table-import";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("tableImport"))("title.agency") };
}

export default async function AgencyImportPage() {
  await requirePermission("admin.master_data");
  const t = await getTranslations("masterData");
  return (
    <div className="page">
      <p>
        <Link href="/admin/agencies">{t("backToAgencies")}</Link>
      </p>
      <TableImport kind="agency" endpoint="/api/admin/agencies/import" />
    </div>
  );
}
