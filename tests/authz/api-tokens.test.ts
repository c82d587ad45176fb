// Calls every /api/v1 route of the matrix with each token subject's bearer token, in process, on PGlite
// and PostgreSQL (no session: the API reads only the Authorization header). A refusal carries no data,
// and nothing is written by a refused or invalid post.
import path from "node:path";
import { sql } from "drizzle-orm";
import { beforeAll, expect, it, vi } from "vitest";
import { seedConfiguredDatabase } from "@/scripts/seed/run";
import { describeEachDatabase } from "../support/databases";
import { createAuthzFixtures, createTokenFixtures } from "./fixtures";
import { fill, MATRIX, TOKEN_SUBJECTS, type Fixtures, type Outcome, type RouteEntry, type TokenSubject } from "./matrix";

vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));
vi.mock("@/lib/reports/generate", async (importOriginal) => ({ ...(await importOriginal<object>()), queueReport: async () => undefined }));

const root = path.resolve(import.meta.dirname, "../..");
const ORIGIN = "http://lamnam.test";
const entries = MATRIX.filter((e): e is RouteEntry & { tokens: NonNullable<RouteEntry["tokens"]> } => "route" in e && e.tokens !== undefined);

function outcomeOf(status: number): Outcome | `status ${number}` {
  if (status >= 200 && status < 300) return "ok";
  if ([400, 409, 413, 422].includes(status)) return "invalid";
  if (status === 401) return "unauthenticated";
  if (status === 403) return "forbidden";
  if (status === 404) return "not_found";
  return `status ${status}`;
}

/** The route file of a matrix route: `/api/v1/figures/provenance` → app/api/v1/figures/provenance/route.ts. */
const moduleOf = (route: string) => path.join(root, "app", ...route.split("/").filter(Boolean), "route.ts");

describeEachDatabase("the /api/v1 routes against the token subjects of the matrix", ({ db }) => {
  let fixtures: Fixtures;
  let secrets: Record<TokenSubject, string>;

  beforeAll(async () => {
    await seedConfiguredDatabase();
    fixtures = await createAuthzFixtures();
    secrets = await createTokenFixtures();
  });

  const posts = async () => Number((await db().execute<{ n: string }>(sql`select count(*) as n from api_figure_posts`)).rows[0]!.n);

  for (const entry of entries) {
    it(`${entry.method} ${entry.path}`, async () => {
      const handler = ((await import(/* @vite-ignore */ moduleOf(entry.route))) as Record<string, (request: Request, context: unknown) => Promise<Response>>)[entry.method]!;
      const observed: Partial<Record<TokenSubject, string>> = {};
      for (const subject of TOKEN_SUBJECTS) {
        const before = await posts();
        const body = entry.json === undefined ? undefined : fill(JSON.stringify(entry.json), fixtures, subject);
        const request = new Request(`${ORIGIN}${fill(entry.path, fixtures)}`, {
          method: entry.method,
          body,
          headers: { authorization: `Bearer ${secrets[subject]}`, ...(body ? { "content-type": "application/json" } : {}) },
        });
        const response = await handler(request, { params: Promise.resolve({}) });
        const outcome = outcomeOf(response.status);
        observed[subject] = outcome;
        const json = (await response.json()) as Record<string, unknown>;
        if (outcome !== "ok") {
          // A refusal is its code and its reason, never data.
          expect(Object.keys(json).filter((k) => !["error", "message", "errors"].includes(k)), `${subject} got data with ${response.status}`).toEqual([]);
          expect(typeof json.message === "string" && json.message.length > 0, `${subject}: a reason in words`).toBe(true);
          expect(await posts(), `${subject}: a refused post wrote`).toBe(before);
        }
      }
      expect(observed).toEqual(entry.tokens);
    });
  }
});
