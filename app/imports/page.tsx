import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { listImportBatches, listImportPeriods, listMappingProfiles, pageImportBatches } from "@/db/queries/imports";
import { ImportWizard } from "@/components/imports/import-wizard";
import { RollbackButton } from "@/components/imports/rollback-button";
import { toLocale } from "@/i18n/locale";
import type { Locale } from "@/core/enums";
import { can } from "@/core/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { formatBytes, importMaxBytes } from "@/lib/import/errors";
import { formatDateTime, formatNumber } from "@/core/format/thai";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { hrefWithParam, pageParam } from "@/core/http/search-params";
import { DataTable, type Column } from "@/components/ui/data-table";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("imports"))("title") };
}

/** The history grows with every import: newest first, a page at a time. */
const HISTORY_PAGE_SIZE = 50;

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ImportsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePermission("import.view");
  const raw = await searchParams;
  const canImport = can(actor, "import.run");
  const [t, locale, history, profiles, periods] = await Promise.all([
    getTranslations("imports"),
    getLocale().then(toLocale),
    pageImportBatches(actor, pageParam(raw.page), HISTORY_PAGE_SIZE),
    canImport ? listMappingProfiles(actor) : [],
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
          canImport && (
            <Link href="/imports/rules" className="btn btn--secondary">
              {t("rules.link")}
            </Link>
          )
        }
      />
      {canImport ? (
        <ImportWizard
          periods={periodCodes}
          profiles={profiles.map((p) => ({ id: p.id, name: p.name }))}
          limitBytes={limit}
          limitLabel={formatBytes(limit)}
        />
      ) : (
        <p className="alert alert--info">{t("readOnly")}</p>
      )}
      <section className="section" aria-labelledby="import-history-heading">
        <h2 id="import-history-heading">{t("history.heading")}</h2>
        <ImportHistory batches={history.rows} canImport={canImport} locale={locale} />
        <Pager page={history.page} pageSize={HISTORY_PAGE_SIZE} total={history.total} hrefFor={(target) => hrefWithParam("/imports", raw, "page", target > 1 ? String(target) : null, "#import-history-heading")} label={t("history.pages")} />
      </section>
    </div>
  );
}

type Batch = Awaited<ReturnType<typeof listImportBatches>>[number];

/** One page of import batches, newest first, with a rollback for those still committed (when the reader may import). */
async function ImportHistory({ batches, canImport, locale }: { batches: Batch[]; canImport: boolean; locale: Locale }) {
  const t = await getTranslations("imports");
  const count = (key: "rows" | "inserted" | "updated" | "unchanged", value: (b: Batch) => number): Column<Batch> => ({ key, header: t(`history.${key}`), numeric: true, cell: (b) => formatNumber(value(b), locale) });
  const columns: Column<Batch>[] = [
    { key: "batch", header: t("history.batch"), numeric: true, cell: (b) => b.id },
    { key: "when", header: t("history.when"), cell: (b) => formatDateTime(b.createdAt, locale) },
    {
      key: "file",
      header: t("history.file"),
      cell: (b) => (
        <>
          {b.fileName}
          <br />
          <code className="import-sha" title={b.fileSha256}>
            {b.fileSha256.slice(0, 12)}…
          </code>
        </>
      ),
    },
    { key: "who", header: t("history.who"), cell: (b) => b.actorLabel },
    { key: "period", header: t("history.period"), cell: (b) => b.periodCode ?? "–" },
    count("rows", (b) => b.rowCount),
    count("inserted", (b) => b.insertedCount),
    count("updated", (b) => b.updatedCount),
    count("unchanged", (b) => b.unchangedCount),
    { key: "status", header: t("history.status"), cell: (b) => <span className={`tag tag--${b.status}`}>{b.status === "committed" ? t("history.statusCommitted") : t("history.statusRolledBack")}</span> },
  ];
  if (canImport) columns.push({ key: "actions", header: t("history.actions"), cell: (b) => b.status === "committed" && <RollbackButton batchId={b.id} /> });
  return <DataTable rows={batches} rowKey={(b) => b.id} columns={columns} empty={t("history.empty")} />;
}
