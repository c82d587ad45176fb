import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { pageUsers } from "@/db/queries/users";
import { requirePermission } from "@/lib/auth/session";
import { formatDateTime, formatNumber } from "@/core/format/thai";
import { firstSearchParam, hrefWithParam, pageParam } from "@/core/http/search-params";
import { pick } from "@/i18n/pick";
import { toLocale } from "@/i18n/locale";
import { ROLES } from "@/core/enums";
import { CreateUserForm, UserRowActions } from "@/components/admin/user-forms";
import { FilterInput } from "@/components/forms/filter-select";
import { DataTable, type Column } from "@/components/ui/data-table";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin"))("usersTitle") };
}

/** Nationally some 16,000 accounts: the table is shown a page at a time, with a search on name and e-mail. */
const PAGE_SIZE = 50;

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function UsersPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePermission("admin.users");
  const raw = await searchParams;
  const query = firstSearchParam(raw.q)?.trim().slice(0, 200) || undefined;
  const [t, tRole, tAgency, tMaster, locale, { rows, total, page }] = await Promise.all([
    getTranslations("admin"),
    getTranslations("enums.role"),
    getTranslations("agencies"),
    getTranslations("masterData"),
    getLocale().then(toLocale),
    pageUsers(actor, { query }, pageParam(raw.page), PAGE_SIZE),
  ]);
  const roleOptions = ROLES.map((r) => ({ value: r, label: tRole(r) }));
  const columns: Column<(typeof rows)[number]>[] = [
    { key: "name", header: t("name"), cell: (u) => u.name },
    { key: "email", header: t("email"), cell: (u) => u.email },
    { key: "role", header: t("role"), cell: (u) => tRole(u.role) },
    { key: "agency", header: t("agency"), floor: "name", cell: (u) => (u.agencyNameTh ? pick(locale, u.agencyNameTh, u.agencyNameEn) : "–") },
    { key: "status", header: t("status"), cell: (u) => (u.active ? tAgency("active") : tAgency("inactive")) },
    { key: "lastSignIn", header: t("lastSignIn"), cell: (u) => (u.lastSignInAt ? formatDateTime(u.lastSignInAt, locale) : t("never")) },
    {
      key: "actions",
      header: tMaster("actions"),
      floor: "name",
      cell: (u) => (
        <UserRowActions
          userId={u.id}
          name={u.name}
          active={u.active}
          isSelf={u.id === actor.id}
          role={u.role}
          agency={u.agencyCode && u.agencyNameTh ? { value: u.agencyCode, label: pick(locale, u.agencyNameTh, u.agencyNameEn) } : null}
          roles={roleOptions}
        />
      ),
    },
  ];
  return (
    <div className="page">
      <PageHeader
        title={t("usersTitle")}
        intro={t("usersIntro")}
      />
      <CreateUserForm roles={roleOptions} />
      <form className="filters section" method="get" role="search" aria-label={t("userSearch")}>
        <FilterInput id="q" label={t("userSearch")} value={query} />
        <button type="submit" className="btn">
          {tAgency("search")}
        </button>
      </form>
      <p className="muted" role="status">
        {t("usersTotal", { count: formatNumber(total, locale) })}
      </p>
      <DataTable rows={rows} rowKey={(u) => u.id} columns={columns} empty={t("usersEmpty")} />
      <Pager page={page} pageSize={PAGE_SIZE} total={total} hrefFor={(target) => hrefWithParam("/admin/users", raw, "page", target > 1 ? String(target) : null)} label={t("userPages")} />
    </div>
  );
}
