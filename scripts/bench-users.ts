// User administration benchmark (npm run bench:users): the bulk upload of 16,000 accounts (preview, then
// commit in one transaction; the invitations they trigger timed apart, e-mail delivery excluded) and the
// account search of /team at 20,000 accounts.
//
//   npm run bench:users                                   # embedded database (PGlite) in a temporary folder
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/x npm run bench:users
//                                                         # PostgreSQL: a fresh database lamnam_bench_users
//                                                         # on that server, dropped at the end
//
// Steps: migrate an empty database; insert a ministry with 2,000 departments under it and 2,000 local
// administrations in 20 provinces, and 4,000 existing accounts; build a 16,000-row CSV (8 people per
// department) and preview + commit it as a DGA administrator through lib/users/bulk-import.ts (the code the
// upload route runs); issue the 16,000 invitations (tokens + outbox rows, the background job's work); then
// time BENCH_USERS_SEARCHES searches of the account list (pageManagedUsers, what /team runs) as a DGA
// administrator, as the ministry's administrator (scope: the agencies under the ministry) and as a provincial
// administrator, and re-upload the same file (all unchanged). Writes the figures to README (bench:users).
//
// Options (environment): BENCH_USERS_ROWS (16000), BENCH_USERS_EXISTING (4000), BENCH_USERS_SEARCHES (200).
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Papa from "papaparse";
import { Client } from "pg";
import { writeReadmeBlock } from "./bench/readme";
import { percentile } from "./bench/stats";

const ROWS = Number(process.env.BENCH_USERS_ROWS ?? 16_000);
const EXISTING = Number(process.env.BENCH_USERS_EXISTING ?? 4_000);
const SEARCHES = Number(process.env.BENCH_USERS_SEARCHES ?? 200);
const DEPARTMENTS = 2_000;
const LOCALS = 2_000;
const PROVINCES = 20;
const TARGETS = { uploadSeconds: 60, searchP95Ms: 100 };
const load = () => os.loadavg().map((n) => n.toFixed(1)).join(" ");

async function prepareDatabase(): Promise<{ kind: "pglite" | "postgres"; cleanup: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const dir = mkdtempSync(path.join(os.tmpdir(), "lamnam-bench-users-"));
    process.env.PGLITE_DIR = dir;
    return { kind: "pglite", cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const server = new URL(url);
  server.pathname = "/postgres";
  const admin = new Client({ connectionString: server.toString() });
  await admin.connect();
  await admin.query(`drop database if exists lamnam_bench_users with (force)`);
  await admin.query(`create database lamnam_bench_users`);
  const target = new URL(url);
  target.pathname = "/lamnam_bench_users";
  process.env.DATABASE_URL = target.toString();
  return {
    kind: "postgres",
    cleanup: async () => {
      await admin.query(`drop database if exists lamnam_bench_users with (force)`);
      await admin.end();
    },
  };
}

const timed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
  const start = performance.now();
  const result = await work();
  return [result, (performance.now() - start) / 1000];
};

async function main() {
  const { kind, cleanup } = await prepareDatabase();
  const { closeDb, getDb, getDatabaseKind } = await import("@/db/client");
  const { applyMigrations } = await import("@/db/migrate");
  const { sql } = await import("drizzle-orm");
  const { agencies, users } = await import("@/db/schema");
  const { commitUserImportOnly, previewUserImport } = await import("@/lib/users/bulk-import");
  const { sendInvitations } = await import("@/lib/users/invitations");
  const { pageManagedUsers } = await import("@/db/queries/user-admin");
  const db = getDb();
  try {
    console.log(`bench:users on ${kind === "pglite" ? "PGlite (embedded)" : "PostgreSQL"}. Load average before: ${load()}.`);
    await applyMigrations(db, getDatabaseKind());

    // The agencies: a ministry with departments under it, local administrations in provinces.
    const [ministry] = await db.insert(agencies).values({ code: "M0001", nameTh: "กระทรวงทดสอบ", nameEn: "Ministry of Testing", type: "ministry" }).returning();
    const departments = await db
      .insert(agencies)
      .values(Array.from({ length: DEPARTMENTS }, (_, i) => ({ code: `D${String(i).padStart(5, "0")}`, nameTh: `กรมทดสอบ ${i}`, nameEn: `Department ${i}`, type: "department" as const, parentId: ministry!.id })))
      .returning({ id: agencies.id, code: agencies.code });
    for (let i = 0; i < LOCALS; i += 1000) {
      await db.insert(agencies).values(
        Array.from({ length: Math.min(1000, LOCALS - i) }, (_, j) => ({ code: `L${String(i + j).padStart(5, "0")}`, nameTh: `อบต.ทดสอบ ${i + j}`, nameEn: `Local ${i + j}`, type: "local_administration" as const, province: `จังหวัด ${(i + j) % PROVINCES}` })),
      );
    }
    const [admin] = await db.insert(users).values({ email: "bench-admin@lamnam.test", name: "ผู้ดูแล", role: "admin" }).returning();
    const [ministryAdmin] = await db.insert(users).values({ email: "bench-ministry@lamnam.test", name: "ผู้ดูแลกระทรวง", role: "ministry_reviewer", agencyId: ministry!.id, managesUsers: true }).returning();
    const [provinceAdmin] = await db.insert(users).values({ email: "bench-province@lamnam.test", name: "ผู้ดูแลจังหวัด", role: "province_reviewer", province: "จังหวัด 3", managesUsers: true }).returning();
    // Existing accounts: heads of the local administrations and a few more, with passwords (they signed in).
    const localIds = (await db.select({ id: agencies.id }).from(agencies).where(sql`${agencies.type}::text = 'local_administration'`)).map((a) => a.id);
    for (let i = 0; i < EXISTING; i += 1000) {
      await db.insert(users).values(
        Array.from({ length: Math.min(1000, EXISTING - i) }, (_, j) => ({ email: `existing${i + j}@local.go.th`, name: `นายก ท้องถิ่น ${i + j}`, role: "agency_head" as const, agencyId: localIds[(i + j) % localIds.length]!, passwordHash: "x" })),
      );
    }
    const actorOf = (u: typeof admin) => ({ id: u!.id, email: u!.email, name: u!.name, role: u!.role, agencyId: u!.agencyId, agencyCode: null, locale: u!.locale, province: u!.province, managesUsers: u!.managesUsers });

    // The file: 8 people per department, officers and a head each.
    const firstNames = ["สมชาย", "สุดา", "วิชัย", "มาลี", "ประเสริฐ", "อรุณี", "ธีรวัฒน์", "กมลวรรณ"];
    const rows = Array.from({ length: ROWS }, (_, i) => {
      const dept = departments[i % DEPARTMENTS]!;
      return [`person${i}@dept${i % DEPARTMENTS}.go.th`, `${firstNames[i % 8]} ทดสอบ${i}`, i % 8 === 0 ? "หัวหน้าหน่วยงาน" : "เจ้าหน้าที่หน่วยงาน", dept.code];
    });
    const bytes = Buffer.from(Papa.unparse([["อีเมล", "ชื่อ-นามสกุล", "บทบาท", "รหัสหน่วยงาน"], ...rows]), "utf8");
    const file = { fileName: "users.csv", bytes };
    const adminActor = actorOf(admin);

    const [preview, previewSeconds] = await timed(() => previewUserImport(adminActor, file));
    if (preview.outcome !== "preview" || preview.counts.new !== ROWS) throw new Error(`unexpected preview: ${JSON.stringify(preview.counts)}`);
    const [{ summary, invitees }, commitSeconds] = await timed(() => commitUserImportOnly(adminActor, { ...file, expectedSha256: preview.fileSha256 }));
    if (summary.outcome !== "committed") throw new Error(`commit: ${summary.outcome}`);
    const [sent, inviteSeconds] = await timed(() => sendInvitations({ actorId: adminActor.id, userIds: invitees, queuedAt: new Date().toISOString() }, adminActor));
    const [again, againSeconds] = await timed(() => commitUserImportOnly(adminActor, file));
    if (again.summary.outcome !== "unchanged") throw new Error(`re-upload: ${again.summary.outcome}`);
    const [{ total }] = (await db.execute<{ total: number }>(sql`select count(*)::int as total from users`)).rows as [{ total: number }];
    console.log(`Upload of ${ROWS.toLocaleString("en")} rows: preview ${previewSeconds.toFixed(2)} s, commit ${commitSeconds.toFixed(2)} s; ${sent.toLocaleString("en")} invitations issued in ${inviteSeconds.toFixed(2)} s; re-upload (all unchanged) ${againSeconds.toFixed(2)} s. Accounts now: ${total}.`);

    // Searches: names, e-mail parts, no match, and empty-query pages deep in the list.
    const queries = (i: number) => [`ทดสอบ${(i * 37) % ROWS}`, `dept${(i * 13) % DEPARTMENTS}.go.th`, firstNames[i % 8]!, `person${(i * 101) % ROWS}@`, "ไม่มีใครชื่อนี้", ""][i % 6]!;
    const searchAs = async (actor: ReturnType<typeof actorOf>) => {
      const times: number[] = [];
      await pageManagedUsers(actor, { query: "warm" }, 1, 50);
      for (let i = 0; i < SEARCHES; i++) {
        const start = performance.now();
        await pageManagedUsers(actor, { query: queries(i) }, queries(i) === "" ? 1 + (i % 300) : 1, 50);
        times.push(performance.now() - start);
      }
      return { p50: percentile(times, 50), p95: percentile(times, 95) };
    };
    const search = { admin: await searchAs(adminActor), ministry: await searchAs(actorOf(ministryAdmin)), province: await searchAs(actorOf(provinceAdmin)) };
    for (const [who, s] of Object.entries(search)) console.log(`Search as ${who}: p50 ${s.p50.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms (${SEARCHES} searches).`);

    const upload = previewSeconds + commitSeconds;
    const worstP95 = Math.max(...Object.values(search).map((s) => s.p95));
    const ratio = (value: number, target: number) => `${((value / target) * 100).toFixed(0)} % of target`;
    const text = [
      `Run of ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${kind === "pglite" ? "PGlite (embedded)" : "PostgreSQL on loopback"}, 2 cores shared with other work (load average ${load()}): ${total.toLocaleString("en")} accounts after the upload, ${(DEPARTMENTS + LOCALS + 1).toLocaleString("en")} agencies.`,
      "",
      "| measure | result | target | ratio |",
      "|---|---|---|---|",
      `| upload of ${ROWS.toLocaleString("en")} accounts: preview + commit | ${upload.toFixed(1)} s (${previewSeconds.toFixed(1)} + ${commitSeconds.toFixed(1)}) | < ${TARGETS.uploadSeconds} s | ${ratio(upload, TARGETS.uploadSeconds)} |`,
      `| its ${sent.toLocaleString("en")} invitations (links + outbox rows; the background job's work, delivery excluded) | ${inviteSeconds.toFixed(1)} s | background | – |`,
      `| the same file again (all unchanged, nothing written) | ${againSeconds.toFixed(1)} s | – | – |`,
      `| account search p50 / p95, DGA administrator (${SEARCHES} searches) | ${search.admin.p50.toFixed(1)} / ${search.admin.p95.toFixed(1)} ms | p95 < ${TARGETS.searchP95Ms} ms | ${ratio(search.admin.p95, TARGETS.searchP95Ms)} |`,
      `| account search p50 / p95, ministry administrator (agencies under the ministry) | ${search.ministry.p50.toFixed(1)} / ${search.ministry.p95.toFixed(1)} ms | p95 < ${TARGETS.searchP95Ms} ms | ${ratio(search.ministry.p95, TARGETS.searchP95Ms)} |`,
      `| account search p50 / p95, provincial administrator | ${search.province.p50.toFixed(1)} / ${search.province.p95.toFixed(1)} ms | p95 < ${TARGETS.searchP95Ms} ms | ${ratio(search.province.p95, TARGETS.searchP95Ms)} |`,
    ].join("\n");
    console.log(`\n${text}\n`);
    writeReadmeBlock(`users-${kind}`, text);
    if (upload >= TARGETS.uploadSeconds || worstP95 >= TARGETS.searchP95Ms) process.exitCode = 1;
  } finally {
    await closeDb();
    await cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
