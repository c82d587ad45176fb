// Sending the load test's requests (scripts/bench-load.ts) and recording each answer per request kind:
// the warm-up, the closed loop through autocannon, and plain HTTP loops for users with a think time.
import http from "node:http";
import autocannon from "autocannon";
import { RATE, SECONDS, THINK_MS, TIMEOUT_SECONDS } from "./load-config";
import { seededRandom } from "@/scripts/generators/emenscr-synthetic";
import { UserSession, type Kind, type Planned, type Reference } from "./load-session";
import type { LoadUser } from "./load-users";

/** Everything measured of one kind of request. */
export interface KindStats {
  latencies: number[];
  errors: Map<string, number>;
}

/** What the load's answers measured: latencies and failures per kind, and the sockets lost on the way. */
export class LoadRecorder {
  readonly stats = new Map<Kind, KindStats>();
  timeouts = 0;
  socketErrors = 0;
  /** Latencies since the last `takeRecent`, for the progress lines: how answers fare while the import runs and after. */
  private recent: number[] = [];

  readonly record = (kind: Kind, latency: number | null, problem: string | null): void => {
    const entry: KindStats = this.stats.get(kind) ?? { latencies: [], errors: new Map() };
    this.stats.set(kind, entry);
    if (latency !== null) {
      entry.latencies.push(latency);
      this.recent.push(latency);
    }
    if (problem) entry.errors.set(problem, (entry.errors.get(problem) ?? 0) + 1);
  };

  takeRecent(): number[] {
    const recent = this.recent;
    this.recent = [];
    return recent;
  }

  answered(): number {
    return [...this.stats.values()].reduce((n, s) => n + s.latencies.length, 0);
  }

  failed(): number {
    return [...this.stats.values()].reduce((n, s) => n + [...s.errors.values()].reduce((a, b) => a + b, 0), 0);
  }
}

/** A load under way: `stop` records nothing more, ends it and resolves once its users have stopped. */
export interface RunningLoad {
  stop: () => Promise<unknown>;
}

/** Every kind of page and route once, as the first and the last user, so that loading the server's code is not measured. */
export async function warmUp(users: LoadUser[], reference: Reference, origin: string): Promise<void> {
  const warm = [new UserSession(users[0]!, reference, origin, 1), new UserSession(users.at(-1)!, reference, origin, 2)];
  for (const session of warm) {
    for (let i = 0; i < 8; i++) {
      const planned = session.next();
      const response = await fetch(`${origin}${planned.path}`, {
        method: planned.method,
        headers: { ...planned.headers, cookie: session.user.cookie! },
        body: planned.body ? new Uint8Array(planned.body) : undefined,
        redirect: "manual",
      });
      const problem = planned.check(response.status, await response.text());
      if (problem) throw new Error(`warm-up ${planned.kind} ${planned.path}: ${problem}`);
    }
  }
}

/**
 * Users with a think time: each sends its next request once the last one answered and a pause passed, their
 * starts spread over one pause. A pause is drawn between half and one and a half THINK_MS (THINK_MS on
 * average; each user's own seeded draws), as people's are: with the same pause for everyone, the users a
 * stall (the import's commit) held up all got their answers at once and came back together, THINK_MS later,
 * again and again. (autocannon paces by rate, not by a pause after each answer.)
 */
/** Seeds the users' pauses: the same pauses on every run. */
const THINK_SEED = 7_919;

/** The thinking users' connections, kept open between requests as a browser keeps them. */
const thinkingAgent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

/**
 * One request with Node's own HTTP client, its whole answer as text; rejects on a connection error or after
 * `timeoutMs`. fetch() cost the load generator about twice the CPU per answer (3.6 against 1.4-1.9 ms for a
 * 110 KB page), taken from the cores the server shares with it.
 */
function send(origin: string, planned: Planned, cookie: string, timeoutMs: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders = { ...planned.headers, cookie };
    if (planned.body) headers["content-length"] = planned.body.length;
    const request = http.request(`${origin}${planned.path}`, { method: planned.method, headers, agent: thinkingAgent }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        clearTimeout(timer);
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") });
      });
      response.on("error", fail);
    });
    const timer = setTimeout(() => request.destroy(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs);
    function fail(error: Error) {
      clearTimeout(timer);
      reject(error);
    }
    request.on("error", fail);
    request.end(planned.body);
  });
}

export function startThinkingUsers(sessions: UserSession[], origin: string, recorder: LoadRecorder): RunningLoad {
  let stopping = false;
  const stopped = () => stopping;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const done = Promise.all(
    sessions.map(async (session, i) => {
      const pause = seededRandom(THINK_SEED + i);
      await sleep((THINK_MS * i) / sessions.length);
      while (!stopped()) {
        const planned = session.next();
        const started = performance.now();
        try {
          const { status, body } = await send(origin, planned, session.user.cookie!, TIMEOUT_SECONDS * 1000);
          if (!stopped()) recorder.record(planned.kind, performance.now() - started, planned.check(status, body));
        } catch {
          if (!stopped()) recorder.record(planned.kind, null, "no answer (timeout or connection lost)");
          session.lost();
        }
        await sleep(THINK_MS * (0.5 + pause()));
      }
    }),
  );
  return {
    stop: async () => {
      stopping = true;
      await done;
      thinkingAgent.destroy();
    },
  };
}

/**
 * The closed loop: one autocannon connection per user, each sending its user's next request as soon as the
 * last one answered (or at RATE requests per second). Runs until stopped (at most SECONDS + 900 s).
 */
export function startClosedLoop(sessions: UserSession[], origin: string, recorder: LoadRecorder): RunningLoad {
  let stopping = false;
  let nextConnection = 0;
  let resolveFinished: (result: autocannon.Result) => void = () => {};
  let rejectFinished: (error: unknown) => void = () => {};
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    resolveFinished = resolve;
    rejectFinished = reject;
  });
  const instance = autocannon({
    url: origin,
    connections: sessions.length,
    // Stopped once the duration has passed and the import is committed; this only bounds it.
    duration: SECONDS + 900,
    timeout: TIMEOUT_SECONDS,
    connectionRate: RATE,
    // Placeholder until setupClient gives the connection its user's requests.
    requests: [{ method: "GET", path: "/api/health" }],
    setupClient: (client) => {
      const session = sessions[nextConnection++]!;
      let inflight: { planned: Planned; verdict?: string | null } | null = null;
      client.setRequests([
        {
          setupRequest: (request) => {
            // A request still in flight when the next is built got no answer: timed out or its connection failed.
            if (inflight && !stopping) {
              recorder.record(inflight.planned.kind, null, "no answer (timeout or connection lost)");
              session.lost();
            }
            const planned = session.next();
            inflight = { planned };
            return {
              ...request,
              method: planned.method,
              path: planned.path,
              headers: { ...planned.headers, cookie: session.user.cookie! },
              body: planned.body ?? Buffer.alloc(0),
            };
          },
          onResponse: (status, body) => {
            if (inflight) inflight.verdict = inflight.planned.check(status, body);
          },
        },
      ]);
      // A connection's own 'response' event: (status, bytes, milliseconds from write to the last byte).
      client.on("response", (_status: number, _bytes: number, latency: number) => {
        if (!inflight || stopping) return;
        recorder.record(inflight.planned.kind, latency, inflight.verdict ?? null);
        inflight = null;
      });
      // autocannon reconnects after a timeout or a connection error but keeps its HTTP parser in the
      // middle of the lost answer, which then garbles the next one: start the parser afresh.
      const parser = (client as unknown as { parser: { initialize: (type: "RESPONSE") => void } }).parser;
      (client as NodeJS.EventEmitter).on("timeout", () => {
        recorder.timeouts++;
        parser.initialize("RESPONSE");
      });
      (client as NodeJS.EventEmitter).on("connError", () => {
        recorder.socketErrors++;
        parser.initialize("RESPONSE");
      });
    },
  }, (error, result) => (error ? rejectFinished(error) : resolveFinished(result)));
  return {
    stop: () => {
      stopping = true;
      instance.stop();
      return finished;
    },
  };
}
