// A loopback TCP relay in front of PostgreSQL that a test can cut and restore: while cut, every open
// connection is reset and new ones are refused, which is what a client sees while the server restarts.
import net from "node:net";

export interface OutageRelay {
  /** postgres:// URL of the same database, through the relay. */
  url: string;
  /** Connections the relay has accepted so far (each client's reconnects count). */
  readonly accepted: number;
  /** Resets every open connection and stops listening (connects are refused). */
  cut(): Promise<void>;
  /** Listens again on the same port. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startOutageRelay(databaseUrl: string): Promise<OutageRelay> {
  const target = new URL(databaseUrl);
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  const server = net.createServer((client) => {
    accepted++;
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("error", () => {});
      socket.on("close", () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
  const stopListening = () => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
  await listen(0);
  const port = (server.address() as net.AddressInfo).port;
  const relayed = new URL(databaseUrl);
  relayed.hostname = "127.0.0.1";
  relayed.port = String(port);
  const cut = async () => {
    const closing = stopListening();
    for (const socket of sockets) socket.resetAndDestroy();
    await closing;
  };
  return {
    url: relayed.toString(),
    get accepted() {
      return accepted;
    },
    cut,
    restore: () => listen(port),
    close: cut,
  };
}
