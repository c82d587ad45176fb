import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { listApiTokens } from "@/db/queries/api";
import { apiTokenState } from "@/core/api/tokens";
import { formatDateTime, formatNumber } from "@/core/format/thai";
import { todayInBangkok } from "@/core/fiscal/calendar";
import { requirePermission } from "@/lib/auth/session";
import { toLocale } from "@/i18n/locale";
import { IssueApiTokenForm, RevokeApiTokenButton } from "@/components/api/api-token-forms";
import { DataTable } from "@/components/ui/data-table";
import { PageHeader } from "@/components/ui/page-header";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("apiTokens"))("title") };
}

export const dynamic = "force-dynamic";

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Administrators issue a token per external system, see when each was last used, and revoke it. */
export default async function ApiTokensPage() {
  await requirePermission("admin.api_tokens");
  const [tokens, t, locale] = await Promise.all([listApiTokens(), getTranslations("apiTokens"), getLocale().then(toLocale)]);
  const now = new Date();
  const today = todayInBangkok(now);
  return (
    <div className="page">
      <PageHeader title={t("title")} intro={t("intro")} />
      <p>
        {t.rich("docsLink", { link: (chunks) => <Link href="/api-docs">{chunks}</Link> })}
      </p>
      <section className="section">
        <IssueApiTokenForm defaultExpiry={addDays(today, 90)} />
      </section>
      <section className="section" aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">{t("listHeading")}</h2>
        <DataTable
          rows={tokens}
          rowKey={(r) => r.id}
          empty={t("empty")}
          columns={[
            { key: "name", header: t("name"), cell: (r) => <span>{r.name}</span> },
            { key: "prefix", header: t("prefix"), cell: (r) => <code>{r.prefix}…</code> },
            {
              key: "scope",
              header: t("scope"),
              cell: (r) => (r.agencyCode ? `${t(`scopes.${r.scope}`)}: ${locale === "th" ? r.agencyNameTh : r.agencyNameEn} (${r.agencyCode})` : t(`scopes.${r.scope}`)),
            },
            { key: "write", header: t("permission"), cell: (r) => (r.canWrite ? t("readWrite") : t("readOnly")) },
            { key: "rate", header: t("rate"), numeric: true, cell: (r) => formatNumber(r.rateLimitPerMinute, locale) },
            { key: "expires", header: t("expires"), cell: (r) => formatDateTime(r.expiresAt, locale) },
            { key: "state", header: t("state"), cell: (r) => t(`states.${apiTokenState(r, now)}`) },
            { key: "used", header: t("lastUsed"), cell: (r) => (r.lastUsedAt ? formatDateTime(r.lastUsedAt, locale) : t("never")) },
            { key: "revoke", header: <span className="visually-hidden">{t("revoke")}</span>, cell: (r) => (r.revokedAt ? "–" : <RevokeApiTokenButton tokenId={r.id} name={r.name} />) },
          ]}
        />
      </section>
    </div>
  );
}
