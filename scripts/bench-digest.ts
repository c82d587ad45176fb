// Daily-digest benchmark (npm run bench:digest): the national dataset on PostgreSQL
// (scripts/generate-national-dataset.ts: ≈8,000 agencies), plus BENCH_DIGEST_USERS (16,000) agency
// officers spread over the agencies, every one of whom chose the daily digest for all four kinds of news;
// each gets BENCH_DIGEST_NOTICES (3) notices through sendNotices (a lagging flag, an overdue case, DGA's
// answer to a support request: what an evaluation and the analysts' day produce), half of them in Thai and
// half in English. Then runDailyDigest writes one e-mail per user to the outbox (SMTP excluded: delivery is
// the e-mail job's), timed; a second run must find nothing. Writes the figures to README (bench:digest).
//   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:digest
// Options: BENCH_SKIP_GENERATE=1 reuses the dataset (its bench users and their mail are removed first);
// BENCH_DATABASE_URL (default: database lamnam_bench_digest on TEST_DATABASE_URL's or DATABASE_URL's server).
import { loadavg } from "node:os";
import { Pool } from "pg";
import { writeReadmeBlock } from "./bench/readme";
import { BENCH_DATABASE, benchDatabaseUrl, generateNationalDataset } from "./generate-national-dataset";

const USERS = Number(process.env.BENCH_DIGEST_USERS ?? 16_000);
const NOTICES = Number(process.env.BENCH_DIGEST_NOTICES ?? 3);
const AIM_SECONDS = 60;
const EMAIL_DOMAIN = "digest.bench";
const load = () => loadavg().map((n) => n.toFixed(1)).join(" ");

function digestDatabaseUrl(): string {
  if (process.env.BENCH_DATABASE_URL) return process.env.BENCH_DATABASE_URL;
  return benchDatabaseUrl().replace(new RegExp(`/${BENCH_DATABASE}$`), `/${BENCH_DATABASE}_digest`);
}

async function main() {
  const url = digestDatabaseUrl();
  const hand = new Pool({ connectionString: url, max: 2 });
  if (process.env.BENCH_SKIP_GENERATE !== "1") {
    console.log(`Generating the national dataset in ${url.replace(/:[^:@/]*@/, ":***@")} …`);
    await generateNationalDataset(url);
  }
  await hand.query(`delete from email_outbox where user_id in (select id from users where email like '%@${EMAIL_DOMAIN}')`);
  await hand.query(`delete from notifications where user_id in (select id from users where email like '%@${EMAIL_DOMAIN}')`);
  await hand.query(`delete from notification_preferences where user_id in (select id from users where email like '%@${EMAIL_DOMAIN}')`);
  // A rerun keeps the accounts (deleting 16,000 users checks every table that refers to users: minutes).
  // Officers over the agencies (round robin), half reading Thai, half English, all on the daily digest.
  await hand.query(
    `insert into users (email, name, role, agency_id, locale)
     select 'officer' || g || '@${EMAIL_DOMAIN}', 'เจ้าหน้าที่ ' || g, 'agency_officer', a.id, (case when g % 2 = 0 then 'th' else 'en' end)::locale
     from generate_series(1, $1::int) g
     join (select id, row_number() over (order by id) - 1 as n, count(*) over () as total from agencies where type <> 'ministry') a on a.n = (g - 1) % a.total
     on conflict do nothing`,
    [USERS],
  );
  await hand.query(
    `insert into notification_preferences (user_id, "group", mode)
     select u.id, g::notification_group, 'daily' from users u cross join unnest(array['new_flags', 'cases_due', 'returned_forms', 'support_answers']) g
     where u.email like '%@${EMAIL_DOMAIN}'`,
  );
  const users = (await hand.query<{ id: number; agency: string }>(`select u.id, a.name_th as agency from users u join agencies a on a.id = u.agency_id where u.email like '%@${EMAIL_DOMAIN}' order by u.id`)).rows;
  const [counts] = (await hand.query<{ agencies: string; users: string }>(`select (select count(*) from agencies) agencies, (select count(*) from users) users`)).rows;
  console.log(`Dataset: ${Number(counts!.agencies).toLocaleString("en")} agencies, ${Number(counts!.users).toLocaleString("en")} users (${users.length.toLocaleString("en")} on the daily digest).`);

  process.env.DATABASE_URL = url;
  const { closeDb, getDb } = await import("@/db/client");
  const { sendNotices } = await import("@/lib/notifications/notify");
  const { runDailyDigest } = await import("@/lib/notifications/digest");
  type Notice = Parameters<typeof sendNotices>[1][number];
  const kinds: ((u: { id: number; agency: string }, i: number) => Notice)[] = [
    (u, i) => ({ userId: u.id, kind: "flag_opened", payload: { count: 2, agency: u.agency, agencyEn: u.agency, period: "2570Q1", items: "การเบิกจ่ายงบประมาณต่ำกว่าเป้าหมาย", itemsEn: "disbursement below target" }, path: "/lagging", dedupeKey: `bench-flag-${i}` }),
    (u, i) => ({ userId: u.id, kind: "case_overdue", payload: { caseId: i, agency: u.agency, agencyEn: u.agency, period: "2570Q1", dueOn: "31 ม.ค. 2570", dueOnEn: "31 Jan 2027", days: 3 }, path: `/cases/${i}`, dedupeKey: `bench-case-${i}` }),
    (u, i) => ({ userId: u.id, kind: "support_request_answered", payload: { agency: u.agency, component: "ต้นน้ำ", componentEn: "Upstream", unit: "ฝ่ายสนับสนุนหน่วยงานภาครัฐ", unitEn: "Agency Support", answer: "สพร. จะส่งผู้เชี่ยวชาญมาประชุมร่วม" }, path: "/agencies/x#asks", dedupeKey: `bench-answer-${i}` }),
  ];
  console.log(`Load average before: ${load()} (2 cores shared with other jobs: wall times include waiting for them).`);
  const noticeStart = performance.now();
  const all = users.flatMap((u, i) => Array.from({ length: NOTICES }, (_, k) => kinds[k % kinds.length]!(u, i * NOTICES + k)));
  for (let i = 0; i < all.length; i += 8_000) await getDb().transaction((tx) => sendNotices(tx, all.slice(i, i + 8_000)));
  const noticeSeconds = (performance.now() - noticeStart) / 1000;
  const held = (await hand.query<{ n: string }>(`select count(*) n from notifications where digest_pending`)).rows[0]!.n;
  console.log(`Notices: ${all.length.toLocaleString("en")} written in ${noticeSeconds.toFixed(1)} s; ${Number(held).toLocaleString("en")} wait for the digest, ${(await hand.query<{ n: string }>(`select count(*) n from email_outbox where user_id in (select id from users where email like '%@${EMAIL_DOMAIN}')`)).rows[0]!.n} e-mailed at once.`);

  const start = performance.now();
  const cpu = process.cpuUsage();
  const summary = await runDailyDigest({ today: "2027-01-05" });
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  const again = await runDailyDigest({ today: "2027-01-05" });
  if (again.users || again.notices) throw new Error("the second digest run sent again");
  const mails = (await hand.query<{ n: string; th: string }>(`select count(*) n, count(*) filter (where subject like '%สรุปรายวัน%') th from email_outbox where subject like '[Lamnam] %digest%' or subject like '%สรุปรายวัน%'`)).rows[0]!;
  console.log(`Digest: ${summary.users.toLocaleString("en")} users, ${summary.notices.toLocaleString("en")} notices in ${seconds.toFixed(1)} s (Node CPU ${((used.user + used.system) / 1e6).toFixed(1)} s); ${Number(mails.n).toLocaleString("en")} e-mails in the outbox (${Number(mails.th).toLocaleString("en")} in Thai). Second run: nothing to send.`);
  console.log(`Load average after: ${load()}.`);
  const met = seconds < AIM_SECONDS;
  console.log(`Aim under ${AIM_SECONDS} s: ${met ? "met" : "NOT met"}.`);
  writeReadmeBlock(
    "digest",
    [
      `Measured on ${new Date().toISOString().slice(0, 10)} (PostgreSQL, national dataset of ${Number(counts!.agencies).toLocaleString("en")} agencies, 2 shared cores, load ${load()}):`,
      "",
      "| step | figure |",
      "|---|---|",
      `| notices written through sendNotices (held for the digest) | ${all.length.toLocaleString("en")} in ${noticeSeconds.toFixed(1)} s |`,
      `| **daily digest run** (one e-mail per user into the outbox, SMTP excluded) | **${summary.users.toLocaleString("en")} users, ${summary.notices.toLocaleString("en")} notices in ${seconds.toFixed(1)} s** (aim < ${AIM_SECONDS} s: ${met ? "met" : "not met"}) |`,
      `| second run the same day | nothing sent |`,
    ].join("\n"),
  );
  await hand.end();
  await closeDb();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
