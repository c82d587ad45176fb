import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePermission } from "@/lib/auth/session";
import { TableImport } from "@/components/admin/table-import";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("tableImport"))("title.target") };
}

export default async function TargetImportPage() {
  await requirePermission("admin.templates");
  const t = await getTranslations("targets");
  return (
    <div className="page">
      <p>
        <Link href="/admin/targets">{t("backToEditor")}</Link>
      </p>
      <TableImport kind="target" endpoint="/api/admin/targets/import" />
    </div>
  );
}
