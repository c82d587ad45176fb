import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getReportSnapshot } from "@/db/queries/reports";
import { ReportDocument } from "@/components/reports/report-document";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { requirePermission } from "@/lib/auth/session";
import { NotFoundError } from "@/core/errors";
import { firstSearchParam } from "@/core/http/search-params";
import { parseIdParam } from "@/lib/http/route";
import { snapshotForToken } from "@/lib/reports/generate";
import type { ReportSnapshot } from "@/core/reports/snapshot";
import { reportTranslator } from "@/core/reports/text";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: reportTranslator("th")("title"), robots: { index: false } };
}

/**
 * The printable report. Headless Chromium opens it with the one-time token issued for this generation
 * (it has no session); people open it signed in, as a preview, with the same access as the download.
 */
export default async function ReportPrintPage({ params, searchParams }: Props) {
  let id: number;
  try {
    id = parseIdParam((await params).id, "report");
  } catch {
    notFound();
  }
  const token = firstSearchParam((await searchParams).token);
  let snapshot: ReportSnapshot | null = null;
  if (token) {
    snapshot = await snapshotForToken(id, token);
    if (!snapshot) notFound();
  } else {
    const actor = await requirePermission("report.export");
    try {
      snapshot = await getReportSnapshot(actor, id);
    } catch (error) {
      if (error instanceof NotFoundError) notFound();
      throw error;
    }
  }
  // On a phone the A4 preview scrolls sideways inside its own region; the page keeps the screen's width.
  return (
    <ScrollRegion className="report-scroll" label={reportTranslator(snapshot.locale)("title")}>
      <ReportDocument snapshot={snapshot} />
    </ScrollRegion>
  );
}
