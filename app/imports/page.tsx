import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { listAgencyChoices, listImportBatches, listImportPeriods, listMappingProfiles } from "@/db/queries/imports";
import { ImportWizard } from "@/components/imports/import-wizard";
import { RollbackButton } from "@/components/imports/rollback-button";
import { pickName } from "@/i18n/pick";
import { toLocale } from "@/i18n/locale";
import { can } from "@/core/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { formatBytes, importMaxBytes } from "@/lib/import/errors";
import { formatDateTime, formatNumber } from "@/core/format/thai";
import { PageHeader } from "@/components/ui/page-header";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("imports"))("title") };
}

export default async function ImportsPage() {
  const actor = await requirePermission("import.view");
  const canImport = can(actor, "import.run");
  const [t, locale, batches, profiles, agencies, periods] = await Promise.all([
    getTranslations("imports"),
    getLocale().then(toLocale),
    listImportBatches(actor),
    canImport ? listMappingProfiles(actor) : [],
    canImport ? listAgencyChoices(actor) : [],
    canImport ? listImportPeriods(actor) : [],
  ]);
  const limit = importMaxBytes();
  // The open period first: that is what an analyst usually imports.
  const periodCodes = [...periods].sort((a, b) => Number(b.status === "open") - Number(a.status === "open") || b.code.localeCompare(a.code)).map((p) => p.code);
  return (
    <div className="page">
      <PageHeader
        title={t("title")}
        intro={t("intro")}
        actions={
          <>
            {canImport && (
              <Link href="/imports/rules" className="btn btn--secondary">
                {t("rules.link")}
              </Link>
            )}
          </>
        }
      />
      {canImport ? (
        <ImportWizard
          periods={periodCodes}
          profiles={profiles.map((p) => ({ id: p.id, name: p.name }))}
          agencies={agencies.map((a) => ({ id: a.id, code: a.code, name: pickName(locale, a) }))}
          limitBytes={limit}
          limitLabel={formatBytes(limit)}
        />
      ) : (
        <p className="alert alert--info">{t("readOnly")}</p>
      )}
      <section className="section" aria-labelledby="import-history-heading">
        <h2 id="import-history-heading">{t("history.heading")}</h2>
        {batches.length === 0 ? (
          <p className="card empty">{t("history.empty")}</p>
        ) : (
          <div className="table-wrap">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col" className="num">{t("history.batch")}</th>
                  <th scope="col">{t("history.when")}</th>
                  <th scope="col">{t("history.file")}</th>
                  <th scope="col">{t("history.who")}</th>
                  <th scope="col">{t("history.period")}</th>
                  <th scope="col" className="num">{t("history.rows")}</th>
                  <th scope="col" className="num">{t("history.inserted")}</th>
                  <th scope="col" className="num">{t("history.updated")}</th>
                  <th scope="col" className="num">{t("history.unchanged")}</th>
                  <th scope="col">{t("history.status")}</th>
                  {canImport && <th scope="col">{t("history.actions")}</th>}
                </tr>
              </thead>
              <tbody>
                {batches.map((b) => (
                  <tr key={b.id}>
                    <td className="num">{b.id}</td>
                    <td>{formatDateTime(b.createdAt, locale)}</td>
                    <td>
                      {b.fileName}
                      <br />
                      <code className="import-sha" title={b.fileSha256}>{b.fileSha256.slice(0, 12)}…</code>
                    </td>
                    <td>{b.actorLabel}</td>
                    <td>{b.periodCode ?? "–"}</td>
                    <td className="num">{formatNumber(b.rowCount, locale)}</td>
                    <td className="num">{formatNumber(b.insertedCount, locale)}</td>
                    <td className="num">{formatNumber(b.updatedCount, locale)}</td>
                    <td className="num">{formatNumber(b.unchangedCount, locale)}</td>
                    <td>
                      <span className={`tag tag--${b.status}`}>{b.status === "committed" ? t("history.statusCommitted") : t("history.statusRolledBack")}</span>
                    </td>
                    {canImport && <td>{b.status === "committed" && <RollbackButton batchId={b.id} />}</td>}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
