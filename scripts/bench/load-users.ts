// The load test's users (scripts/bench-load.ts): who they are, inserted into the run's copy, and their sign-ins.
import type { Pool } from "pg";
import { hashPassword } from "@/lib/auth/passwords";
import { signIn } from "./app-server";
import { percentile } from "./stats";

/** Sign-ins at once before the load (each costs the server one bcrypt comparison). */
export const SIGN_IN_CONCURRENCY = 8;
const PASSWORD = "Load-bench-2570";

type Role = "agency_officer" | "agency_head" | "executive" | "analyst";

export interface LoadUser {
  email: string;
  role: Role;
  /** Agency roles: their agency, and the form they fill in (one component of it, the open quarter). */
  agencyCode?: string;
  componentCode?: string;
  cookie?: string;
}

/**
 * The load's users: 70% agency roles (one in four a head), each of a distinct agency — departments and
 * local administrations alternately, filling in the form of their agency's first component — 20%
 * executives, 10% analysts. One password hash for all.
 */
export async function createUsers(db: Pool, count: number): Promise<LoadUser[]> {
  const agencyCount = Math.round(count * 0.7);
  const analystCount = Math.max(1, Math.round(count * 0.1));
  const executiveCount = count - agencyCount - analystCount;
  const agencies = (
    await db.query<{ code: string; component: string }>(
      `with firsts as (
         select a.code, (array_agg(c.code order by c.ordinal))[1] as component,
           row_number() over (partition by left(a.code, 1) order by a.code) as n
         from agencies a join agency_components ac on ac.agency_id = a.id join components c on c.id = ac.component_id
         where a.active and (a.code like 'D%' or a.code like 'L%') group by a.code)
       select code, component from firsts order by n, code limit $1`,
      [agencyCount],
    )
  ).rows;
  if (agencies.length < agencyCount) throw new Error(`only ${agencies.length} agencies for ${agencyCount} agency users`);
  const users: LoadUser[] = [
    ...agencies.map((a, i): LoadUser => ({
      email: `load-${i % 4 === 3 ? "head" : "officer"}-${a.code.toLowerCase()}@lamnam.bench`,
      role: i % 4 === 3 ? "agency_head" : "agency_officer",
      agencyCode: a.code,
      componentCode: a.component,
    })),
    ...Array.from({ length: executiveCount }, (_, i): LoadUser => ({ email: `load-executive-${i + 1}@lamnam.bench`, role: "executive" })),
    ...Array.from({ length: analystCount }, (_, i): LoadUser => ({ email: `load-analyst-${i + 1}@lamnam.bench`, role: "analyst" })),
  ];
  const hash = await hashPassword(PASSWORD);
  await db.query(
    `insert into users (email, name, password_hash, role, agency_id, locale)
     select u.email, 'ผู้ใช้ทดสอบโหลด ' || u.email, $1, u.role::role, (select id from agencies where code = u.agency), 'th'
     from jsonb_to_recordset($2::jsonb) as u(email text, role text, agency text)`,
    [hash, JSON.stringify(users.map((u) => ({ email: u.email, role: u.role, agency: u.agencyCode ?? "01002" })))],
  );
  return users;
}

/** Signs every user in, a few at a time, and times it: each sign-in is one bcrypt comparison on the server. */
export async function signInUsers(origin: string, users: LoadUser[]): Promise<{ signInTimes: number[]; signInSeconds: number }> {
  const started = performance.now();
  const signInTimes: number[] = [];
  let nextUser = 0;
  await Promise.all(
    Array.from({ length: SIGN_IN_CONCURRENCY }, async () => {
      while (nextUser < users.length) {
        const user = users[nextUser++]!;
        const t0 = performance.now();
        user.cookie = await signIn(origin, user.email, PASSWORD);
        signInTimes.push(performance.now() - t0);
      }
    }),
  );
  const signInSeconds = (performance.now() - started) / 1000;
  console.log(
    `Signed in ${users.length} users in ${signInSeconds.toFixed(1)} s (${SIGN_IN_CONCURRENCY} at a time; p50 ${percentile(signInTimes, 50).toFixed(0)} ms, p95 ${percentile(signInTimes, 95).toFixed(0)} ms).`,
  );
  return { signInTimes, signInSeconds };
}
