import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, DatabaseKind } from "@/db/client";
import { applyMigrations, readMigrationState, type MigrationState } from "@/db/migrate";
import { appMeta, users } from "@/db/schema";
import { SYSTEM_ACTOR } from "@/core/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { issueUserToken } from "@/lib/auth/user-tokens";
import { loadReferenceCatalogue, REFERENCE_KINDS, referenceCatalogueSize, type ReferenceCounts } from "@/lib/reference/load";

/**
 * `npm run setup`: makes an empty database (PostgreSQL or embedded) ready for production use — migrations,
 * the reference catalogue (lib/reference/load.ts, "fill": nothing existing is touched) and the first
 * administrator, who chooses a password through a one-time link printed once. Never demo agencies, users
 * or figures. Every refusal happens before anything is changed.
 */

export const PRODUCTION_SETUP_KEY = "production_setup";

export interface SetupOptions {
  adminEmail?: string;
  adminName?: string;
  dryRun?: boolean;
  /** Base of the printed link (APP_URL / NEXTAUTH_URL). */
  appUrl: string;
  now?: Date;
}

export interface SetupReport {
  /** What was (or, with --dry-run, would be) done, one line each, for the operator. */
  lines: string[];
  /** False when the run changed nothing (a repeated run, or --dry-run). */
  changed: boolean;
  /** The administrator's one-time set-password link; shown once, never stored. */
  link?: string;
}

/** Setup will not run on this database; nothing was changed. */
export class SetupRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SetupRefusedError";
  }
}

const adminEmailSchema = z.string().trim().toLowerCase().pipe(z.email());

class DryRunRollback extends Error {}

const KIND_LABELS: Record<keyof ReferenceCounts, string> = {
  components: "components",
  elements: "component elements",
  services: "platforms and services",
  indicators: "indicators",
  rules: "flag rules",
  templates: "assessment templates (a starting point to adapt)",
  reviewChains: "review chains (one per agency type)",
  askTags: "tags of what agencies ask DGA for",
  dgaUnits: "DGA units support requests are routed to",
};

export async function runSetup(db: Database, kind: DatabaseKind, options: SetupOptions): Promise<SetupReport> {
  const now = options.now ?? new Date();
  const lines: string[] = [];
  const adminEmail = options.adminEmail === undefined ? undefined : parseAdminEmail(options.adminEmail);
  const adminName = options.adminName?.trim() || adminEmail?.split("@")[0];

  // 1. Where the database stands, and whether setup may touch it at all.
  const state = await readMigrationState(db);
  if (state.unknown > 0) {
    throw new SetupRefusedError(
      `The database has ${state.unknown} migration(s) that this version of Lamnam does not know (this code ends at ${state.codeAt}): ` +
        "it was set up by a newer version. Nothing was changed. Run setup from that version, or restore a backup made for this one.",
    );
  }
  const tables = await existingTables(db);
  if (await holdsDemoData(db, tables)) {
    throw new SetupRefusedError(
      "This database holds the demo data (loaded by `npm run demo` / `npm run db:seed`). Setup is for a production database: " +
        "point DATABASE_URL (or PGLITE_DIR) at an empty database. Nothing was changed.",
    );
  }
  const existingAdmin = adminEmail && tables.has("users") ? await findUser(db, adminEmail) : undefined;
  if (existingAdmin && existingAdmin.role !== "admin") {
    throw new SetupRefusedError(`${adminEmail} already has an account with the role "${existingAdmin.role}"; setup does not change it (use the users page). Nothing was changed.`);
  }
  const hasAdmin = tables.has("users") ? await hasActiveAdmin(db) : false;
  if (!adminEmail && !hasAdmin) {
    throw new SetupRefusedError("The database has no administrator yet: pass --admin-email you@agency.go.th (and --admin-name). Nothing was changed.");
  }

  lines.push(describeMigrationState(state, options.dryRun ?? false));

  // 2. --dry-run: what would be done, changing nothing.
  if (options.dryRun) {
    if (state.pending.length === 0) {
      // The schema is current: load the catalogue in a transaction that is rolled back, for exact counts.
      let created: ReferenceCounts | undefined;
      await db
        .transaction(async (tx) => {
          created = (await loadReferenceCatalogue(tx, "fill")).created;
          throw new DryRunRollback();
        })
        .catch((error: unknown) => {
          if (!(error instanceof DryRunRollback)) throw error;
        });
      lines.push(...describeCatalogue(created!, "would load"));
    } else {
      lines.push(...describeCatalogue(referenceCatalogueSize(), state.databaseAt ? "would load, where missing, up to" : "would load"));
    }
    lines.push(adminLine(adminEmail, existingAdmin !== undefined, true));
    lines.push("Dry run: nothing was changed.");
    return { lines, changed: false };
  }

  // 3. The change: migrations, then the catalogue and the administrator in one transaction.
  if (state.pending.length) await applyMigrations(db, kind);
  let link: string | undefined;
  const created = await db.transaction(async (tx) => {
    const reference = await loadReferenceCatalogue(tx, "fill");
    let adminCreated = false;
    if (adminEmail && !existingAdmin) {
      const [admin] = await tx.insert(users).values({ email: adminEmail, name: adminName!, role: "admin", agencyId: null, locale: "th", passwordHash: null }).returning();
      await recordAudit(tx, SYSTEM_ACTOR, { action: "user.create", entityType: "user", entityId: admin!.id, after: { email: admin!.email, role: admin!.role, agencyId: null } });
      const issued = await issueUserToken(tx, { userId: admin!.id, purpose: "set_password", actor: SYSTEM_ACTOR, now });
      link = `${options.appUrl.replace(/\/+$/, "")}/set-password?token=${issued.token}`;
      adminCreated = true;
    }
    const total = REFERENCE_KINDS.reduce((n, k) => n + reference.created[k], 0);
    if (total > 0 || adminCreated) {
      await tx
        .insert(appMeta)
        .values({ key: PRODUCTION_SETUP_KEY, value: { at: now.toISOString() } })
        .onConflictDoNothing({ target: appMeta.key });
      await recordAudit(tx, SYSTEM_ACTOR, { action: "setup.run", entityType: "database", after: { created: reference.created, administrator: adminCreated ? adminEmail : null } });
    }
    return { reference: reference.created, total, adminCreated };
  });
  lines.push(...describeCatalogue(created.reference, "loaded"));
  lines.push(adminLine(adminEmail, !created.adminCreated, false));
  const changed = state.pending.length > 0 || created.total > 0 || created.adminCreated;
  if (!changed) lines.push("Nothing to do: the database was already set up. Nothing was changed.");
  return { lines, changed, link };
}

function parseAdminEmail(raw: string): string {
  const parsed = adminEmailSchema.safeParse(raw);
  if (!parsed.success) throw new SetupRefusedError(`--admin-email "${raw}" is not an e-mail address. Nothing was changed.`);
  return parsed.data;
}

function describeMigrationState(state: MigrationState, dryRun: boolean): string {
  if (state.pending.length === 0) return `Database schema is current (${state.codeAt}).`;
  const verb = dryRun ? "would apply" : "applied";
  if (!state.databaseAt) return `Empty database: ${verb} ${state.pending.length} migrations (up to ${state.codeAt}).`;
  return `Database is at an older migration (${state.databaseAt}) than this code (${state.codeAt}): ${verb} ${state.pending.length} migration(s).`;
}

function describeCatalogue(counts: ReferenceCounts, verb: string): string[] {
  const total = REFERENCE_KINDS.reduce((n, k) => n + counts[k], 0);
  if (total === 0) return ["Reference catalogue: complete, nothing to add."];
  return [`Reference catalogue (${verb}):`, ...REFERENCE_KINDS.map((k) => `  ${String(counts[k]).padStart(3)} ${KIND_LABELS[k]}`)];
}

function adminLine(email: string | undefined, exists: boolean, dryRun: boolean): string {
  if (!email) return "Administrator: one exists already; none created.";
  if (exists) return `Administrator ${email}: exists already; no new link.`;
  return dryRun ? `Administrator ${email}: would be created, with a one-time link to choose a password.` : `Administrator ${email}: created (no password until the link below is used).`;
}

async function existingTables(db: Database): Promise<Set<string>> {
  const rows = await db.execute<{ name: string }>(sql`select table_name as name from information_schema.tables where table_schema = 'public'`);
  return new Set(rows.rows.map((r) => r.name));
}

/** The demo seed's marker, or one of its accounts (an older demo without the marker). */
async function holdsDemoData(db: Database, tables: Set<string>): Promise<boolean> {
  if (tables.has("app_meta")) {
    const rows = await db.execute(sql`select 1 from app_meta where key = 'demo_seed' limit 1`);
    if (rows.rows.length) return true;
  }
  if (tables.has("users")) {
    const rows = await db.execute(sql`select 1 from users where lower(email) like '%@lamnam.demo' limit 1`);
    if (rows.rows.length) return true;
  }
  return false;
}

async function findUser(db: Database, email: string): Promise<{ role: string } | undefined> {
  const rows = await db.execute<{ role: string }>(sql`select role::text as role from users where lower(email) = ${email} limit 1`);
  return rows.rows[0];
}

async function hasActiveAdmin(db: Database): Promise<boolean> {
  const rows = await db.execute(sql`select 1 from users where role = 'admin' and active limit 1`);
  return rows.rows.length > 0;
}
