// Admission control for the app server: at most MAX_CONCURRENT_REQUESTS requests are handled at once,
// the others wait their turn in arrival order. Without it, under a burst every request starts at once and
// they all share the one JavaScript thread and the database pool, so they all finish late together: with
// 200 users the first answers came after 40 s, every request of the first wave timed out, and the server
// went on working for clients that had given up (found by the load test, npm run bench:load). In order,
// the first requests finish in their usual time, a client that gives up while waiting costs nothing, and
// a request that waited too long gets a plain 503 with Retry-After rather than joining the work.
import { AsyncResource } from "node:async_hooks";
import http from "node:http";
import { log } from "@/core/log";

export interface AdmissionOptions {
  /** Requests handled at once; the others wait in arrival order. */
  maxConcurrent: number;
  /** A request that waited this long is answered 503 instead. */
  maxWaitMs: number;
}

/**
 * From the environment: MAX_CONCURRENT_REQUESTS (8; 0 turns the gate off) and REQUEST_QUEUE_TIMEOUT_MS (60 s).
 * Eight keep a core busy while some wait on the database; 16 held twice the renders in the heap at once and
 * cost about 15 % more CPU an answer under bench:load (more garbage collected), for no answer sooner.
 */
export function admissionOptionsFromEnv(env: Record<string, string | undefined> = process.env): AdmissionOptions | null {
  const maxConcurrent = Number(env.MAX_CONCURRENT_REQUESTS ?? 8);
  if (!Number.isInteger(maxConcurrent) || maxConcurrent <= 0) return null;
  return { maxConcurrent, maxWaitMs: Number(env.REQUEST_QUEUE_TIMEOUT_MS ?? 60_000) };
}

/**
 * Requests that never wait: cheap ones (static files, the load balancer's health check) and the report
 * print view, which the report's Chromium fetches while the report's own request holds its place.
 */
export function bypassesAdmission(url: string): boolean {
  const path = url.split("?")[0]!;
  return path.startsWith("/_next/static/") || path.startsWith("/fonts/") || path === "/favicon.ico" || path === "/api/health" || /^\/reports\/[^/]+\/print$/.test(path);
}

const BUSY_MESSAGE = "ระบบมีผู้ใช้งานจำนวนมาก กรุณาลองใหม่อีกครั้งในอีกสักครู่\nThe service is busy; please try again in a moment.\n";

interface Waiter {
  res: http.ServerResponse;
  handle: () => void;
  timer: NodeJS.Timeout;
  onClose: () => void;
}

export function createAdmissionGate(options: AdmissionOptions) {
  let active = 0;
  const waiting: Waiter[] = [];

  function start(res: http.ServerResponse, handle: () => void): void {
    active++;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      active--;
      while (active < options.maxConcurrent && waiting.length) {
        const next = waiting.shift()!;
        clearTimeout(next.timer);
        next.res.off("close", next.onClose);
        start(next.res, next.handle);
      }
    };
    // finish: answered; close: the connection ended first (the client gave up).
    res.once("finish", release);
    res.once("close", release);
    handle();
  }

  /** Runs handle now or when a place is free; answers 503 if none came free in time. */
  function admit(req: http.IncomingMessage, res: http.ServerResponse, handle: () => void): void {
    if (active < options.maxConcurrent) return start(res, handle);
    // A waiting request is let in from the end of another one: it must run in its own async context, not
    // in the one of the request that just finished, or per-request storage (the session, the headers)
    // would be that other user's.
    const scope = new AsyncResource("lamnam.admission");
    const waiter: Waiter = {
      res,
      handle: () => scope.runInAsyncScope(handle),
      onClose: () => {
        // The client went away while waiting: it is not served later.
        clearTimeout(waiter.timer);
        waiting.splice(waiting.indexOf(waiter), 1);
      },
      timer: setTimeout(() => {
        waiting.splice(waiting.indexOf(waiter), 1);
        res.off("close", waiter.onClose);
        log("warn", "http.request_shed", { method: req.method, path: (req.url ?? "").split("?")[0], waitedMs: options.maxWaitMs, active, waiting: waiting.length });
        res.writeHead(503, { "content-type": "text/plain; charset=utf-8", "retry-after": "10", "cache-control": "no-store" });
        res.end(BUSY_MESSAGE);
      }, options.maxWaitMs),
    };
    res.once("close", waiter.onClose);
    waiting.push(waiter);
  }

  return { admit, state: () => ({ active, waiting: waiting.length }) };
}

const INSTALLED = Symbol.for("lamnam.admission.installed");

/**
 * Puts the gate in front of the process's HTTP server(s): `next start` creates its server itself, so
 * the gate wraps the 'request' event of Node's http.Server. Called once from instrumentation.ts.
 */
export function installAdmissionGate(options: AdmissionOptions): void {
  const proto = http.Server.prototype as http.Server & { [INSTALLED]?: boolean };
  if (proto[INSTALLED]) return;
  proto[INSTALLED] = true;
  const gate = createAdmissionGate(options);
  const emit = proto.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event !== "request") return emit.apply(this, [event, ...args]);
    const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
    if (bypassesAdmission(req.url ?? "/")) return emit.call(this, event, req, res);
    gate.admit(req, res, () => emit.call(this, event, req, res));
    return true;
  } as typeof proto.emit;
}
