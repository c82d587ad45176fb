import { NextResponse } from "next/server";
import { getReport } from "@/db/queries/reports";
import { parseIdParam, withActor } from "@/lib/http/route";

type Context = { params: Promise<{ id: string }> };

/** A report's progress, polled by the report form while it is generated. */
export const GET = withActor<Context>("report.export", async (_request, { params, actor }) => {
  const report = await getReport(actor, parseIdParam((await params).id, "report"));
  return NextResponse.json(
    {
      id: report.id,
      status: report.status,
      stage: report.stage,
      progress: report.progress,
      error: report.error,
      format: report.format,
      fileName: report.fileName,
      sizeBytes: report.sizeBytes,
    },
    { headers: { "cache-control": "private, no-store" } },
  );
});
