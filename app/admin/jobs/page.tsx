import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { getJobOverview, JOB_STATES_SHOWN, type JobRow } from "@/db/queries/jobs";
import { formatDateTime, formatNumber } from "@/core/format/thai";
import type { Locale } from "@/core/enums";
import { requirePermission } from "@/lib/auth/session";
import { listUndeliveredEmail } from "@/lib/notifications/outbox";
import { toLocale } from "@/i18n/locale";
import { RetryJobButton } from "@/components/admin/retry-job-button";
import { DataTable, TableFrame } from "@/components/ui/data-table";
import { PageHeader } from "@/components/ui/page-header";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("jobs"))("title") };
}

export const dynamic = "force-dynamic";

type Translator = Awaited<ReturnType<typeof getTranslations<"jobs">>>;

/** Administrators see what the background workers are doing, what failed and why, and retry it. */
export default async function JobsPage() {
  const actor = await requirePermission("admin.jobs");
  const [overview, mail, t, locale] = await Promise.all([getJobOverview(actor), listUndeliveredEmail(), getTranslations("jobs"), getLocale().then(toLocale)]);
  const queueName = (name: string) => (t.has(`queues.${name}`) ? t(`queues.${name}`) : name);
  return (
    <div className="page">
      <PageHeader title={t("title")} intro={t("intro")} />
      <Section id="queues-heading" heading={t("queuesHeading")}>
        <TableFrame head={[{ label: t("queue") }, ...JOB_STATES_SHOWN.map((s) => ({ label: t(`states.${s}`), numeric: true }))]}>
          {overview.queues.map((q) => (
            <tr key={q.queue}>
              <th scope="row">{queueName(q.queue)}</th>
              {JOB_STATES_SHOWN.map((s) => (
                <td key={s} className="num">
                  {formatNumber(q.counts[s], locale)}
                </td>
              ))}
            </tr>
          ))}
        </TableFrame>
      </Section>
      <Section id="running-heading" heading={t("runningHeading")}>
        <JobTable jobs={overview.running} empty={t("noRunning")} t={t} locale={locale} queueName={queueName} />
      </Section>
      <Section id="failed-heading" heading={t("failedHeading")}>
        <JobTable jobs={overview.failed} empty={t("noFailed")} t={t} locale={locale} queueName={queueName} retry />
      </Section>
      <Section id="mail-heading" heading={t("mailHeading")}>
        <DataTable
          rows={mail}
          rowKey={(m) => m.id}
          empty={t("noMail")}
          columns={[
            { key: "to", header: t("recipient"), cell: (m) => m.toAddress },
            { key: "subject", header: t("subject"), cell: (m) => m.subject },
            { key: "status", header: t("mailStatus"), cell: (m) => t(`mailStates.${m.status === "failed" ? "failed" : "pending"}`) },
            { key: "attempts", header: t("attempts"), numeric: true, cell: (m) => formatNumber(m.attempts, locale) },
            { key: "next", header: t("nextAttempt"), cell: (m) => (m.nextAttemptAt ? formatDateTime(m.nextAttemptAt, locale) : "–") },
            { key: "error", header: t("error"), cell: (m) => <span className="job-error">{m.lastError ?? "–"}</span> },
          ]}
        />
      </Section>
    </div>
  );
}

function Section({ id, heading, children }: { id: string; heading: string; children: React.ReactNode }) {
  return (
    <section className="section" aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      {children}
    </section>
  );
}

/** Jobs running or failed: queue, job and its data, attempts, when, the last error; failed ones with retry. */
function JobTable({ jobs, empty, t, locale, queueName, retry = false }: { jobs: JobRow[]; empty: string; t: Translator; locale: Locale; queueName: (name: string) => string; retry?: boolean }) {
  return (
    <DataTable
      rows={jobs}
      rowKey={(job) => job.id}
      empty={empty}
      columns={[
        { key: "queue", header: t("queue"), cell: (job) => queueName(job.queue) },
        { key: "job", header: t("job"), cell: (job) => <><code>{job.id.slice(0, 8)}</code> <span className="muted">{JSON.stringify(job.data)}</span></> },
        { key: "attempts", header: t("attempts"), numeric: true, cell: (job) => `${formatNumber(job.attempts, locale)} / ${formatNumber(job.retryLimit + 1, locale)}` },
        { key: "since", header: t("since"), cell: (job) => formatDateTime(job.finishedOn ?? job.startedOn ?? job.createdOn, locale) },
        { key: "error", header: t("error"), cell: (job) => <span className="job-error">{job.error ?? "–"}</span> },
        ...(retry ? [{ key: "retry", header: t("retry"), cell: (job: JobRow) => <RetryJobButton jobId={job.id} /> }] : []),
      ]}
    />
  );
}
