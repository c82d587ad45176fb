import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { reportFiles, reports } from "@/db/schema";
import type { Actor } from "@/core/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { ValidationError } from "@/core/errors";
import { formatPeriod } from "@/core/format/thai";
import { collectReport, type CollectOptions } from "./collect";
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
// app hands generations to the report runner (runner.ts); the CLI runs one in the foreground. A
// generation cut off by a restart is marked failed at the next start.

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
    const snapshot = await collectReport(actor, resolved, options);
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
    footer: `${t("title")} · ${scopeName(snapshot)} · ${formatPeriod(snapshot.period.code, snapshot.locale, "short")}`,
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
 * Reports left queued or running for longer than any generation takes were cut off by a stopped process:
 * marked failed so nobody waits forever. (By age, not "all running", as other app instances may be busy.)
 */
export async function failInterruptedReports(): Promise<number> {
  const result = await getDb()
    .update(reports)
    .set({ status: "failed", error: "interrupted", finishedAt: new Date(), renderTokenHash: null, renderTokenExpiresAt: null })
    .where(and(inArray(reports.status, ["queued", "running"]), sql`${reports.createdAt} < now() - interval '15 minutes'`))
    .returning({ id: reports.id });
  return result.length;
}

/** CLI and tests: create and run a report in the foreground. */
export async function generateReport(actor: Actor, input: unknown, options: GenerateOptions = {}) {
  const { id, resolved } = await createReport(actor, input);
  await runReport(id, actor, resolved, options);
  return id;
}
