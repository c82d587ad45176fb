import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { listUsers } from "@/db/queries/users";
import { requirePermission } from "@/lib/auth/session";
import { formatDateTime } from "@/core/format/thai";
import { pick } from "@/i18n/pick";
import { toLocale } from "@/i18n/locale";
import { listAgencies } from "@/db/queries/ecosystem";
import { ROLES } from "@/core/enums";
import { CreateUserForm, UserRowActions } from "@/components/admin/admin-forms";
import { PageHeader } from "@/components/ui/page-header";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin"))("usersTitle") };
}

export default async function UsersPage() {
  const actor = await requirePermission("admin.users");
  const [t, tRole, tAgency, tMaster, locale, rows, agencyRows] = await Promise.all([
    getTranslations("admin"),
    getTranslations("enums.role"),
    getTranslations("agencies"),
    getTranslations("masterData"),
    getLocale().then(toLocale),
    listUsers(actor),
    listAgencies(actor),
  ]);
  return (
    <div className="page">
      <PageHeader
        title={t("usersTitle")}
        intro={t("usersIntro")}
      />
      <CreateUserForm
        roles={ROLES.map((r) => ({ value: r, label: tRole(r) }))}
        agencies={agencyRows.map((a) => ({ code: a.code, label: `${a.code} ${pick(locale, a.nameTh, a.nameEn)}` }))}
      />
      <div className="table-wrap section">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t("name")}</th>
              <th scope="col">{t("email")}</th>
              <th scope="col">{t("role")}</th>
              <th scope="col">{t("agency")}</th>
              <th scope="col">{t("status")}</th>
              <th scope="col">{t("lastSignIn")}</th>
              <th scope="col">{tMaster("actions")}</th>
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
                <td>
                  <UserRowActions userId={u.id} active={u.active} isSelf={u.id === actor.id} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
