import { createHash } from "node:crypto";

/**
 * Named (server-side prepared) statements for the app's parameterized queries on PostgreSQL.
 *
 * A query sent without a name is parsed and analyzed by PostgreSQL every time it runs; most of the app's
 * queries are short lookups for which that is a large share of their cost. Sent with a name, a connection
 * parses a statement once and then only binds and runs it (node-postgres keeps which names each connection
 * has prepared). The name is derived from the text, so one text always has one name.
 *
 * Only queries with parameters are named: those already use the extended protocol, and a text with
 * parameters cannot hold several statements. A connection prepares at most `perConnection` names, so texts
 * that vary with their input (IN lists of each length) cannot grow a connection's memory without bound; past
 * that, the connection sends new texts unnamed, as before.
 */
export const NAMED_STATEMENTS_PER_CONNECTION = 300;

const NAME_CACHE_LIMIT = 5000;
const namesByText = new Map<string, string>();

/** The statement name of a query text: stable across processes and connections. */
export function statementNameOf(text: string): string {
  let name = namesByText.get(text);
  if (name === undefined) {
    name = `l_${createHash("sha1").update(text).digest("hex").slice(0, 24)}`;
    if (namesByText.size >= NAME_CACHE_LIMIT) namesByText.clear();
    namesByText.set(text, name);
  }
  return name;
}

interface QueryConfigLike {
  text?: unknown;
  name?: unknown;
  values?: unknown;
}

/**
 * The query config to send on a connection that has prepared `prepared` (the names it holds): the same
 * config with a name when it should be a named statement, or the config unchanged.
 */
export function withStatementName<T>(config: T, values: unknown, prepared: Set<string>, perConnection = NAMED_STATEMENTS_PER_CONNECTION): T {
  if (config === null || typeof config !== "object") return config;
  const query = config as QueryConfigLike;
  // Submittables (COPY streams, cursors) carry a submit function of their own and are left alone.
  if (typeof query.text !== "string" || query.name !== undefined || "submit" in query) return config;
  const params = Array.isArray(values) ? values : query.values;
  if (!Array.isArray(params) || params.length === 0) return config;
  const name = statementNameOf(query.text);
  if (!prepared.has(name)) {
    if (prepared.size >= perConnection) return config;
    prepared.add(name);
  }
  return { ...query, name } as T;
}
