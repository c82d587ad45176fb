import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requirePermission } from "@/lib/auth/session";
import { userAdminScope } from "@/core/auth/user-admin";
import { TableImport } from "@/components/admin/table-import";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("tableImport"))("title.user") };
}

/** Many accounts at once, within the uploader's scope: preview, one transaction, invitations after. */
export default async function TeamImportPage() {
  const actor = await requirePermission("users.manage");
  if (!userAdminScope(actor)) forbidden();
  const t = await getTranslations("team");
  return (
    <div className="page">
      <p>
        <Link href="/team">{t("backToTeam")}</Link>
      </p>
      <TableImport kind="user" endpoint="/api/team/import" />
    </div>
  );
}
