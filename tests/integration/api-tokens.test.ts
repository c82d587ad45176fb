// API tokens and the versioned API (issue 22), on PGlite and PostgreSQL: a token is stored hashed, expires,
// can be revoked, is held to its scope and rate, and every use is audited; platform figures posted through
// the API become "api" facts that reach the same figures the dashboards read, idempotent by client key.
import { and, desc, eq, sql } from "drizzle-orm";
import { beforeAll, expect, it, vi } from "vitest";
import { agencies, apiFigurePosts, apiTokens, auditLog, components, indicatorFacts, indicators, periods, targets } from "@/db/schema";
import { SYSTEM_ACTOR, type Actor } from "@/core/auth/actor";
import { ConflictError, ForbiddenError, ValidationError } from "@/core/errors";
import { hashApiToken, issueApiToken, revokeApiToken, type IssueApiTokenInput } from "@/lib/api/tokens";
import { GET as getComponents } from "@/app/api/v1/components/route";
import { GET as getFigures } from "@/app/api/v1/figures/route";
import { GET as getProvenance } from "@/app/api/v1/figures/provenance/route";
import { GET as getFlags } from "@/app/api/v1/flags/route";
import { POST as postFigures } from "@/app/api/v1/platform-figures/route";
import { describeEachDatabase } from "../support/databases";
import { liveTokenExpiry } from "../authz/fixtures";

vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

const ORIGIN = "http://lamnam.test";
const DOPA = "03002";
const INTERIOR = "03000";
const REVENUE = "02003";
const PERIOD = "2570Q1";
const INDICATOR = "API-TEST-01";
const analyst: Actor = { id: 0, email: "analyst-test", name: "analyst", role: "analyst", agencyId: null, agencyCode: null, locale: "th" };

const issue = (input: Partial<IssueApiTokenInput> = {}) => issueApiToken(SYSTEM_ACTOR, { name: "test system", scope: "national", expiresOn: liveTokenExpiry(), ...input });

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
async function call(handler: Handler, path: string, secret: string | null, init: { body?: unknown; language?: string } = {}) {
  const headers: Record<string, string> = { "accept-language": init.language ?? "en" };
  if (secret) headers.authorization = `Bearer ${secret}`;
  if (init.body !== undefined) headers["content-type"] = "application/json";
  const response = await handler(new Request(`${ORIGIN}${path}`, { method: init.body === undefined ? "GET" : "POST", headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) }), { params: Promise.resolve({}) });
  return { status: response.status, headers: response.headers, json: (await response.json()) as Record<string, unknown> & { data?: Record<string, unknown>[]; errors?: { field: string; reason: string; message: string }[] } };
}

describeEachDatabase(
  "API tokens and the /api/v1 routes",
  ({ db }) => {
    beforeAll(async () => {
      // A platform KPI of midstream (DOPA contributes there) with DOPA's target of 100 for the quarter.
      const [midstream] = await db().select({ id: components.id }).from(components).where(eq(components.code, "midstream"));
      const [indicator] = await db()
        .insert(indicators)
        .values({ code: INDICATOR, componentId: midstream!.id, nameTh: "ธุรกรรมทดสอบ API", nameEn: "API test transactions", definitionTh: "นิยาม", definitionEn: "Definition", unitTh: "ครั้ง", unitEn: "transactions", valueType: "number", aggregation: "sum", source: "self_assessment" })
        .returning({ id: indicators.id });
      const [period] = await db().select({ id: periods.id }).from(periods).where(eq(periods.code, PERIOD));
      const [dopa] = await db().select({ id: agencies.id }).from(agencies).where(eq(agencies.code, DOPA));
      await db().insert(targets).values({ indicatorId: indicator!.id, periodId: period!.id, agencyId: dopa!.id, value: "100" });
    });

    it("stores only the hash, shows the secret once, and audits the issue; the expiry is required and at most a year", async () => {
      const issued = await issue({ name: "NESDC eMENSCR" });
      expect(issued.secret).toMatch(/^lmn_[A-Za-z0-9_-]{43}$/);
      const [row] = await db().select().from(apiTokens).where(eq(apiTokens.id, issued.id));
      expect(row!.tokenHash).toBe(hashApiToken(issued.secret));
      expect(JSON.stringify(row)).not.toContain(issued.secret);
      expect(row!.prefix).toBe(issued.secret.slice(0, 10));
      const [audit] = await db().select().from(auditLog).where(and(eq(auditLog.action, "api_token.issue"), eq(auditLog.entityId, String(issued.id))));
      expect(JSON.stringify(audit!.after)).not.toContain(issued.secret);

      const refused = async (input: Partial<IssueApiTokenInput>) => (await issue(input).catch((e: unknown) => e)) as ValidationError;
      const inTwoYears = new Date(Date.now() + 730 * 86_400_000).toISOString().slice(0, 10);
      expect((await refused({ expiresOn: inTwoYears })).fieldErrors).toEqual({ expiresOn: ["api_expiry_too_far"] });
      expect((await refused({ expiresOn: "2020-01-01" })).fieldErrors).toEqual({ expiresOn: ["api_expiry_past"] });
      expect((await refused({ expiresOn: "" })).fieldErrors).toEqual({ expiresOn: ["invalid_date"] });
      expect((await refused({ scope: "ministry", agencyCode: DOPA })).fieldErrors).toEqual({ agencyCode: ["api_not_a_ministry"] });
      expect((await refused({ scope: "agency", agencyCode: "NOPE" })).fieldErrors).toEqual({ agencyCode: ["unknown_agency"] });
      await expect(issueApiToken(analyst, { name: "x", scope: "national", expiresOn: liveTokenExpiry() })).rejects.toBeInstanceOf(ForbiddenError);
    });

    it("answers a live token and audits each use; a missing, wrong, expired or revoked token gets 401 and no data", async () => {
      const { id, secret } = await issue();
      const ok = await call(getComponents, "/api/v1/components", secret);
      expect(ok.status).toBe(200);
      expect(ok.json.data).toHaveLength(7);
      const uses = await db().select().from(auditLog).where(and(eq(auditLog.action, "api.request"), eq(auditLog.entityId, String(id))));
      expect(uses.map((u) => u.after)).toEqual([{ method: "GET", path: "/api/v1/components", query: "", status: 200 }]);
      expect(uses[0]!.actorLabel).toBe(`api-token:${id} test system`);
      expect((await db().select().from(apiTokens).where(eq(apiTokens.id, id)))[0]!.lastUsedAt).not.toBeNull();

      for (const [secretSent, problem] of [
        [null, "missing_token"],
        ["lmn_not-a-token", "invalid_token"],
        [`${secret.slice(0, -1)}x`, "invalid_token"],
      ] as const) {
        const answer = await call(getComponents, "/api/v1/components", secretSent);
        expect(answer).toMatchObject({ status: 401, json: { error: problem } });
        expect(Object.keys(answer.json).sort()).toEqual(["error", "message"]);
        expect(answer.headers.get("www-authenticate")).toMatch(/^Bearer/);
      }
      const expired = await issue();
      await db().update(apiTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiTokens.id, expired.id));
      expect((await call(getComponents, "/api/v1/components", expired.secret, { language: "th" })).json).toEqual({ error: "expired_token", message: "โทเค็น API หมดอายุแล้ว ขอโทเค็นใหม่จากผู้ดูแลระบบ" });

      await revokeApiToken(SYSTEM_ACTOR, id);
      expect((await call(getComponents, "/api/v1/components", secret)).json).toEqual({ error: "revoked_token", message: "The API token has been revoked" });
      await expect(revokeApiToken(SYSTEM_ACTOR, id)).rejects.toBeInstanceOf(ConflictError);
      expect(await db().select().from(auditLog).where(and(eq(auditLog.action, "api_token.revoke"), eq(auditLog.entityId, String(id))))).toHaveLength(1);
    });

    it("holds each token to its rate per minute (429 with Retry-After), counted in the database", async () => {
      const { id, secret } = await issue({ rateLimitPerMinute: 3 });
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await call(getComponents, "/api/v1/components", secret)).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const limited = await call(getComponents, "/api/v1/components", secret);
      expect(limited.headers.get("retry-after")).toBe("60");
      expect(limited.json.error).toBe("rate_limited");
      // Another token has its own count.
      expect((await call(getComponents, "/api/v1/components", (await issue()).secret)).status).toBe(200);
      const audited = await db().select({ after: auditLog.after }).from(auditLog).where(and(eq(auditLog.action, "api.request"), eq(auditLog.entityId, String(id))));
      expect(audited.map((a) => (a.after as { status: number }).status)).toEqual([200, 200, 200, 429, 429, 429]);
    });

    it("narrows every answer to the token's scope: 403 outside it whether or not the code exists, 404 for an unknown code inside a national one", async () => {
      const agency = (await issue({ scope: "agency", agencyCode: DOPA })).secret;
      const ministry = (await issue({ scope: "ministry", agencyCode: INTERIOR })).secret;
      const national = (await issue()).secret;
      const figures = (secret: string, query: string) => call(getFigures, `/api/v1/figures?period=${PERIOD}&${query}`, secret).then((a) => a.status);
      expect(await figures(agency, `scope=agency&code=${DOPA}`)).toBe(200);
      expect(await figures(agency, `scope=agency&code=${REVENUE}`)).toBe(403);
      expect(await figures(agency, "scope=agency&code=NOPE")).toBe(403);
      expect(await figures(agency, "scope=nation")).toBe(403);
      expect(await figures(agency, `scope=ministry&code=${INTERIOR}`)).toBe(403);
      expect(await figures(ministry, `scope=ministry&code=${INTERIOR}`)).toBe(200);
      expect(await figures(ministry, `scope=agency&code=${DOPA}`)).toBe(200);
      expect(await figures(ministry, `scope=agency&code=${REVENUE}`)).toBe(403);
      expect(await figures(national, "scope=agency&code=NOPE")).toBe(404);
      expect(await figures(national, `scope=ministry&code=${DOPA}`)).toBe(404);
      expect(await figures(national, "scope=planet")).toBe(422);
      expect((await call(getFigures, "/api/v1/figures?period=2590Q1", national)).status).toBe(404);

      // Lists hold only the scope's agencies.
      const interiorAgencies = new Set(
        (await db().execute<{ code: string }>(sql`with recursive below as (select id, code from agencies where code = ${INTERIOR} union all select a.id, a.code from agencies a join below b on a.parent_id = b.id) select code from below`)).rows.map((r) => r.code),
      );
      const ministryFlags = (await call(getFlags, "/api/v1/flags?limit=500", ministry)).json.data!;
      expect(ministryFlags.every((f) => interiorAgencies.has(String(f.agencyCode)))).toBe(true);
      const agencyFlags = (await call(getFlags, "/api/v1/flags?limit=500", agency)).json.data!;
      expect(new Set(agencyFlags.map((f) => f.agencyCode))).toEqual(new Set(agencyFlags.length ? [DOPA] : []));
      const nationalTotal = Number((await call(getFlags, "/api/v1/flags", national)).json.total);
      expect(nationalTotal).toBeGreaterThanOrEqual(ministryFlags.length);
    });

    it("lands posted figures as approved api facts in the figures the dashboards read; a retry answers the same, another value is 409", async () => {
      const { id, secret } = await issue({ scope: "agency", agencyCode: DOPA, canWrite: true });
      const figure = { clientKey: "thaid-2570Q1-dopa", agencyCode: DOPA, indicatorCode: INDICATOR, period: PERIOD, value: 110 };
      const first = await call(postFigures, "/api/v1/platform-figures", secret, { body: { figures: [figure] } });
      expect(first.status).toBe(201);
      const [answer] = first.json.data!;
      expect(answer).toMatchObject({ ...figure, heldForConfirmation: false, replayed: false });
      const [fact] = await db().select().from(indicatorFacts).where(eq(indicatorFacts.id, Number(answer!.factId)));
      const [post] = await db().select().from(apiFigurePosts).where(eq(apiFigurePosts.tokenId, id));
      expect(fact).toMatchObject({ source: "api", state: "approved", value: "110.0000", sourceId: post!.id, sourceRef: `api:${id}/thaid-2570Q1-dopa`, needsConfirmation: false });

      // The derived data was refreshed: the agency's figure (as the dashboards read it) is the posted value, traced to its fact.
      const read = await call(getFigures, `/api/v1/figures?scope=agency&code=${DOPA}&period=${PERIOD}`, secret);
      const row = read.json.data!.find((f) => f.indicatorCode === INDICATOR);
      expect(row).toMatchObject({ actual: 110, target: 100, status: "green", reporting: 1 });
      const trace = await call(getProvenance, `/api/v1/figures/provenance?scope=agency&code=${DOPA}&period=${PERIOD}&indicator=${INDICATOR}`, secret);
      expect(trace.json.data).toEqual([expect.objectContaining({ factId: fact!.id, source: "api", counted: true, sourceRef: `api:${id}/thaid-2570Q1-dopa` })]);

      // The same key and figure again: the same answer, nothing new.
      const count = async () => (await db().select().from(apiFigurePosts)).length;
      const before = await count();
      const again = await call(postFigures, "/api/v1/platform-figures", secret, { body: { figures: [figure] } });
      expect(again.status).toBe(200);
      expect(again.json.data).toEqual([{ ...answer, replayed: true }]);
      // The same key with another value: refused, nothing written.
      const conflict = await call(postFigures, "/api/v1/platform-figures", secret, { body: { figures: [{ ...figure, value: 111 }] } });
      expect(conflict).toMatchObject({ status: 409, json: { error: "client_key_reused" } });
      expect(await count()).toBe(before);
      expect((await db().select().from(indicatorFacts).where(eq(indicatorFacts.id, fact!.id)))[0]!.value).toBe("110.0000");
      expect(await db().select().from(auditLog).where(and(eq(auditLog.action, "api.platform_figure"), eq(auditLog.entityId, String(fact!.id))))).toHaveLength(1);
    });

    it("applies the forms' plausibility rules and refuses what it cannot place, writing nothing of a refused post", async () => {
      const { secret } = await issue({ scope: "agency", agencyCode: DOPA, canWrite: true });
      const count = async () => (await db().select().from(apiFigurePosts)).length;
      const before = await count();
      const post = (figures: unknown[]) => call(postFigures, "/api/v1/platform-figures", secret, { body: { figures } });
      const base = { agencyCode: DOPA, indicatorCode: INDICATOR, period: PERIOD };
      // Far above the agency's target (more than 5 ×): a reason is needed, as on the form.
      const unusual = await post([{ ...base, clientKey: "unusual", value: 10_000 }]);
      expect(unusual.status).toBe(422);
      expect(unusual.json.errors).toEqual([{ index: 0, field: "figures.0.value", reason: "implausible_needs_reason", message: expect.stringContaining("give a reason") }]);
      const unknown = await post([
        { ...base, clientKey: "a", indicatorCode: "NO-SUCH" },
        { ...base, clientKey: "b", period: "2590Q1", value: -1 },
      ].map((f) => ({ value: 1, ...f })));
      expect(unknown.status).toBe(422);
      expect(unknown.json.errors!.map((e) => `${e.field}:${e.reason}`).sort()).toEqual(["figures.0.indicatorCode:unknown_indicator", "figures.1.period:unknown_period", "figures.1.value:negative"]);
      // Another agency than the token's: 403, whether or not it exists.
      expect((await post([{ ...base, clientKey: "c", agencyCode: REVENUE, value: 1 }])).status).toBe(403);
      expect((await post([{ ...base, clientKey: "c", agencyCode: "NOPE", value: 1 }])).status).toBe(403);
      expect(await count()).toBe(before);

      // With a reason it is kept but held until an analyst confirms it.
      const held = await post([{ ...base, clientKey: "unusual-2", value: 10_000, reason: "ย้ายระบบ นับรวมสองไตรมาส" }]);
      expect(held.status).toBe(201);
      expect(held.json.data![0]).toMatchObject({ heldForConfirmation: true });
      const [fact] = await db().select().from(indicatorFacts).where(eq(indicatorFacts.id, Number(held.json.data![0]!.factId)));
      expect(fact).toMatchObject({ needsConfirmation: true, value: "10000.0000" });

      // A read-only token cannot post.
      const reader = (await issue({ scope: "agency", agencyCode: DOPA })).secret;
      expect((await call(postFigures, "/api/v1/platform-figures", reader, { body: { figures: [{ ...base, clientKey: "r", value: 1 }] } })).json.error).toBe("read_only_token");
      const latest = await db().select({ after: auditLog.after }).from(auditLog).where(eq(auditLog.action, "api.request")).orderBy(desc(auditLog.id)).limit(1);
      expect(latest[0]!.after).toMatchObject({ method: "POST", status: 403 });
    });
  },
  { seeded: true },
);
