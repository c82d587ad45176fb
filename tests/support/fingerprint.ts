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
  for (const table of tables) {
    const key = table.schema === "public" ? table.name : `${table.schema}.${table.name}`;
    if (options.tables && !options.tables.includes(key)) continue;
    const { rows } = (await db.query(
      `select count(*)::int as rows, coalesce(md5(string_agg(t::text, E'\\n' order by ${table.pk ?? "t::text"})), '') as md5 from "${table.schema}"."${table.name}" t`,
    )) as { rows: TableFingerprint[] };
    result.tables[key] = rows[0]!;
  }
  if (!options.tables) {
    const { rows: sequences } = (await db.query(
      `select schemaname || '.' || sequencename as name, last_value::text as value from pg_sequences where schemaname in ${APP_SCHEMAS} order by 1`,
    )) as { rows: { name: string; value: string | null }[] };
    for (const s of sequences) result.sequences[s.name] = s.value;
  }
  return result;
}
