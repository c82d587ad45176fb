// Forwarded headers are believed only from a trusted proxy (TRUSTED_PROXIES, lib/http/forwarded.ts): a client
// that reaches the app directly and makes up X-Forwarded-For still counts against its own address in the
// sign-in throttle. Requests go over real HTTP on loopback to a server guarded the way `next start` is.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientIdFrom, THROTTLE_POLICY, verifyCredentials } from "@/lib/auth/sign-in";
import { guardForwardedHeaders, installForwardedHeaderGuard, isTrustedPeer, parseTrustedProxies } from "@/lib/http/forwarded";
import { RateLimitedError } from "@/core/errors";
import { describeEachDatabase } from "../support/databases";
import { createUser, FACTORY_PASSWORD } from "../support/factories";

describe("TRUSTED_PROXIES", () => {
  it("reads addresses and CIDR ranges of both families; empty trusts nobody", () => {
    const list = parseTrustedProxies("10.0.0.5, 10.1.0.0/16 ::1 fd00::/8");
    expect(["10.0.0.5", "10.1.200.3", "::ffff:10.1.0.9", "::1", "fd12::1"].map((a) => isTrustedPeer(a, list))).toEqual([true, true, true, true, true]);
    expect(["10.0.0.6", "10.2.0.1", "127.0.0.1", "::2", "fe80::1", undefined].map((a) => isTrustedPeer(a, list))).toEqual([false, false, false, false, false, false]);
    expect(isTrustedPeer("127.0.0.1", parseTrustedProxies(""))).toBe(false);
    expect(isTrustedPeer("127.0.0.1", parseTrustedProxies(undefined))).toBe(false);
  });

  it.each(["localhost", "10.0.0.0/33", "10.0.0.1/8/1", "10.0.0.0/x", "*"])("refuses %j with a message naming the variable", (value) => {
    expect(() => parseTrustedProxies(value)).toThrow(/TRUSTED_PROXIES/);
  });
});

/** A sign-in endpoint behind the guard: 200 signed in, 401 wrong password, 429 throttled; echoes what the app saw. */
function startServer(trusted: () => string) {
  const server = http.createServer(async (req, res) => {
    guardForwardedHeaders(req, parseTrustedProxies(trusted()));
    const url = new URL(req.url ?? "/", "http://x");
    const seen = { client: clientIdFrom(req.headers), host: req.headers["x-forwarded-host"] ?? null, proto: req.headers["x-forwarded-proto"] ?? null };
    try {
      const result = await verifyCredentials(url.searchParams.get("email") ?? "", url.searchParams.get("password") ?? "", seen.client);
      res.writeHead(result.ok ? 200 : 401, { "content-type": "application/json" }).end(JSON.stringify(seen));
    } catch (error) {
      res.writeHead(error instanceof RateLimitedError ? 429 : 500, { "content-type": "application/json" }).end(JSON.stringify(seen));
    }
  });
  return new Promise<http.Server>((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

describeEachDatabase("forwarded headers and the sign-in throttle", ({ db }) => {
  let server: http.Server;
  let trusted = "";
  beforeAll(async () => {
    server = await startServer(() => trusted);
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const signIn = async (email: string, password: string, headers: Record<string, string>) => {
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/?${new URLSearchParams({ email, password })}`, { headers });
    return { status: response.status, seen: (await response.json()) as { client: string; host: string | null; proto: string | null } };
  };

  it("a made-up X-Forwarded-For from an untrusted peer gets no fresh throttle bucket", async () => {
    trusted = "";
    const forged = (i: number) => ({ "x-forwarded-for": `203.0.113.${i}`, "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" });
    const first = await signIn("spray0@example.test", "x", forged(0));
    // The app sees the connection's own address, and none of the made-up host or scheme.
    expect(first).toEqual({ status: 401, seen: { client: "127.0.0.1", host: null, proto: null } });
    for (let i = 1; i < THROTTLE_POLICY.maxFailuresPerClient; i++) expect((await signIn(`spray${i}@example.test`, "x", forged(i))).status).toBe(401);
    const user = await createUser(db());
    // The right password, from yet another made-up address: still the same (now locked) client.
    expect((await signIn(user.email, FACTORY_PASSWORD, forged(250))).status).toBe(429);
  });

  it("behind a trusted proxy, the address it appended is the client", async () => {
    trusted = "127.0.0.1";
    const user = await createUser(db());
    const answer = await signIn(user.email, FACTORY_PASSWORD, { "x-forwarded-for": "10.9.9.9, 198.51.100.20", "x-forwarded-proto": "https", "x-forwarded-host": "lamnam.example.go.th" });
    expect(answer).toEqual({ status: 200, seen: { client: "198.51.100.20", host: "lamnam.example.go.th", proto: "https" } });
  });
});

describe("installForwardedHeaderGuard", () => {
  it("guards every HTTP server of the process, as `next start` creates its own", async () => {
    installForwardedHeaderGuard(parseTrustedProxies(""));
    const server = http.createServer((req, res) => res.end(JSON.stringify({ forwardedFor: req.headers["x-forwarded-for"], host: req.headers["x-forwarded-host"] ?? null })));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/`, { headers: { "x-forwarded-for": "198.51.100.1", "x-forwarded-host": "evil.example" } });
      expect(await response.json()).toEqual({ forwardedFor: "127.0.0.1", host: null });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
