import { getDb, closeDb } from "@/db/client";
import { loadIndicatorResults, loadComponentScores, loadExpectedSubmissions } from "@/db/queries/flag-inputs";
import { sql } from "drizzle-orm";
async function t(name: string, fn: () => Promise<unknown>) {
  const times: string[] = [];
  for (let i = 0; i < 4; i++) { const c = process.cpuUsage(); const s = performance.now(); await fn(); const u = process.cpuUsage(c); times.push(`${(performance.now() - s).toFixed(0)}ms/cpu${((u.user + u.system) / 1000).toFixed(0)}`); }
  console.log(name, times.join(" "));
}
async function main() {
  const db = getDb();
  await t("indicators", () => loadIndicatorResults(db, 4));
  await t("raw", () => db.execute(sql`select g.fact_id, g.agency_id, g.indicator_id, i.code, i.direction, c.code as cc, g.value, g.target from dashboard_agency_figures g join indicators i on i.id = g.indicator_id and i.active join components c on c.id = i.component_id where g.period_id = 4 order by 2, 3`));
  await t("scores", () => loadComponentScores(db, 4));
  await t("expected", () => loadExpectedSubmissions(db, 4));
  await closeDb();
}
main();
