// Forwarded headers (X-Forwarded-For, -Host, -Proto, -Port) say who the client is and how it reached
// the app — but only a proxy we run can be believed. `next start` listens on every interface, so anyone
// who reaches the app directly could otherwise pick their own address for sign-in throttling (a fresh
// bucket per request), their own Host for the origin check, or https for the cookies. So, before Next.js
// sees a request: from a peer in TRUSTED_PROXIES the headers pass as sent; from anyone else they are
// dropped and X-Forwarded-For is set to the connection's own address (Next.js fills the others in from
// the connection and the Host header).
import http from "node:http";
import { BlockList, isIP } from "node:net";
import { log } from "@/core/log";

const FORWARDED_HEADERS = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "forwarded"] as const;

/**
 * TRUSTED_PROXIES: addresses and CIDR ranges, separated by commas or spaces ("10.0.0.5, 10.1.0.0/16,
 * ::1"). Empty (the default): no proxy is trusted. An entry that is neither is refused at start-up.
 */
export function parseTrustedProxies(value: string | undefined): BlockList {
  const list = new BlockList();
  for (const entry of (value ?? "").split(/[\s,]+/).filter(Boolean)) {
    const [address, prefix, extra] = entry.split("/");
    const family = isIP(address ?? "");
    const bits = prefix === undefined ? null : Number(prefix);
    const maxBits = family === 6 ? 128 : 32;
    if (!family || extra !== undefined || (bits !== null && !(Number.isInteger(bits) && bits >= 0 && bits <= maxBits && /^\d+$/.test(prefix!)))) {
      throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range (e.g. 10.0.0.5 or 10.0.0.0/24)`);
    }
    const type = family === 6 ? "ipv6" : "ipv4";
    if (bits === null) list.addAddress(address!, type);
    else list.addSubnet(address!, bits, type);
  }
  return list;
}

/** Whether a socket's remote address is one of the trusted proxies (IPv4 peers may show as ::ffff:a.b.c.d). */
export function isTrustedPeer(address: string | undefined, trusted: BlockList): boolean {
  if (!address) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return trusted.check(mapped, "ipv4") || trusted.check(address, "ipv6");
  return trusted.check(address, isIP(address) === 6 ? "ipv6" : "ipv4");
}

/** Applies the rule to one incoming request, in place. */
export function guardForwardedHeaders(req: http.IncomingMessage, trusted: BlockList): void {
  const peer = req.socket.remoteAddress;
  if (isTrustedPeer(peer, trusted)) return;
  for (const name of FORWARDED_HEADERS) delete req.headers[name];
  if (peer) req.headers["x-forwarded-for"] = peer;
}

const INSTALLED = Symbol.for("lamnam.forwarded.installed");

/**
 * Puts the guard in front of the process's HTTP server(s), as the admission gate does (lib/http/admission.ts):
 * `next start` creates its server itself. Called once from instrumentation.ts, before the admission gate.
 */
export function installForwardedHeaderGuard(trusted: BlockList = parseTrustedProxies(process.env.TRUSTED_PROXIES)): void {
  const proto = http.Server.prototype as http.Server & { [INSTALLED]?: boolean };
  if (proto[INSTALLED]) return;
  proto[INSTALLED] = true;
  const emit = proto.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request") guardForwardedHeaders(args[0] as http.IncomingMessage, trusted);
    return emit.apply(this, [event, ...args]);
  } as typeof proto.emit;
  log("info", "http.trusted_proxies", { count: trusted.rules.length });
}
