// A small round-robin HTTP proxy on loopback for the load test with several app instances
// (scripts/bench-load.ts): each request goes whole to the next instance, headers untouched (the Host and
// Origin the browser sent stay as they were, so sign-in cookies and server actions work behind it).
import http from "node:http";

export interface RoundRobinProxy {
  origin: string;
  /** Requests sent to each target, in the order given. */
  counts: number[];
  stop: () => Promise<void>;
}

export async function startRoundRobinProxy(port: number, targets: string[]): Promise<RoundRobinProxy> {
  // Idle upstream sockets are dropped after 60 s, before the app would close them (SERVER_KEEP_ALIVE_MS, 120 s).
  const agents = targets.map(() => new http.Agent({ keepAlive: true, maxSockets: 512, timeout: 60_000 }));
  const counts = targets.map(() => 0);
  let next = 0;
  const server = http.createServer((request, response) => {
    const index = next++ % targets.length;
    counts[index]!++;
    const target = new URL(targets[index]!);
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: request.method, path: request.url, headers: request.headers, agent: agents[index] },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
        answer.pipe(response);
      },
    );
    upstream.on("error", (error) => {
      if (!response.headersSent) response.writeHead(502, { "content-type": "text/plain" });
      response.end(`proxy: ${error.message}`);
    });
    request.pipe(upstream);
  });
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    counts,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const agent of agents) agent.destroy();
    },
  };
}
