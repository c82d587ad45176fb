"use server";

import { createFormAction } from "@/lib/http/action";
import { createReport } from "@/lib/reports/generate";
import { enqueueReportGeneration } from "@/lib/reports/runner";
import { reportRequestSchema } from "@/lib/reports/scope";

/** Where headless Chromium reaches this app's print view: the local port, unless configured. */
function printOrigin(): string {
  return process.env.REPORT_PRINT_ORIGIN ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
}

/** Queues a report and returns at once; the form polls /api/reports/[id] for progress. */
export const requestReportAction = createFormAction({ permission: "report.export", input: reportRequestSchema }, async (input, actor) => {
  const { id, resolved } = await createReport(actor, input);
  enqueueReportGeneration({ reportId: id, actor, resolved, options: { printOrigin: printOrigin() } });
  return { id };
});
