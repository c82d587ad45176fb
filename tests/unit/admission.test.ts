import { AsyncLocalStorage } from "node:async_hooks";
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { admissionOptionsFromEnv, bypassesAdmission, createAdmissionGate, type AdmissionOptions } from "@/lib/http/admission";

/** A server behind the gate whose answers wait until the test releases them, one by one, by path. */
async function gatedServer(options: AdmissionOptions) {
  const gate = createAdmissionGate(options);
  const started: string[] = [];
  const held = new Map<string, http.ServerResponse>();
  const server = http.createServer((req, res) =>
    gate.admit(req, res, () => {
      started.push(req.url!);
      held.set(req.url!, res);
    }),
  );
  // Every request the server has seen (started or queued), by path: the events the test waits on.
  const arrived = new Map<string, http.ServerResponse>();
  server.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
    arrived.set(req.url!, res);
    server.emit("lamnam:arrived", req.url);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const arrival = async (path: string) => {
    while (!arrived.has(path)) await once(server, "lamnam:arrived");
  };
  return {
    started,
    gate,
    /** Sends a request and waits until the server has seen it (started or queued); `answer` settles with the response. */
    async send(path: string, signal?: AbortSignal) {
      const answer = fetch(`${origin}${path}`, { signal }).then(async (r) => ({ status: r.status, retryAfter: r.headers.get("retry-after"), text: await r.text() }));
      answer.catch(() => {});
      await arrival(path);
      return { answer };
    },
    /** Answers a started request; resolves once it is finished, when the gate has let the next one in. */
    async release(path: string) {
      await new Promise<void>((resolve) => held.get(path)!.end(`done ${path}`, () => resolve()));
    },
    /** Resolves once the server has seen the client of a request go away. */
    async gone(path: string) {
      const res = arrived.get(path)!;
      if (!res.closed) await once(res, "close");
    },
    close: () => {
      for (const res of held.values()) if (!res.writableEnded) res.end();
      server.closeAllConnections();
      return new Promise((r) => server.close(r));
    },
  };
}

let close: (() => Promise<unknown>) | null = null;
afterEach(async () => {
  await close?.();
  close = null;
});

describe("admission gate", () => {
  it("handles at most the limit at once and lets the others in, in the order they came", async () => {
    const app = await gatedServer({ maxConcurrent: 2, maxWaitMs: 10_000 });
    close = app.close;
    const answers = [];
    for (const path of ["/a", "/b", "/c", "/d", "/e"]) answers.push((await app.send(path)).answer);
    expect(app.started).toEqual(["/a", "/b"]);
    expect(app.gate.state()).toEqual({ active: 2, waiting: 3 });
    await app.release("/b");
    expect(app.started).toEqual(["/a", "/b", "/c"]);
    await app.release("/a");
    await app.release("/c");
    expect(app.started).toEqual(["/a", "/b", "/c", "/d", "/e"]);
    await app.release("/d");
    await app.release("/e");
    expect((await Promise.all(answers)).map((a) => a.text)).toEqual(["done /a", "done /b", "done /c", "done /d", "done /e"]);
  });

  it("answers 503 with Retry-After and a message in Thai and English when no place came free in time", async () => {
    const app = await gatedServer({ maxConcurrent: 1, maxWaitMs: 100 });
    close = app.close;
    await app.send("/busy");
    const shed = (await app.send("/late")).answer;
    expect(await shed).toEqual({ status: 503, retryAfter: "10", text: expect.stringContaining("ระบบมีผู้ใช้งานจำนวนมาก") });
    expect((await shed).text).toContain("The service is busy");
    expect(app.started).toEqual(["/busy"]);
  });

  it("never serves a request whose client gave up while it waited", async () => {
    const app = await gatedServer({ maxConcurrent: 1, maxWaitMs: 10_000 });
    close = app.close;
    await app.send("/first");
    const abort = new AbortController();
    await app.send("/abandoned", abort.signal);
    abort.abort();
    await app.gone("/abandoned");
    await app.send("/patient");
    await app.release("/first");
    expect(app.started).toEqual(["/first", "/patient"]);
    expect(app.gate.state()).toEqual({ active: 1, waiting: 0 });
  });

  it("lets a waiting request in with its own request context, not the one of the request that made room", async () => {
    const requestContext = new AsyncLocalStorage<string>();
    const gate = createAdmissionGate({ maxConcurrent: 1, maxWaitMs: 10_000 });
    const seen: (string | undefined)[] = [];
    let first: http.ServerResponse | null = null;
    const server = http.createServer((req, res) =>
      gate.admit(req, res, () => {
        seen.push(requestContext.getStore());
        // Each request runs in its own context, as Next.js keeps a request's headers and session.
        requestContext.run(req.url!, () => (first ? res.end("second") : (first = res)));
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    close = () => new Promise((r) => server.close(r));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const arrived: string[] = [];
    server.on("request", (req: http.IncomingMessage) => arrived.push(req.url!));
    const arrival = async (path: string) => {
      while (!arrived.includes(path)) await once(server, "request");
    };
    const one = fetch(`${origin}/first-user`);
    await arrival("/first-user");
    const two = fetch(`${origin}/second-user`);
    await arrival("/second-user");
    // The first request ends inside its own context: that is where the second one is let in from.
    requestContext.run("/first-user", () => first!.end("first"));
    expect(await (await two).text()).toBe("second");
    await (await one).text();
    expect(seen).toEqual([undefined, undefined]);
  });

  it("lets static files, the health check and the report print view past the queue", () => {
    expect(bypassesAdmission("/_next/static/chunks/app.js")).toBe(true);
    expect(bypassesAdmission("/api/health")).toBe(true);
    expect(bypassesAdmission("/reports/12/print?token=x")).toBe(true);
    expect(bypassesAdmission("/")).toBe(false);
    expect(bypassesAdmission("/api/dashboard/overview?period=2570Q1")).toBe(false);
    expect(bypassesAdmission("/reports/12")).toBe(false);
  });

  it("is on by default (8 at once, 60 s wait) and off with MAX_CONCURRENT_REQUESTS=0", () => {
    expect(admissionOptionsFromEnv({})).toEqual({ maxConcurrent: 8, maxWaitMs: 60_000 });
    expect(admissionOptionsFromEnv({ MAX_CONCURRENT_REQUESTS: "4", REQUEST_QUEUE_TIMEOUT_MS: "5000" })).toEqual({ maxConcurrent: 4, maxWaitMs: 5000 });
    expect(admissionOptionsFromEnv({ MAX_CONCURRENT_REQUESTS: "0" })).toBeNull();
  });
});
