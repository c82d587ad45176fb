// What every route handler's answer carries, whatever the handler: a signed-in answer is never kept by a
// shared cache (Cache-Control: private, no-store, unless the handler chose its own), and a body that
// cannot be read is the caller's mistake (400 malformed_body), never a 500.
import { NextResponse } from "next/server";
import { describe, expect, it, vi } from "vitest";
import type { Actor } from "@/core/auth/actor";
import { readFormBody, readJsonBody } from "@/lib/http/body";
import { withActor } from "@/lib/http/route";

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/session", () => ({ getActor: async () => session.actor }));

const ANALYST: Actor = { id: 7, email: "analyst@example.test", name: "นักวิเคราะห์", role: "analyst", agencyId: null, agencyCode: null, locale: "th" };
const ORIGIN = "http://lamnam.test";
const post = (body: BodyInit, contentType: string) => new Request(`${ORIGIN}/api/x`, { method: "POST", body, headers: { origin: ORIGIN, host: "lamnam.test", "content-type": contentType } });

describe("withActor answers", () => {
  it("marks JSON for the signed-in caller private, no-store; also refusals and redirects", async () => {
    session.actor = ANALYST;
    const json = await withActor("indicator.view", async () => NextResponse.json({ ok: true }))(new Request(`${ORIGIN}/api/x`), {});
    expect(json.headers.get("cache-control")).toBe("private, no-store");
    expect(await json.json()).toEqual({ ok: true });
    const redirect = await withActor("indicator.view", async () => Response.redirect(`${ORIGIN}/elsewhere`, 303))(new Request(`${ORIGIN}/api/x`), {});
    expect({ status: redirect.status, location: redirect.headers.get("location"), cache: redirect.headers.get("cache-control") }).toEqual({ status: 303, location: `${ORIGIN}/elsewhere`, cache: "private, no-store" });
    const forbidden = await withActor("admin.users", async () => NextResponse.json({ ok: true }))(new Request(`${ORIGIN}/api/x`), {});
    expect([forbidden.status, forbidden.headers.get("cache-control")]).toEqual([403, "private, no-store"]);
    session.actor = null;
    const signedOut = await withActor("indicator.view", async () => NextResponse.json({ ok: true }))(new Request(`${ORIGIN}/api/x`), {});
    expect([signedOut.status, signedOut.headers.get("cache-control")]).toEqual([401, "private, no-store"]);
  });

  it("keeps a handler's own Cache-Control", async () => {
    session.actor = ANALYST;
    const answer = await withActor("indicator.view", async () => NextResponse.json({}, { headers: { "cache-control": "private, max-age=60" } }))(new Request(`${ORIGIN}/api/x`), {});
    expect(answer.headers.get("cache-control")).toBe("private, max-age=60");
  });

  it.each([
    ["multipart without a boundary", () => post("title=x", "multipart/form-data")],
    ["multipart cut off", () => post('--b\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nabc', "multipart/form-data; boundary=b")],
    ["JSON where a form is expected", () => post('{"a": 1}', "application/json")],
  ])("answers 400 malformed_body for %s", async (_, request) => {
    session.actor = ANALYST;
    const answer = await withActor("indicator.view", async (req) => NextResponse.json({ fields: [...(await readFormBody(req)).keys()] }))(request(), {});
    expect({ status: answer.status, body: await answer.json() }).toEqual({ status: 400, body: { error: "malformed_body" } });
  });

  it("reads JSON bodies the same way: malformed JSON is 400, good JSON passes", async () => {
    session.actor = ANALYST;
    const handler = withActor("indicator.view", async (req) => NextResponse.json({ got: await readJsonBody(req) }));
    const bad = await handler(post('{"period": "2570Q1"', "application/json"), {});
    expect({ status: bad.status, body: await bad.json() }).toEqual({ status: 400, body: { error: "malformed_body" } });
    const good = await handler(post('{"period": "2570Q1"}', "application/json"), {});
    expect(await good.json()).toEqual({ got: { period: "2570Q1" } });
  });
});
