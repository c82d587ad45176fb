/** Anything that runs SQL text and returns rows: a PGlite instance, a pg Client or Pool. */
export interface SqlRunner {
  query: (text: string) => Promise<{ rows: unknown[] }>;
}

export interface TableFingerprint {
  rows: number;
  /** md5 of every row's text, in primary-key order. */
  md5: string;
}

export interface DatabaseFingerprint {
  tables: Record<string, TableFingerprint>;
  sequences: Record<string, string | null>;
}

const APP_SCHEMAS = "('public', 'drizzle')";

/**
 * Row count and content hash of every table of Lamnam's schemas, and every sequence's position: two
 * databases with equal fingerprints hold the same data (and will hand out the same next ids).
 */
export async function fingerprintDatabase(db: SqlRunner, options: { tables?: string[] } = {}): Promise<DatabaseFingerprint> {
  const { rows: tables } = (await db.query(`
    select n.nspname as schema, c.relname as name,
      (select string_agg(format('t.%I', a.attname), ', ' order by k.ord)
         from pg_index i
         cross join lateral unnest(i.indkey::int2[]) with ordinality as k(attnum, ord)
         join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
        where i.indrelid = c.oid and i.indisprimary) as pk
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p') and n.nspname in ${APP_SCHEMAS}
    order by 1, 2`)) as { rows: { schema: string; name: string; pk: string | null }[] };
  const result: DatabaseFingerprint = { tables: {}, sequences: {} };
  const wanted = tables
    .map((table) => ({ ...table, key: table.schema === "public" ? table.name : `${table.schema}.${table.name}` }))
    .filter((table) => !options.tables || options.tables.includes(table.key));
  // One statement for all tables: a fingerprint is taken around every refused request of the bad-input corpus.
  const parts = wanted.map(
    (table, i) =>
      `select ${i} as i, count(*)::int as rows, coalesce(md5(string_agg(t::text, E'\\n' order by ${table.pk ?? "t::text"})), '') as md5 from "${table.schema}"."${table.name}" t`,
  );
  const { rows } = parts.length ? ((await db.query(parts.join(" union all "))) as { rows: (TableFingerprint & { i: number })[] }) : { rows: [] };
  for (const row of rows) result.tables[wanted[row.i]!.key] = { rows: row.rows, md5: row.md5 };
  if (!options.tables) result.sequences = await sequencePositions(db);
  return result;
}

/** Every sequence's position (null: never used). */
export async function sequencePositions(db: SqlRunner): Promise<Record<string, string | null>> {
  const { rows } = (await db.query(
    `select schemaname || '.' || sequencename as name, last_value::text as value from pg_sequences where schemaname in ${APP_SCHEMAS} order by 1`,
  )) as { rows: { name: string; value: string | null }[] };
  return Object.fromEntries(rows.map((s) => [s.name, s.value]));
}

/**
 * The next transaction id PostgreSQL will hand out. A transaction that writes or locks a row takes one
 * (even if it is rolled back); one that only reads takes none. So while this stays the same, no row of
 * any table has changed, and the tables need not be hashed again to know it.
 */
export async function nextTransactionId(db: SqlRunner): Promise<string> {
  const { rows } = (await db.query("select pg_snapshot_xmax(pg_current_snapshot())::text as xid")) as { rows: { xid: string }[] };
  return rows[0]!.xid;
}
