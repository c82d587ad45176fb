// `npm run setup` on a production database (lib/setup/setup.ts): on an empty database it migrates, loads the
// reference catalogue and creates the first administrator with a one-time link; a second run and a dry run
// change nothing; a database with the demo data, or migrated by a newer version, is refused untouched.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { count, eq, sql } from "drizzle-orm";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { PgTable } from "drizzle-orm/pg-core";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { useDatabaseForTests as routeServicesTo, type Database } from "@/db/client";
import { listKnownMigrations, MIGRATIONS_FOLDER } from "@/db/migrate";
import {
  agencies,
  appMeta,
  assessmentTemplates,
  componentElements,
  components,
  flagRules,
  indicatorFacts,
  indicators,
  periods,
  services,
  targets,
  users,
  userTokens,
} from "@/db/schema";
import { runSetup, SetupRefusedError, type SetupOptions } from "@/lib/setup/setup";
import { inspectUserToken } from "@/lib/auth/user-tokens";
import { COMPONENTS } from "@/lib/reference/data/components";
import { SERVICES } from "@/lib/reference/data/services";
import { INDICATORS } from "@/lib/reference/data/indicators";
import { DEFAULT_RULES } from "@/lib/reference/data/rules";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases";
import { fingerprintDatabase, type SqlRunner } from "../support/fingerprint";

const OPTIONS: SetupOptions = { adminEmail: "Director@DGA.or.th", adminName: "ผู้อำนวยการ", appUrl: "https://lamnam.example.go.th/" };

const runner = (db: Database) => (db as unknown as { $client: SqlRunner }).$client;
const fingerprint = (db: Database) => fingerprintDatabase(runner(db));
const countOf = async (db: Database, table: PgTable) => (await db.select({ n: count() }).from(table))[0]!.n;

for (const kind of DATABASE_KINDS) {
  describe(`npm run setup [${kind}]`, () => {
    let current: TestDatabase | undefined;
    const openDatabase = async (migrate: boolean) => {
      current = await createTestDatabase(kind, { migrate });
      routeServicesTo(current.db, kind);
      return current.db;
    };
    /** The first three tests follow one database through its first, second and later runs. */
    let kept: TestDatabase | undefined;
    afterEach(async () => {
      if (current !== kept) await current?.dispose();
      current = undefined;
    });
    afterAll(async () => {
      await kept?.dispose();
    });
    const keptDatabase = () => {
      routeServicesTo(kept!.db, kind);
      current = kept;
      return kept!.db;
    };

    it("on an empty database: migrations, the reference catalogue, no demo data, and one administrator with no password and one live link", async () => {
      const db = await openDatabase(false);
      kept = current;
      const report = await runSetup(db, kind, OPTIONS);
      expect(report.changed).toBe(true);
      expect(report.lines[0]).toMatch(/^Empty database: applied \d+ migrations/);

      expect(await countOf(db, components)).toBe(7);
      expect(await countOf(db, componentElements)).toBe(COMPONENTS.reduce((n, c) => n + c.elements.length, 0));
      expect(await countOf(db, services)).toBe(SERVICES.length);
      expect(await countOf(db, indicators)).toBe(INDICATORS.length);
      expect(await countOf(db, flagRules)).toBe(DEFAULT_RULES.length);
      const templates = await db.select().from(assessmentTemplates);
      expect(templates).toHaveLength(7);
      expect(templates.every((t) => t.isStartingPoint)).toBe(true);
      // DGA's own role per component, from the source document.
      const roles = Object.fromEntries((await db.select({ code: components.code, role: components.dgaRole }).from(components)).map((c) => [c.code, c.role]));
      expect(roles).toMatchObject({ upstream: "leader", cybersecurity: "doer", monitoring_evaluation: "doer" });
      // Nothing of the demo: no agencies (so no platform owners yet), periods, targets or figures.
      expect(await countOf(db, agencies)).toBe(0);
      expect(await countOf(db, periods)).toBe(0);
      expect(await countOf(db, targets)).toBe(0);
      expect(await countOf(db, indicatorFacts)).toBe(0);
      expect((await db.select({ owner: services.ownerAgencyId }).from(services)).every((s) => s.owner === null)).toBe(true);

      const accounts = await db.select().from(users);
      expect(accounts).toHaveLength(1);
      expect(accounts[0]).toMatchObject({ email: "director@dga.or.th", name: "ผู้อำนวยการ", role: "admin", passwordHash: null, active: true });
      const tokens = await db.select().from(userTokens);
      expect(tokens).toHaveLength(1);
      expect(tokens[0]).toMatchObject({ userId: accounts[0]!.id, purpose: "set_password", usedAt: null });
      // The link is printed once and carries the token; only its hash is stored.
      const link = new URL(report.link!);
      expect(`${link.origin}${link.pathname}`).toBe("https://lamnam.example.go.th/set-password");
      const token = link.searchParams.get("token")!;
      expect(tokens[0]!.tokenHash).not.toContain(token);
      expect(await inspectUserToken(token)).toMatchObject({ status: "valid", email: "director@dga.or.th" });
    });

    it("is idempotent: a second run changes nothing, prints no new link and says so; a dry run then changes nothing either", async () => {
      const db = keptDatabase();
      const before = await fingerprint(db);
      const again = await runSetup(db, kind, OPTIONS);
      expect(again.changed).toBe(false);
      expect(again.link).toBeUndefined();
      expect(again.lines).toContain("Nothing to do: the database was already set up. Nothing was changed.");
      expect(again.lines).toContain("Administrator director@dga.or.th: exists already; no new link.");
      // Without --admin-email once an administrator exists.
      expect((await runSetup(db, kind, { appUrl: OPTIONS.appUrl })).changed).toBe(false);
      const dry = await runSetup(db, kind, { ...OPTIONS, dryRun: true });
      expect(dry.lines).toContain("Reference catalogue: complete, nothing to add.");
      expect(await fingerprint(db)).toEqual(before);
    });

    it("keeps an administrator's edits and restores only what is missing", async () => {
      const db = keptDatabase();
      // An indicator no template item refers to, gone; another renamed by DGA.
      const missing = INDICATORS.find((i) => i.source !== "self_assessment")!;
      await db.delete(indicators).where(eq(indicators.code, missing.code));
      await db.update(indicators).set({ nameEn: "Renamed by DGA" }).where(eq(indicators.code, INDICATORS[0]!.code));
      const dry = await runSetup(db, kind, { ...OPTIONS, dryRun: true });
      expect(dry.lines).toContain("    1 indicators");
      const report = await runSetup(db, kind, OPTIONS);
      expect(report.lines).toContain("    1 indicators");
      expect(await countOf(db, indicators)).toBe(INDICATORS.length);
      const [edited] = await db.select().from(indicators).where(eq(indicators.code, INDICATORS[0]!.code));
      expect(edited!.nameEn).toBe("Renamed by DGA");
    });

    it("--dry-run on an empty database says what it would do and creates nothing, not even a table", async () => {
      const db = await openDatabase(false);
      const report = await runSetup(db, kind, { ...OPTIONS, dryRun: true });
      expect(report.changed).toBe(false);
      expect(report.link).toBeUndefined();
      expect(report.lines.join("\n")).toMatch(/would apply \d+ migrations[\s\S]*7 components[\s\S]*Administrator director@dga\.or\.th: would be created[\s\S]*Dry run: nothing was changed\./);
      const tables = await db.execute(sql`select 1 from information_schema.tables where table_schema in ('public', 'drizzle')`);
      expect(tables.rows).toHaveLength(0);
    });

    it("refuses a database holding the demo data (its marker, or a demo account), changing nothing", async () => {
      const db = await openDatabase(true);
      await db.insert(appMeta).values({ key: "demo_seed", value: { version: 1 } });
      const before = await fingerprint(db);
      await expect(runSetup(db, kind, OPTIONS)).rejects.toThrow(SetupRefusedError);
      await expect(runSetup(db, kind, OPTIONS)).rejects.toThrow(/holds the demo data.*Nothing was changed/);
      expect(await fingerprint(db)).toEqual(before);

      await db.delete(appMeta);
      await db.insert(users).values({ email: "admin@lamnam.demo", name: "Demo", role: "admin" });
      const withAccount = await fingerprint(db);
      await expect(runSetup(db, kind, OPTIONS)).rejects.toThrow(/holds the demo data/);
      expect(await fingerprint(db)).toEqual(withAccount);
    });

    it("refuses a database migrated by a newer version (a migration this code does not know), changing nothing", async () => {
      const db = await openDatabase(true);
      const newest = listKnownMigrations().at(-1)!;
      await db.execute(sql`insert into drizzle.__drizzle_migrations (hash, created_at) values ('from-a-newer-version', ${newest.when + 60_000})`);
      const before = await fingerprint(db);
      await expect(runSetup(db, kind, OPTIONS)).rejects.toThrow(/1 migration\(s\) that this version of Lamnam does not know \(this code ends at .*\).*Nothing was changed/);
      await expect(runSetup(db, kind, { ...OPTIONS, dryRun: true })).rejects.toThrow(SetupRefusedError);
      expect(await fingerprint(db)).toEqual(before);
    });

    it("brings a database at an older migration up to date and says so", async () => {
      const db = await openDatabase(false);
      const known = listKnownMigrations();
      // This code's migrations but the last one, as an earlier release would have left them.
      const folder = mkdtempSync(path.join(os.tmpdir(), "lamnam-older-"));
      try {
        cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
        const journalPath = path.join(folder, "meta", "_journal.json");
        const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: unknown[] };
        journal.entries = journal.entries.slice(0, -1);
        writeFileSync(journalPath, JSON.stringify(journal));
        if (kind === "pglite") await migratePglite(db as unknown as PgliteDatabase, { migrationsFolder: folder });
        else await migratePg(db, { migrationsFolder: folder });
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
      const report = await runSetup(db, kind, OPTIONS);
      expect(report.lines[0]).toBe(`Database is at an older migration (${known.at(-2)!.tag}) than this code (${known.at(-1)!.tag}): applied 1 migration(s).`);
      expect(await countOf(db, components)).toBe(7);
    });

    it("refuses without --admin-email while the database has no administrator, and an e-mail that is not one", async () => {
      const db = await openDatabase(false);
      await expect(runSetup(db, kind, { appUrl: OPTIONS.appUrl })).rejects.toThrow(/pass --admin-email/);
      await expect(runSetup(db, kind, { ...OPTIONS, adminEmail: "not an email" })).rejects.toThrow(/is not an e-mail address/);
      const tables = await db.execute(sql`select 1 from information_schema.tables where table_schema in ('public', 'drizzle')`);
      expect(tables.rows).toHaveLength(0);
    });
  });
}
