import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getVisibleAgency } from "@/db/queries/agencies";
import { pageManagedUsers } from "@/db/queries/user-admin";
import { requirePermission } from "@/lib/auth/session";
import { grantableRoles, userAdminScope } from "@/core/auth/user-admin";
import { formatDateTime, formatNumber } from "@/core/format/thai";
import { firstSearchParam, hrefWithParam, pageParam } from "@/core/http/search-params";
import { pick } from "@/i18n/pick";
import { toLocale } from "@/i18n/locale";
import { InviteForm, TeamRowActions } from "@/components/team/team-forms";
import { FilterInput } from "@/components/forms/filter-select";
import { DataTable, type Column } from "@/components/ui/data-table";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("team"))("title") };
}

const PAGE_SIZE = 50;

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * The accounts an agency head, a ministry or provincial administrator, or a DGA administrator manages:
 * searchable and paged (nationally some 20,000), with invitations, deactivation and an upload of many.
 */
export default async function TeamPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePermission("users.manage");
  const scope = userAdminScope(actor);
  if (!scope) forbidden();
  const raw = await searchParams;
  const query = firstSearchParam(raw.q)?.trim().slice(0, 200) || undefined;
  const [t, tRole, locale, { rows, total, page }] = await Promise.all([
    getTranslations("team"),
    getTranslations("enums.role"),
    getLocale().then(toLocale),
    pageManagedUsers(actor, { query }, pageParam(raw.page), PAGE_SIZE),
  ]);
  const ownAgency = scope.kind === "agency" && actor.agencyCode ? await getVisibleAgency(actor, actor.agencyCode) : null;
  const roles = grantableRoles(actor).map((r) => ({ value: r, label: tRole(r) }));
  const columns: Column<(typeof rows)[number]>[] = [
    { key: "name", header: t("name"), cell: (u) => u.name },
    { key: "email", header: t("email"), cell: (u) => u.email },
    { key: "role", header: t("role"), cell: (u) => tRole(u.role) },
    { key: "agency", header: t("agency"), cell: (u) => (u.agencyNameTh ? pick(locale, u.agencyNameTh, u.agencyNameEn) : "–") },
    {
      key: "status",
      header: t("status"),
      cell: (u) => (!u.active ? t("statusInactive") : u.sso ? t("statusSso") : u.invited ? t("statusInvited") : t("statusActive")),
    },
    { key: "lastSignIn", header: t("lastSignIn"), cell: (u) => (u.lastSignInAt ? formatDateTime(u.lastSignInAt, locale) : t("never")) },
    {
      key: "actions",
      header: t("actions"),
      cell: (u) => (u.id === actor.id ? "–" : <TeamRowActions userId={u.id} name={u.name} active={u.active} invited={u.invited} sso={u.sso} />),
    },
  ];
  return (
    <div className="page">
      <PageHeader title={t("title")} intro={t(`intro.${scope.kind}`)} />
      <p>
        <Link href="/team/import">{t("importLink")}</Link>
      </p>
      <InviteForm roles={roles} fixedAgency={ownAgency ? { code: ownAgency.code, label: pick(locale, ownAgency.nameTh, ownAgency.nameEn) } : null} full={scope.kind === "all"} />
      <form className="filters section" method="get" role="search" aria-label={t("search")}>
        <FilterInput id="q" label={t("search")} value={query} />
        <button type="submit" className="btn">
          {t("searchButton")}
        </button>
      </form>
      <p className="muted" role="status">
        {t("total", { count: formatNumber(total, locale) })}
      </p>
      <DataTable rows={rows} rowKey={(u) => u.id} columns={columns} empty={t("empty")} />
      <Pager page={page} pageSize={PAGE_SIZE} total={total} hrefFor={(target) => hrefWithParam("/team", raw, "page", target > 1 ? String(target) : null)} label={t("pages")} />
    </div>
  );
}
