// The API contract: every /api/v1 operation of the OpenAPI description is called (answers it promises,
// refusals included) and each response is checked against the description — the status code must be one
// it lists, and the body must match the JSON Schema it gives for that status (ajv, JSON Schema 2020-12,
// the dialect of OpenAPI 3.1). A route the description does not list, or one it lists without a call here,
// fails the test.
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { beforeAll, expect, it, vi } from "vitest";
import { buildOpenApiDocument } from "@/core/api/openapi";
import { issueApiToken } from "@/lib/api/tokens";
import { SYSTEM_ACTOR } from "@/core/auth/actor";
import { discoverEndpoints } from "../authz/discover";
import { liveTokenExpiry } from "../authz/fixtures";
import { describeEachDatabase } from "../support/databases";

vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

const root = path.resolve(import.meta.dirname, "../..");
const ORIGIN = "http://lamnam.test";
type Doc = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>>; components: { schemas: Record<string, object> } };
const doc = buildOpenApiDocument() as unknown as Doc;

interface Call {
  path: string;
  method: "GET" | "POST";
  /** Which token: national (may write), agency DOPA (may write), read-only agency, none. */
  as: "national" | "agency" | "reader" | "none";
  query?: string;
  body?: unknown;
  rawBody?: string;
  expect: number;
}

// With a reason: whether the demo data makes 12 unusual for DOPA or not, the post is accepted.
const FIGURE = { clientKey: "contract-1", agencyCode: "03002", indicatorCode: "MID-05", period: "2570Q1", value: 12, reason: "contract test" };
/** Each operation's successes and refusals. */
const CALLS: Call[] = [
  { path: "/api/v1/components", method: "GET", as: "agency", expect: 200 },
  { path: "/api/v1/components", method: "GET", as: "none", expect: 401 },
  { path: "/api/v1/indicators", method: "GET", as: "national", expect: 200 },
  { path: "/api/v1/figures", method: "GET", as: "national", query: "period=2570Q1", expect: 200 },
  { path: "/api/v1/figures", method: "GET", as: "national", query: "scope=ministry&code=03000", expect: 200 },
  { path: "/api/v1/figures", method: "GET", as: "agency", query: "scope=agency&code=03002&period=2570Q1", expect: 200 },
  { path: "/api/v1/figures", method: "GET", as: "agency", query: "scope=nation", expect: 403 },
  { path: "/api/v1/figures", method: "GET", as: "national", query: "scope=agency&code=NOPE", expect: 404 },
  { path: "/api/v1/figures", method: "GET", as: "national", query: "scope=planet", expect: 422 },
  { path: "/api/v1/figures/provenance", method: "GET", as: "national", query: "indicator=MID-01&period=2570Q1", expect: 200 },
  { path: "/api/v1/figures/provenance", method: "GET", as: "agency", query: "indicator=MID-01&scope=agency&code=03002", expect: 200 },
  { path: "/api/v1/figures/provenance", method: "GET", as: "national", query: "indicator=NOPE", expect: 404 },
  { path: "/api/v1/flags", method: "GET", as: "national", expect: 200 },
  { path: "/api/v1/flags", method: "GET", as: "agency", query: "limit=0", expect: 422 },
  { path: "/api/v1/cases", method: "GET", as: "national", query: "period=2570Q1", expect: 200 },
  { path: "/api/v1/reports", method: "GET", as: "agency", expect: 200 },
  { path: "/api/v1/platform-figures", method: "POST", as: "agency", body: { figures: [FIGURE] }, expect: 201 },
  { path: "/api/v1/platform-figures", method: "POST", as: "agency", body: { figures: [FIGURE] }, expect: 200 },
  { path: "/api/v1/platform-figures", method: "POST", as: "agency", body: { figures: [{ ...FIGURE, value: 13 }] }, expect: 409 },
  { path: "/api/v1/platform-figures", method: "POST", as: "agency", body: { figures: [{ ...FIGURE, clientKey: "contract-2", agencyCode: "02003" }] }, expect: 403 },
  { path: "/api/v1/platform-figures", method: "POST", as: "reader", body: { figures: [FIGURE] }, expect: 403 },
  { path: "/api/v1/platform-figures", method: "POST", as: "national", body: { figures: [{ ...FIGURE, clientKey: "contract-3", indicatorCode: "NOPE" }] }, expect: 422 },
  { path: "/api/v1/platform-figures", method: "POST", as: "national", rawBody: "{\"figures\": [", expect: 400 },
  { path: "/api/v1/platform-figures", method: "POST", as: "national", rawBody: JSON.stringify({ figures: [], pad: "x".repeat(1_100_000) }), expect: 413 },
];

const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addSchema({ $id: "lamnam-openapi", $defs: {}, components: doc.components }, "lamnam-openapi");

/** The response schema the description gives, with its component references resolved inside the document. */
function validatorFor(pathName: string, method: string, status: number) {
  const response = doc.paths[pathName]?.[method.toLowerCase()]?.responses[String(status)];
  if (!response) return null;
  const schema = response.content?.["application/json"]?.schema;
  const rewritten = JSON.parse(JSON.stringify(schema ?? {}).replaceAll('"#/components/', '"lamnam-openapi#/components/')) as object;
  return ajv.compile(rewritten);
}

it("lists every /api/v1 route handler in the description, and calls every operation it describes", () => {
  const routes = discoverEndpoints(root)
    .endpoints.filter((e) => e.kind === "route" && e.route.startsWith("/api/v1/") && e.route !== "/api/v1/openapi.json")
    .map((e) => (e.kind === "route" ? `${e.method} ${e.route}` : ""))
    .sort();
  const described = Object.entries(doc.paths)
    .flatMap(([p, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`))
    .sort();
  expect(described).toEqual(routes);
  expect([...new Set(CALLS.map((c) => `${c.method} ${c.path}`))].sort()).toEqual(described);
});

describeEachDatabase(
  "the /api/v1 routes against their OpenAPI description",
  () => {
    const secrets: Record<Call["as"], string | null> = { national: null, agency: null, reader: null, none: null };
    beforeAll(async () => {
      const expiresOn = liveTokenExpiry();
      secrets.national = (await issueApiToken(SYSTEM_ACTOR, { name: "contract national", scope: "national", canWrite: true, expiresOn })).secret;
      secrets.agency = (await issueApiToken(SYSTEM_ACTOR, { name: "contract agency", scope: "agency", agencyCode: "03002", canWrite: true, expiresOn })).secret;
      secrets.reader = (await issueApiToken(SYSTEM_ACTOR, { name: "contract reader", scope: "agency", agencyCode: "03002", expiresOn })).secret;
    });

    for (const c of CALLS) {
      it(`${c.method} ${c.path}${c.query ? `?${c.query}` : ""} as ${c.as} → ${c.expect}`, async () => {
        const routeModule = (await import(/* @vite-ignore */ path.join(root, "app", ...c.path.split("/").filter(Boolean), "route.ts"))) as Record<string, (r: Request, ctx: unknown) => Promise<Response>>;
        const headers: Record<string, string> = {};
        if (secrets[c.as]) headers.authorization = `Bearer ${secrets[c.as]}`;
        const body = c.rawBody ?? (c.body === undefined ? undefined : JSON.stringify(c.body));
        if (body !== undefined) headers["content-type"] = "application/json";
        const response = await routeModule[c.method]!(new Request(`${ORIGIN}${c.path}${c.query ? `?${c.query}` : ""}`, { method: c.method, headers, body }), { params: Promise.resolve({}) });
        expect(response.status).toBe(c.expect);
        const validate = validatorFor(c.path, c.method, response.status);
        expect(validate, `the description lists no ${response.status} for ${c.method} ${c.path}`).not.toBeNull();
        const json: unknown = await response.json();
        expect(validate!(json) ? [] : validate!.errors, "the body matches the described schema").toEqual([]);
      });
    }
  },
  { seeded: true },
);
