import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { and, eq, inArray, or, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { periods, reportFiles, reports } from "@/db/schema";
import { loadActiveActor } from "@/db/queries/users";
import { SYSTEM_ACTOR } from "@/core/auth/actor";
import { JOB_QUEUES, sendJob } from "@/lib/jobs/queue";
import type { Actor } from "@/core/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { ValidationError } from "@/core/errors";
import { formatPeriod } from "@/core/format/thai";
import { collectReport, type CollectOptions } from "./collect";
import { collectYearReport } from "./collect-year";
import { renderCsv } from "./csv";
import type { ReportFormat, ReportStage } from "@/core/reports/enums";
import { PdfUnavailableError, printToPdf } from "./pdf";
import { reportRequestSchema, resolveReportRequest, type ResolvedRequest } from "./scope";
import type { ReportSnapshot } from "@/core/reports/snapshot";
import { reportFileName, reportTranslator, scopeName } from "@/core/reports/text";
import { renderXlsx } from "./xlsx";
import { log } from "@/core/log";

// A report is generated in steps (collect the figures, lay out the file, save it), each recorded on the
// report row so the page can show progress; the finished file is archived with its SHA-256. The web
// app queues a job (lib/jobs), run by a worker one at a time (Chromium is heavy); the CLI runs one in
// the foreground. A worker killed mid-generation has its job retried, which takes the report over.

const PROGRESS: Record<ReportStage, number> = { queued: 0, collecting: 10, rendering: 45, saving: 90, done: 100 };
const RENDER_TOKEN_TTL_MS = 5 * 60 * 1000;

export interface GenerateOptions extends CollectOptions {
  /** Base URL of a running app whose print view Chromium opens (PDF only). */
  printOrigin?: string;
}

/** Validates and authorises a request and records it as queued; returns the new report's id. */
export async function createReport(actor: Actor, input: unknown): Promise<{ id: number; resolved: ResolvedRequest }> {
  const parsed = reportRequestSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(z.flattenError(parsed.error).fieldErrors as Record<string, string[]>);
  const resolved = await resolveReportRequest(actor, parsed.data);
  await failInterruptedReports();
  const id = await getDb().transaction(async (tx) => {
    const [row] = await tx
      .insert(reports)
      .values({
        periodId: resolved.periodId,
        span: resolved.request.span,
        scope: resolved.scope.kind,
        scopeCode: resolved.scope.code,
        scopeAgencyId: resolved.scope.agencyId,
        format: resolved.request.format,
        locale: resolved.request.locale,
        createdBy: actor.id > 0 ? actor.id : null,
      })
      .returning({ id: reports.id });
    await recordAudit(tx, actor, { action: "report.request", entityType: "report", entityId: row!.id, after: resolved.request });
    return row!.id;
  });
  return { id, resolved };
}

async function setStage(id: number, stage: ReportStage, extra: Partial<typeof reports.$inferInsert> = {}) {
  await getDb()
    .update(reports)
    .set({ stage, progress: PROGRESS[stage], ...extra })
    .where(eq(reports.id, id));
}

/** Runs a queued report to the end; failures are recorded on the report (and rethrown to the caller). */
export async function runReport(id: number, actor: Actor, resolved: ResolvedRequest, options: GenerateOptions = {}): Promise<void> {
  try {
    await setStage(id, "collecting", { status: "running", startedAt: new Date() });
    const snapshot = resolved.request.span === "year" ? await collectYearReport(actor, resolved, options) : await collectReport(actor, resolved, options);
    await setStage(id, "rendering", { snapshot, dataAsOf: snapshot.dataAsOf ? new Date(snapshot.dataAsOf) : null });
    const content = await render(id, resolved.request.format, snapshot, options);
    await setStage(id, "saving");
    const sha256 = createHash("sha256").update(content).digest("hex");
    const fileName = reportFileName(snapshot, resolved.request.format);
    await getDb().transaction(async (tx) => {
      await tx.insert(reportFiles).values({ reportId: id, content });
      await tx
        .update(reports)
        .set({ status: "done", stage: "done", progress: 100, fileName, sizeBytes: content.length, sha256, finishedAt: new Date(), renderTokenHash: null, renderTokenExpiresAt: null })
        .where(eq(reports.id, id));
      await recordAudit(tx, actor, { action: "report.generate", entityType: "report", entityId: id, after: { fileName, sizeBytes: content.length, sha256, dataAsOf: snapshot.dataAsOf } });
    });
  } catch (error) {
    const code = error instanceof PdfUnavailableError ? "pdfUnavailable" : "internal";
    if (code === "internal") log("error", "reports.generation_failed", { reportId: id, error });
    await getDb()
      .update(reports)
      .set({ status: "failed", error: code, finishedAt: new Date(), renderTokenHash: null, renderTokenExpiresAt: null })
      .where(eq(reports.id, id));
    throw error;
  }
}

async function render(id: number, format: ReportFormat, snapshot: ReportSnapshot, options: GenerateOptions): Promise<Buffer> {
  if (format === "csv") return renderCsv(snapshot);
  if (format === "xlsx") return renderXlsx(snapshot);
  if (!options.printOrigin) throw new Error("PDF needs the app's print view: no printOrigin given");
  const token = await issueRenderToken(id);
  const t = reportTranslator(snapshot.locale);
  return printToPdf({
    url: `${options.printOrigin.replace(/\/$/, "")}/reports/${id}/print?token=${token}`,
    locale: snapshot.locale,
    footer: snapshot.year
      ? `${t("yearTitle", { year: snapshot.year.fiscalYear })} · ${scopeName(snapshot)}`
      : `${t("title")} · ${scopeName(snapshot)} · ${formatPeriod(snapshot.period.code, snapshot.locale, "short")}`,
    pageLabel: (page, pages) => t("page", { page, pages }),
  });
}

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

async function issueRenderToken(id: number): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await getDb()
    .update(reports)
    .set({ renderTokenHash: hashToken(token), renderTokenExpiresAt: new Date(Date.now() + RENDER_TOKEN_TTL_MS) })
    .where(eq(reports.id, id));
  return token;
}

/** The snapshot a print-view token was issued for, or null for a wrong, used or expired token. */
export async function snapshotForToken(id: number, token: string): Promise<ReportSnapshot | null> {
  const [row] = await getDb()
    .select({ hash: reports.renderTokenHash, expiresAt: reports.renderTokenExpiresAt, snapshot: reports.snapshot })
    .from(reports)
    .where(eq(reports.id, id));
  if (!row?.hash || !row.expiresAt || row.expiresAt.getTime() < Date.now() || !row.snapshot) return null;
  const given = Buffer.from(hashToken(token), "hex");
  const expected = Buffer.from(row.hash, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected) ? (row.snapshot as ReportSnapshot) : null;
}

/**
 * Reports running for longer than any generation takes (or queued for hours) were cut off by a stopped
 * process whose job could not be retried: marked failed so nobody waits forever. By age, not "all
 * running", as other workers may be busy.
 */
export async function failInterruptedReports(): Promise<number> {
  const result = await getDb()
    .update(reports)
    .set({ status: "failed", error: "interrupted", finishedAt: new Date(), renderTokenHash: null, renderTokenExpiresAt: null })
    .where(
      or(
        and(eq(reports.status, "running"), sql`${reports.startedAt} < now() - interval '15 minutes'`),
        and(eq(reports.status, "queued"), sql`${reports.createdAt} < now() - interval '2 hours'`),
      ),
    )
    .returning({ id: reports.id });
  return result.length;
}

/** Web app: the generation runs as a job (any worker process, once); the page polls the report row. */
export async function queueReport(id: number): Promise<void> {
  await sendJob(JOB_QUEUES.reportGenerate, { reportId: id }, { singletonKey: `report:${id}` });
}

/**
 * The report job: claims the queued report (a retry after a crashed worker may take over its "running"
 * row) and generates it as the user who asked, with that user's scope as it is now.
 */
export async function runQueuedReport(reportId: number, options: GenerateOptions & { retry?: boolean } = {}): Promise<void> {
  const claimable = options.retry ? inArray(reports.status, ["queued", "running"]) : eq(reports.status, "queued");
  const [report] = await getDb()
    .update(reports)
    .set({ status: "running", startedAt: new Date() })
    .where(and(eq(reports.id, reportId), claimable))
    .returning();
  if (!report) return;
  const requester = report.createdBy === null ? SYSTEM_ACTOR : await loadActiveActor(report.createdBy);
  const [period] = await getDb().select({ code: periods.code }).from(periods).where(eq(periods.id, report.periodId));
  if (!requester || !period) {
    await getDb().update(reports).set({ status: "failed", error: "internal", finishedAt: new Date() }).where(eq(reports.id, reportId));
    log("warn", "reports.requester_gone", { reportId });
    return;
  }
  const request = { period: period.code, span: report.span, scope: report.scope, code: report.scopeCode ?? undefined, format: report.format, locale: report.locale };
  const resolved = await resolveReportRequest(requester, request);
  await runReport(reportId, requester, resolved, options).catch(() => undefined);
}

/** CLI and tests: create and run a report in the foreground. */
export async function generateReport(actor: Actor, input: unknown, options: GenerateOptions = {}) {
  const { id, resolved } = await createReport(actor, input);
  await runReport(id, actor, resolved, options);
  return id;
}
