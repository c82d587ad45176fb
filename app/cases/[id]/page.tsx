import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getCaseDetail } from "@/db/queries/flags";
import { canViewGroupCase } from "@/db/queries/group-cases";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/core/auth/permissions";
import { CASE_STATUSES } from "@/core/enums";
import { ForbiddenError, NotFoundError } from "@/core/errors";
import { parseIdParam } from "@/lib/http/route";
import { formatDate, formatDateTime, formatPeriod } from "@/core/format/thai";
import { pick, pickName } from "@/i18n/pick";
import { toLocale } from "@/i18n/locale";
import type { Locale } from "@/core/enums";
import { CaseAttachments } from "@/components/flags/case-attachments";
import { RespondForm, UpdateCaseForm } from "@/components/flags/case-forms";
import { FlagExplanation, SeverityTag } from "@/components/flags/flag-explanation";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { PageHeader } from "@/components/ui/page-header";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  return { title: (await getTranslations("flags"))("caseNumber", { id: (await params).id }) };
}

export default async function CasePage({ params }: { params: Promise<{ id: string }> }) {
  // flags.view, or a reviewer of the agency (read-only): getCaseDetail checks which, and the scope.
  const actor = await requireActor();
  let detail: Awaited<ReturnType<typeof getCaseDetail>>;
  try {
    detail = await getCaseDetail(actor, parseIdParam((await params).id, "case"));
  } catch (error) {
    // Another agency's case answers 404: agency roles and reviewers cannot tell it exists.
    if (error instanceof NotFoundError) notFound();
    if (error instanceof ForbiddenError) forbidden();
    throw error;
  }
  const [t, tw, tNav, tStatus, locale] = await Promise.all([getTranslations("flags"), getTranslations("worklist"), getTranslations("nav"), getTranslations("flags.caseStatus"), getLocale().then(toLocale)]);
  const { kase, agency, period } = detail;
  const closed = kase.status === "resolved" || kase.status === "waived";
  const followsUp = can(actor, "flags.view");
  return (
    <div className="page">
      <Breadcrumb
        label={tNav("label")}
        items={[
          // Reviewers read the case without the worklist (it is DGA's and the agencies').
          ...(followsUp ? [{ href: `/lagging?period=${period.code}`, label: t("title") }, { href: `/lagging/${agency.code}?period=${period.code}`, label: pickName(locale, agency) }] : [{ label: pickName(locale, agency) }]),
          { label: t("caseNumber", { id: kase.id }) },
        ]}
      />
      <PageHeader
        title={<>{t("caseNumber", { id: kase.id })} · {pickName(locale, agency)}</>}
        intro={formatPeriod(period.code, locale)}
      />
      {kase.groupId && (
        <p className="alert alert--info">
          {canViewGroupCase(actor, { scope: "ministry", ministryId: null, province: null }) ? (
            <Link href={`/cases/group/${kase.groupId}`}>{tw("groupCase.partOf", { id: kase.groupId })}</Link>
          ) : (
            tw("groupCase.partOf", { id: kase.groupId })
          )}
        </p>
      )}
      <CaseFacts detail={detail} locale={locale} />
      <div className="section">
        <CaseAttachments
          caseId={kase.id}
          canAttach={!closed && (can(actor, "flags.manage") || can(actor, "flags.respond"))}
          rows={detail.attachments.map((a) => ({
            id: a.id,
            title: a.title,
            fileName: a.fileName,
            sizeBytes: a.sizeBytes,
            sha256: a.sha256,
            attachedBy: t("attachments.by", { name: a.uploadedBy, date: formatDateTime(a.createdAt, locale) }),
          }))}
        />
      </div>
      <CaseTimeline events={detail.events} locale={locale} />
      <div className="two-col section">
        {can(actor, "flags.manage") && (
          <UpdateCaseForm
            caseId={kase.id}
            version={kase.version}
            status={kase.status}
            assigneeId={kase.assigneeId}
            dueOn={kase.dueOn}
            plannedActions={kase.plannedActions}
            analysts={detail.analysts}
            statusOptions={CASE_STATUSES.map((s) => ({ value: s, label: tStatus(s) }))}
          />
        )}
        {can(actor, "flags.respond") && !closed && <RespondForm caseId={kase.id} />}
      </div>
      {followsUp && (
        <p>
          <Link href={`/lagging/${agency.code}?period=${period.code}`}>{t("backToAgency")}</Link>
        </p>
      )}
    </div>
  );
}

type CaseDetail = Awaited<ReturnType<typeof getCaseDetail>>;

/** The case's status, assignee, due date and plans, beside the flags it follows up. */
async function CaseFacts({ detail, locale }: { detail: CaseDetail; locale: Locale }) {
  const [t, tStatus] = await Promise.all([getTranslations("flags"), getTranslations("flags.caseStatus")]);
  const { kase } = detail;
  return (
    <div className="two-col">
      <section className="card" aria-labelledby="case-facts">
        <h2 id="case-facts">{t("caseDetails")}</h2>
        <dl className="facts">
          <dt>{t("status")}</dt>
          <dd>
            <span className={`tag tag--case-${kase.status}`}>{tStatus(kase.status)}</span>
          </dd>
          <dt>{t("assignee")}</dt>
          <dd>{detail.assigneeName ?? "–"}</dd>
          <dt>{t("dueOn")}</dt>
          <dd>{kase.dueOn ? formatDate(kase.dueOn, locale) : "–"}</dd>
          <dt>{t("plannedActions")}</dt>
          <dd>{kase.plannedActions || "–"}</dd>
          {kase.resolution && (
            <>
              <dt>{t("resolution")}</dt>
              <dd>{kase.resolution}</dd>
            </>
          )}
        </dl>
      </section>
      <section className="card" aria-labelledby="case-flags">
        <h2 id="case-flags">{t("flagsCaption")}</h2>
        <ul style={{ paddingLeft: "1.1rem" }}>
          {detail.flags.map((f) => (
            <li key={f.id} style={{ marginBottom: "0.5rem" }}>
              <SeverityTag severity={f.severity} /> <strong>{pick(locale, f.ruleNameTh, f.ruleNameEn)}</strong>
              {f.status === "recovered" && <span className="tag tag--case-resolved"> {t("recovered")}</span>}
              <br />
              <FlagExplanation evidence={f.evidence} subject={{ th: f.subjectTh, en: f.subjectEn }} />
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

/** Everything that happened to the case, oldest first. */
async function CaseTimeline({ events, locale }: { events: CaseDetail["events"]; locale: Locale }) {
  const [t, tStatus, tEvent, tRole] = await Promise.all([getTranslations("flags"), getTranslations("flags.caseStatus"), getTranslations("flags.event"), getTranslations("enums.role")]);
  return (
    <section className="section" aria-labelledby="timeline">
      <h2 id="timeline">{t("timeline")}</h2>
      <ol className="card timeline">
        {events.map(({ event, actorName, actorRole }) => (
          <li key={event.id}>
            <span className="muted">{formatDateTime(event.at, locale)}</span> · <strong>{tEvent(event.kind)}</strong>
            {actorName && ` · ${actorName}${actorRole ? ` (${tRole(actorRole)})` : ""}`}
            {event.toStatus && event.kind === "status_changed" && ` · ${event.fromStatus ? tStatus(event.fromStatus) : ""} → ${tStatus(event.toStatus)}`}
            {event.body && event.kind !== "assigned" && event.kind !== "flag_recovered" && <p style={{ margin: "0.25rem 0 0" }}>{event.body}</p>}
            {event.plannedBy && <p className="muted">{t("plannedByValue", { date: formatDate(event.plannedBy, locale) })}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}
