import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getSubmissionForm } from "@/db/queries/submissions";
import { requirePermission } from "@/lib/auth/session";
import { availableActions, isEditable, nextStatus, PANEL_ACTIONS, type PanelAction } from "@/core/assessments/workflow";
import { reviewContextOf } from "@/db/queries/review-levels";
import { HOLDERS, timeByLevel, waitingFor, type IntermediateLevel } from "@/core/assessments/review-chain";
import { formatDuration } from "@/core/assessments/duration";
import type { SubmissionStatus } from "@/core/assessments/enums";
import { valueKey } from "@/core/assessments/form-schema";
import { NARRATIVE_FIELDS } from "@/core/assessments/enums";
import { NotFoundError } from "@/core/errors";
import { parseCodeParam } from "@/lib/http/route";
import { formatDate, formatDateTime, formatNumber, formatPeriod } from "@/core/format/thai";
import { pick, pickName } from "@/i18n/pick";
import { toLocale } from "@/i18n/locale";
import type { Locale } from "@/core/enums";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { SubmissionForm, type FormItemView } from "@/components/assessments/submission-form";
import { WorkflowPanel } from "@/components/assessments/workflow-panel";
import { SubmissionVersionLabel, SubmissionVersionProvider } from "@/components/assessments/submission-version";
import { EvidencePanel } from "@/components/assessments/evidence-panel";
import { HeldValuesPanel, type HeldValueView } from "@/components/assessments/held-values-panel";
import { can } from "@/core/auth/permissions";
import { StatusTag } from "@/components/assessments/status-tag";
import { WorkflowStepper } from "@/components/assessments/workflow-stepper";
import { PageHeader } from "@/components/ui/page-header";
import { TableFrame } from "@/components/ui/data-table";
import { todayInBangkok } from "@/core/fiscal/calendar";
import { periodPhase } from "@/core/fiscal/period-phase";

type Params = Promise<{ agency: string; period: string; component: string }>;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("submissions"))("formTitle") };
}

export default async function SubmissionPage({ params }: { params: Params }) {
  const actor = await requirePermission("submission.view");
  const p = await params;
  let form: Awaited<ReturnType<typeof getSubmissionForm>>;
  try {
    form = await getSubmissionForm(actor, parseCodeParam(p.agency, "agency"), parseCodeParam(p.period, "period"), parseCodeParam(p.component, "component"));
  } catch (error) {
    // Other agencies' submissions answer 404 to agency roles: not even their existence is disclosed.
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  const [t, tNav, locale] = await Promise.all([getTranslations("submissions"), getTranslations("nav"), getLocale().then(toLocale)]);
  const { agency, period, component, submission } = form;
  const status = submission?.status ?? "draft";
  const review = reviewContextOf(actor, form.review);
  const actions = availableActions(status, actor, agency.id, review);
  const periodOpen = periodPhase(period, todayInBangkok()) === "open";
  const editable = periodOpen && actions.includes("save");
  const intents = (["save", "endorse", "resubmit"] as const).filter((i) => actions.includes(i) && (i !== "resubmit" || status === "returned") && (i !== "endorse" || status === "draft"));
  const path = `/submissions/${agency.code}/${period.code}/${component.code}`;
  const openComments = form.comments.filter((c) => !c.resolvedAt);
  const itemViews = toItemViews(form, openComments, locale, t);
  const narrativeComments = Object.fromEntries(
    NARRATIVE_FIELDS.map((f) => [f, openComments.filter((c) => c.field === f).map((c) => ({ reason: c.reason, comment: c.comment }))]),
  );
  const overall = openComments.filter((c) => c.itemId === null && c.field === null);
  const fieldLabels = fieldLabelsOf(itemViews, t);
  const panelActions = submission ? actions.filter((a): a is PanelAction => (PANEL_ACTIONS as readonly string[]).includes(a)) : [];
  // A DGA return goes back to the intermediate level when the chain says so: the button says where.
  const returnsUp = status === "verified" && nextStatus("return", status, review) === "submitted";

  return (
    <SubmissionVersionProvider initial={submission?.version ?? 0}>
      <div className="page">
        <Breadcrumb
          label={tNav("label")}
          items={[{ href: `/agencies/${agency.code}`, label: pickName(locale, agency) }, { label: formatPeriod(period.code, locale) }, { label: pickName(locale, component) }]}
        />
        <PageHeader
          eyebrow={pickName(locale, agency)}
          title={t("formHeading", { component: pickName(locale, component), period: formatPeriod(period.code, locale) })}
          intro={
            <>
              {t("dueOn", { date: formatDate(period.dueOn, locale) })} · <StatusTag status={submission ? status : "missing"} label={t(`status.${submission ? status : "missing"}`)} />{" "}
              {submission?.late && <span className="tag tag--late">{t("late")}</span>}
              {submission && (
                <span className="muted">
                  {" "}
                  · <SubmissionVersionLabel />
                </span>
              )}
            </>
          }
        />
        <WorkflowStepper status={status} hasSubmission={submission !== null} level={form.review.level} />
        <FormNotices periodOpen={periodOpen} approved={status === "approved"} overall={overall} />
        <HeldValuesPanel rows={heldViews(form, itemViews, locale, t)} canConfirm={can(actor, "facts.confirm")} path={path} />
        {submission && (
          <WorkflowPanel
            submissionId={submission.id}
            version={submission.version}
            path={path}
            actions={panelActions}
            returnsTo={returnsUp ? form.review.level : "agency"}
            reviewFields={[...itemViews.map((i) => ({ key: `item.${i.id}`, label: itemLabel(i, itemViews) })), ...NARRATIVE_FIELDS.map((f) => ({ key: `field.${f}`, label: t(`narrativeFields.${f}`) }))]}
          />
        )}
        <SubmissionForm
          agencyId={agency.id}
          periodId={period.id}
          componentId={component.id}
          version={submission?.version ?? 0}
          path={path}
          items={itemViews}
          initial={form.fields}
          editable={editable && isEditable(status)}
          intents={intents}
          previousPeriod={form.previous ? formatPeriod(form.previous.periodCode, locale, "short") : null}
          narrativeComments={narrativeComments}
          fieldLabels={fieldLabels}
          submissionId={submission?.id ?? null}
          itemEvidence={form.evidence.filter((e) => e.itemId !== null)}
        />
        <EvidencePanel submissionId={submission?.id ?? null} rows={form.evidence.filter((e) => e.itemId === null)} editable={editable && isEditable(status)} />
        <TimeByLevel events={form.events} status={submission ? status : null} level={form.review.level} locale={locale} />
        <SubmissionHistory events={form.events} locale={locale} />
        <p className="section">
          <Link href={`/agencies/${agency.code}`}>{t("backToAgency")}</Link>
        </p>
      </div>
    </SubmissionVersionProvider>
  );
}

type SubmissionFormData = Awaited<ReturnType<typeof getSubmissionForm>>;
type SubmissionTranslator = Awaited<ReturnType<typeof getTranslations<"submissions">>>;

/** Each item of the form as the client form shows it: names, help, unit, target and last quarter's answer in the reader's language. */
function toItemViews(form: SubmissionFormData, openComments: SubmissionFormData["comments"], locale: Locale, t: SubmissionTranslator): FormItemView[] {
  const fmt = (n: number | null, type: string) => (n === null ? null : type === "percent" ? `${formatNumber(n, locale)} %` : formatNumber(n, locale));

  return form.items.map((item) => {
    const withUnit = (n: number | null) => (n === null ? null : `${fmt(n, item.answerType)}${item.answerType === "number" && item.unitTh ? ` ${pick(locale, item.unitTh, item.unitEn)}` : ""}`);
    const previousText = form.previous?.fields[valueKey(item.id)] ?? null;
    return {
      id: item.id,
      code: item.code,
      answerType: item.answerType,
      required: item.required,
      plausibleMin: item.plausibleMin === null ? null : Number(item.plausibleMin),
      plausibleMax: item.plausibleMax === null ? null : Number(item.plausibleMax),
      target: item.target,
      name: pick(locale, item.nameTh, item.nameEn),
      indicatorCode: item.indicator?.code ?? null,
      definition: item.indicator ? pick(locale, item.indicator.definitionTh, item.indicator.definitionEn) : item.helpTh ? pick(locale, item.helpTh, item.helpEn) : null,
      help: null,
      unit: item.unitTh ? pick(locale, item.unitTh, item.unitEn) : null,
      previous: item.previous,
      targetText: withUnit(item.target),
      nationalTargetText: withUnit(item.nationalTarget),
      targetBasis: item.targetBasis,
      owers: item.owers,
      previousText: previousText === null ? null : item.answerType === "boolean" ? t(previousText === "yes" ? "yes" : "no") : previousText,
      levels: (item.levelDescriptors ?? []).map((d) => ({ level: d.level, text: locale === "en" ? d.en : d.th })),
      comments: openComments.filter((c) => c.itemId === item.id).map((c) => ({ reason: c.reason, comment: c.comment })),
    };
  });
}

/** The submission's values held as implausible, worded for the panel above the form. */
function heldViews(form: SubmissionFormData, items: FormItemView[], locale: Locale, t: SubmissionTranslator): HeldValueView[] {
  return form.held.map((h) => {
    const item = items.find((i) => i.id === h.itemId);
    const value = Number(h.value);
    return {
      factId: h.factId,
      label: item ? itemLabel(item, items) : String(h.itemId),
      valueText: item?.answerType === "percent" ? `${formatNumber(value, locale)} %` : `${formatNumber(value, locale)}${item?.unit ? ` ${item.unit}` : ""}`,
      reason: h.reason,
      confirmedText: h.confirmedAt ? t("held.confirmed", { name: h.confirmedBy ?? "?", date: formatDateTime(h.confirmedAt, locale) }) : null,
    };
  });
}

/** How long the agency, the intermediate level and DGA each held the submission (issue 19: time in step per level). */
async function TimeByLevel({ events, status, level, locale }: { events: SubmissionFormData["events"]; status: SubmissionStatus | null; level: IntermediateLevel; locale: Locale }) {
  if (!events.length || !status) return null;
  const t = await getTranslations("submissions.levels");
  const totals = timeByLevel(events, level);
  const holder = waitingFor(status, level);
  return (
    <section className="section" aria-labelledby="levels-heading">
      <h2 id="levels-heading">{t("title")}</h2>
      <p className="muted">{t("intro")}</p>
      <TableFrame head={[{ label: t("level") }, { label: t("time"), numeric: true }]}>
        {HOLDERS.filter((h) => totals[h] !== undefined).map((h) => (
          <tr key={h}>
            <td>
              {t(`holder.${h}`)} {h === holder && <span className="tag">{t("now")}</span>}
            </td>
            <td className="num">{formatDuration(totals[h]!, locale)}</td>
          </tr>
        ))}
      </TableFrame>
    </section>
  );
}

/** The workflow events of the submission, oldest first. */
async function SubmissionHistory({ events, locale }: { events: SubmissionFormData["events"]; locale: Locale }) {
  if (events.length === 0) return null;
  const t = await getTranslations("submissions");
  return (
    <section className="section" aria-labelledby="history-heading">
      <h2 id="history-heading">{t("history")}</h2>
      <TableFrame head={[{ label: t("historyAt") }, { label: t("historyAction") }, { label: t("historyActor") }, { label: t("historyReason") }]}>
        {events.map((e) => (
          <tr key={e.id}>
            <td>{formatDateTime(e.at, locale)}</td>
            <td>
              {t(`actions.${e.action}`)} → {t(`status.${e.toStatus}`)}
            </td>
            <td>{e.actorName ?? "–"}</td>
            <td>{e.reason ?? ""}</td>
          </tr>
        ))}
      </TableFrame>
    </section>
  );
}

/** Why the form is locked (period closed, submission approved) and reviewers' comments on the whole submission. */
async function FormNotices({ periodOpen, approved, overall }: { periodOpen: boolean; approved: boolean; overall: SubmissionFormData["comments"] }) {
  const t = await getTranslations("submissions");
  return (
    <>
      {!periodOpen && <p className="alert alert--info">{t("periodClosed")}</p>}
      {approved && <p className="alert alert--info">{t("approvedLocked")}</p>}
      {overall.map((c) => (
        <p className="alert alert--warn" key={c.id}>
          <strong>{t(`reasons.${c.reason}`)}:</strong> {c.comment} <span className="muted">— {c.authorName}</span>
        </p>
      ))}
    </>
  );
}

/** An item as a person reads it: its number on the form, the indicator's code if it has one, its name. */
function itemLabel(item: FormItemView, items: FormItemView[]): string {
  return `${items.indexOf(item) + 1}. ${item.indicatorCode ? `${item.indicatorCode} ` : ""}${item.name}`;
}

/** Labels of the form's fields for the conflict list: item code and name, or the narrative field's name. */
function fieldLabelsOf(itemViews: FormItemView[], t: SubmissionTranslator): Record<string, string> {
  return {
    ...Object.fromEntries(itemViews.map((i) => [valueKey(i.id), itemLabel(i, itemViews)])),
    ...Object.fromEntries(NARRATIVE_FIELDS.map((f) => [f, t(`narrativeFields.${f}`)])),
  };
}
