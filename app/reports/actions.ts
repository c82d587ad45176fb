"use server";

import { createFormAction } from "@/lib/http/action";
import { createReport, queueReport } from "@/lib/reports/generate";
import { reportRequestSchema } from "@/lib/reports/scope";

/** Queues a report and returns at once; the form polls /api/reports/[id] for progress. */
export const requestReportAction = createFormAction({ permission: "report.export", input: reportRequestSchema }, async (input, actor) => {
  const { id } = await createReport(actor, input);
  await queueReport(id);
  return { id };
});
