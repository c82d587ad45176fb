import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getGroupCaseDetail } from "@/db/queries/group-cases";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/core/auth/permissions";
import { NotFoundError } from "@/core/errors";
import { parseIdParam } from "@/lib/http/route";
import { formatDate, formatDateTime, formatPeriod } from "@/core/format/thai";
import { pick } from "@/i18n/pick";
import { toLocale } from "@/i18n/locale";
import { UpdateGroupCaseForm } from "@/components/flags/worklist-forms";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { PageHeader } from "@/components/ui/page-header";
import { TableFrame } from "@/components/ui/data-table";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  return { title: (await getTranslations("worklist"))("groupCase.title", { id: (await params).id }) };
}

/** A ministry's or province's case: its parts, one per agency, and where each stands. */
export default async function GroupCasePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  let detail: Awaited<ReturnType<typeof getGroupCaseDetail>>;
  try {
    detail = await getGroupCaseDetail(actor, parseIdParam((await params).id, "case"));
  } catch (error) {
    // Agencies see their own part only; another ministry's or province's reviewer cannot tell it exists.
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  const [t, tf, tNav, tStatus, tEvent, locale] = await Promise.all([
    getTranslations("worklist"),
    getTranslations("flags"),
    getTranslations("nav"),
    getTranslations("flags.caseStatus"),
    getTranslations("flags.event"),
    getLocale().then(toLocale),
  ]);
  const { group, period } = detail;
  const scopeName = group.scope === "ministry" ? pick(locale, detail.ministryTh ?? "", detail.ministryEn ?? "") : t("provinceName", { name: group.province ?? "" });
  const closed = detail.parts.filter((p) => p.status === "resolved" || p.status === "waived").length;
  return (
    <div className="page">
      <Breadcrumb label={tNav("label")} items={[{ href: `/lagging?period=${period.code}&group=${group.scope}`, label: t("title") }, { label: t("groupCase.title", { id: group.id }) }]} />
      <PageHeader title={<>{t("groupCase.title", { id: group.id })} · {scopeName}</>} intro={`${t(`groupCase.scope.${group.scope}`)} · ${formatPeriod(period.code, locale)}`} />
      <section className="card" aria-labelledby="group-facts">
        <h2 id="group-facts">{tf("caseDetails")}</h2>
        <dl className="facts">
          <dt>{tf("status")}</dt>
          <dd>
            <span className={`tag tag--case-${group.status}`}>{tStatus(group.status)}</span> {t("groupCase.progress", { closed, total: detail.parts.length })}
          </dd>
          <dt>{tf("assignee")}</dt>
          <dd>{detail.assigneeName ?? "–"}</dd>
          <dt>{tf("dueOn")}</dt>
          <dd>{group.dueOn ? formatDate(group.dueOn, locale) : "–"}</dd>
          <dt>{tf("plannedActions")}</dt>
          <dd>{group.plannedActions || "–"}</dd>
          {group.resolution && (
            <>
              <dt>{tf("resolution")}</dt>
              <dd>{group.resolution}</dd>
            </>
          )}
        </dl>
      </section>
      <section className="section" aria-labelledby="parts">
        <h2 id="parts">{t("groupCase.parts")}</h2>
        <TableFrame head={[{ label: t("agency") }, { label: tf("status") }, { label: t("openFlags"), numeric: true }, { label: t("groupCase.recovered"), numeric: true }, { label: t("groupCase.responses"), numeric: true }]}>
          {detail.parts.map((p) => (
            <tr key={p.id}>
              <td>
                {can(actor, "flags.view") ? <Link href={`/cases/${p.id}`}>{pick(locale, p.agencyTh, p.agencyEn)}</Link> : pick(locale, p.agencyTh, p.agencyEn)}
              </td>
              <td>
                <span className={`tag tag--case-${p.status}`}>{tStatus(p.status)}</span>
              </td>
              <td className="num">{p.flags}</td>
              <td className="num">{p.recovered}</td>
              <td className="num">{p.responses}</td>
            </tr>
          ))}
        </TableFrame>
      </section>
      <section className="section" aria-labelledby="group-timeline">
        <h2 id="group-timeline">{tf("timeline")}</h2>
        <ol className="card timeline">
          {detail.events.map(({ event, actorName }) => (
            <li key={event.id}>
              <span className="muted">{formatDateTime(event.at, locale)}</span> · <strong>{tEvent(event.kind)}</strong>
              {actorName && ` · ${actorName}`}
              {event.toStatus && event.fromStatus && ` · ${tStatus(event.fromStatus)} → ${tStatus(event.toStatus)}`}
              {event.kind === "escalated" && event.body && ` · ${t(`escalationLevel.${event.body as "dga"}`)}`}
              {event.body && ["note", "created", "status_changed"].includes(event.kind) && <p style={{ margin: "0.25rem 0 0" }}>{event.body}</p>}
            </li>
          ))}
        </ol>
      </section>
      {/* A settled case has nothing left to update (it reopens no part). */}
      {can(actor, "flags.manage") && group.status !== "resolved" && group.status !== "waived" && (
        <div className="section">
          <UpdateGroupCaseForm
            groupId={group.id}
            version={group.version}
            status={group.status}
            assigneeId={group.assigneeId}
            dueOn={group.dueOn}
            plannedActions={group.plannedActions}
            analysts={detail.analysts}
            statusOptions={(["open", "in_progress", "waived"] as const).map((s) => ({ value: s, label: tStatus(s) }))}
          />
        </div>
      )}
    </div>
  );
}
