import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { listUsers } from "@/db/queries/users";
import { requirePermission } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format/thai";
import { pick } from "@/i18n/pick";
import { toLocale } from "@/i18n/locale";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin"))("usersTitle") };
}

export default async function UsersPage() {
  const actor = await requirePermission("admin.users");
  const [t, tRole, tAgency, locale, rows] = await Promise.all([
    getTranslations("admin"),
    getTranslations("enums.role"),
    getTranslations("agencies"),
    getLocale().then(toLocale),
    listUsers(actor),
  ]);
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>{t("usersTitle")}</h1>
          <p>{t("usersIntro")}</p>
        </div>
      </div>
      <div className="table-wrap">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t("name")}</th>
              <th scope="col">{t("email")}</th>
              <th scope="col">{t("role")}</th>
              <th scope="col">{t("agency")}</th>
              <th scope="col">{t("status")}</th>
              <th scope="col">{t("lastSignIn")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((u) => (
              <tr key={u.id}>
                <td>{u.name}</td>
                <td>{u.email}</td>
                <td>{tRole(u.role)}</td>
                <td>{u.agencyNameTh ? pick(locale, u.agencyNameTh, u.agencyNameEn) : "–"}</td>
                <td>{u.active ? tAgency("active") : tAgency("inactive")}</td>
                <td>{u.lastSignInAt ? formatDateTime(u.lastSignInAt, locale) : t("never")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
