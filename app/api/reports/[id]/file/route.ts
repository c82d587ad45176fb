import { parseIdParam, withActor } from "@/lib/http/route";
import { downloadReport } from "@/lib/reports/download";
import { REPORT_CONTENT_TYPES } from "@/core/reports/enums";

type Context = { params: Promise<{ id: string }> };

/** The archived file, exactly as generated; only for users who may see the report. */
export const GET = withActor<Context>("report.export", async (_request, { params, actor }) => {
  const { report, content } = await downloadReport(actor, parseIdParam((await params).id, "report"));
  const fileName = report.fileName ?? `report-${report.id}.${report.format}`;
  return new Response(new Uint8Array(content), {
    headers: {
      "content-type": REPORT_CONTENT_TYPES[report.format],
      "content-length": String(content.length),
      "content-disposition": `attachment; filename="${fileName.replace(/[^\x20-\x7e]|"/g, "_")}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
});
