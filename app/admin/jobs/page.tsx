import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { getJobOverview, JOB_STATES_SHOWN, type JobRow } from "@/db/queries/jobs";
import { formatDateTime, formatNumber } from "@/core/format/thai";
import type { Locale } from "@/core/enums";
import { requirePermission } from "@/lib/auth/session";
import { listUndeliveredEmail } from "@/lib/notifications/outbox";
import { toLocale } from "@/i18n/locale";
import { RetryJobButton } from "@/components/admin/retry-job-button";
import { PageHeader } from "@/components/ui/page-header";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("jobs"))("title") };
}

export const dynamic = "force-dynamic";

/** Administrators see what the background workers are doing, what failed and why, and retry it. */
export default async function JobsPage() {
  const actor = await requirePermission("admin.jobs");
  const [overview, mail, t, locale] = await Promise.all([getJobOverview(actor), listUndeliveredEmail(), getTranslations("jobs"), getLocale().then(toLocale)]);
  const queueName = (name: string) => (t.has(`queues.${name}`) ? t(`queues.${name}`) : name);
  return (
    <div className="page">
      <PageHeader title={t("title")} intro={t("intro")} />
      <section className="section" aria-labelledby="queues-heading">
        <h2 id="queues-heading">{t("queuesHeading")}</h2>
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t("queue")}</th>
                {JOB_STATES_SHOWN.map((s) => (
                  <th scope="col" key={s} className="num">
                    {t(`states.${s}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
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
            </tbody>
          </table>
        </div>
      </section>
      <JobList heading={t("runningHeading")} id="running-heading" empty={t("noRunning")} jobs={overview.running} locale={locale} queueName={queueName} />
      <JobList heading={t("failedHeading")} id="failed-heading" empty={t("noFailed")} jobs={overview.failed} locale={locale} queueName={queueName} retry />
      <section className="section" aria-labelledby="mail-heading">
        <h2 id="mail-heading">{t("mailHeading")}</h2>
        {mail.length ? (
          <div className="table-wrap">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{t("recipient")}</th>
                  <th scope="col">{t("subject")}</th>
                  <th scope="col">{t("mailStatus")}</th>
                  <th scope="col" className="num">{t("attempts")}</th>
                  <th scope="col">{t("nextAttempt")}</th>
                  <th scope="col">{t("error")}</th>
                </tr>
              </thead>
              <tbody>
                {mail.map((m) => (
                  <tr key={m.id}>
                    <td>{m.toAddress}</td>
                    <td>{m.subject}</td>
                    <td>{t(`mailStates.${m.status === "failed" ? "failed" : "pending"}`)}</td>
                    <td className="num">{formatNumber(m.attempts, locale)}</td>
                    <td>{m.nextAttemptAt ? formatDateTime(m.nextAttemptAt, locale) : "–"}</td>
                    <td className="job-error">{m.lastError ?? "–"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">{t("noMail")}</p>
        )}
      </section>
    </div>
  );
}

async function JobList({ heading, id, empty, jobs, locale, queueName, retry = false }: { heading: string; id: string; empty: string; jobs: JobRow[]; locale: Locale; queueName: (name: string) => string; retry?: boolean }) {
  const t = await getTranslations("jobs");
  return (
    <section className="section" aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      {jobs.length ? (
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t("queue")}</th>
                <th scope="col">{t("job")}</th>
                <th scope="col" className="num">{t("attempts")}</th>
                <th scope="col">{t("since")}</th>
                <th scope="col">{t("error")}</th>
                {retry && <th scope="col">{t("retry")}</th>}
              </tr>
            </thead>
            <tbody>
              {jobs.map((job) => (
                <tr key={job.id}>
                  <th scope="row">{queueName(job.queue)}</th>
                  <td>
                    <code>{job.id.slice(0, 8)}</code> <span className="muted">{JSON.stringify(job.data)}</span>
                  </td>
                  <td className="num">
                    {formatNumber(job.attempts, locale)} / {formatNumber(job.retryLimit + 1, locale)}
                  </td>
                  <td>{formatDateTime(job.finishedOn ?? job.startedOn ?? job.createdOn, locale)}</td>
                  <td className="job-error">{job.error ?? "–"}</td>
                  {retry && (
                    <td>
                      <RetryJobButton jobId={job.id} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">{empty}</p>
      )}
    </section>
  );
}
