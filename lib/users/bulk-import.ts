import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Queryable, Transaction } from "@/db/client";
import { loadAgencyPlaces, requireUserAdminScope } from "@/db/queries/user-admin";
import { users, type User } from "@/db/schema";
import type { Actor } from "@/core/auth/actor";
import { userAdminRefusal } from "@/core/auth/user-admin";
import { ROLES, type Role } from "@/core/enums";
import { issueCode } from "@/core/errors/field-errors";
import { normaliseHeader } from "@/core/parse/headers";
import { parseBoolean } from "@/core/parse/values";
import { recordAuditMany } from "@/lib/audit/record";
import { runTableImport, type TableImporter, type TableImportOptions } from "@/lib/admin/table-import";
import { shownValue, type PreviewRow, type RowProblem } from "@/lib/import/table";
import en from "@/messages/en.json";
import th from "@/messages/th.json";
import { accountInput } from "./account-input";
import { queueInvitations } from "./invitations";
import { checkPlacement, type Placement } from "./placement";

// Accounts from a CSV/XLSX (e-mail, name, role, agency code, optionally province and SSO): preview, then one
// transaction; the new accounts' invitations go out after the commit, in the background. An account is
// matched by e-mail: a row for an existing one changes its name, role or agency (within the uploader's
// scope), so the same file uploaded twice changes nothing the second time.

export const USER_IMPORT_FIELDS = ["email", "name", "role", "agencyCode", "province", "sso"] as const;
type Field = (typeof USER_IMPORT_FIELDS)[number];

export const USER_TEMPLATE_HEADERS: Record<Field, string> = {
  email: "อีเมล (E-mail)",
  name: "ชื่อ-นามสกุล (Name)",
  role: "บทบาท (Role)",
  agencyCode: "รหัสหน่วยงาน (Agency code)",
  province: "จังหวัด (Province)",
  sso: "เข้าระบบผ่าน SSO (SSO)",
};

const VARIANTS: Record<Field, string[]> = {
  email: ["อีเมล", "E-mail", "Email", "อีเมล์"],
  name: ["ชื่อ-นามสกุล", "ชื่อ", "ชื่อ นามสกุล", "Name", "Full name"],
  role: ["บทบาท", "Role"],
  agencyCode: ["รหัสหน่วยงาน", "Agency code", "Agency"],
  province: ["จังหวัด", "Province"],
  sso: ["SSO", "เข้าระบบผ่าน SSO"],
};

/** A role from its key or its Thai/English name ("เจ้าหน้าที่หน่วยงาน", "Agency officer"), any case and spacing. */
const roleByText = new Map<string, Role>();
for (const role of ROLES) for (const text of [role, th.enums.role[role], en.enums.role[role]]) roleByText.set(normaliseHeader(text), role);
export const readRole = (text: string): Role | null => roleByText.get(normaliseHeader(text)) ?? null;

/** What the commit did, for the caller (kept out of the audit entry: thousands of ids). */
interface Outcome {
  createdIds: number[];
}

interface PlannedUser {
  preview: PreviewRow;
  before: User | undefined;
  desired: { email: string; name: string; role: Role; sso: boolean } & Placement;
  /** Role, agency or province change: the account's sessions end. */
  moves: boolean;
}

const COMPARED = ["name", "role", "agencyCode", "province"] as const;

function userImporter(actor: Actor, outcome: Outcome): TableImporter<Field> {
  return {
    action: "user.import",
    permission: "users.manage",
    read: { variants: Object.fromEntries(USER_IMPORT_FIELDS.map((f) => [f, [USER_TEMPLATE_HEADERS[f], ...VARIANTS[f]]])) as Record<Field, string[]>, required: ["email", "name", "role"], minHeaders: 2 },
    plan: async (db, table) => {
      const headerOf = new Map(table.columns.filter((c) => c.field).map((c) => [c.field!, c.header]));
      const places = await loadAgencyPlaces(db);
      const stored = await loadStoredUsers(db);
      const firstRowOf = new Map<string, number>();
      const planned = table.records.map((record): PlannedUser => {
        const problems: RowProblem[] = [];
        const v = record.values;
        const problem = (field: Field | null, reason: string, params?: RowProblem["params"]) =>
          problems.push({ row: record.rowNumber, column: field ? (headerOf.get(field) ?? null) : null, reason, ...(params ? { params } : {}), ...shownValue(field ? v[field] : null, reason, params) });
        const role = v.role ? readRole(v.role) : null;
        if (v.role && !role) problem("role", "unknown_user_role", { value: v.role });
        let sso = false;
        if (v.sso !== undefined) {
          const parsed = parseBoolean(v.sso);
          if (parsed.ok) sso = parsed.value;
          else problem("sso", "not_boolean", { value: v.sso });
        }
        if (record.numeric.has("agencyCode")) problem("agencyCode", "code_as_number", { value: v.agencyCode ?? "" });
        const parsed = accountInput.safeParse({ email: v.email ?? "", name: v.name ?? "", role: role ?? "agency_officer", agencyCode: v.agencyCode, province: v.province, sso });
        if (!parsed.success) for (const issue of parsed.error.issues) problem(String(issue.path[0]) as Field, !v[String(issue.path[0]) as Field] ? "required" : issueCode(issue));
        if (!v.role) problem("role", "required");
        const email = parsed.success ? parsed.data.email : (v.email ?? "").trim().toLowerCase();
        if (email) {
          const first = firstRowOf.get(email);
          if (first !== undefined) problem("email", "duplicate_email", { firstRow: first });
          else firstRowOf.set(email, record.rowNumber);
        }
        const before = stored.get(email);
        let placement: Placement = { agencyId: null, province: null };
        if (parsed.success && role) {
          const agency = parsed.data.agencyCode ? (places.byCode.get(parsed.data.agencyCode) ?? undefined) : null;
          const checked = checkPlacement(actor, { ...parsed.data, role, managesUsers: false }, agency);
          placement = checked.placement;
          for (const p of checked.problems) problem(p.field === "managesUsers" ? "role" : p.field, p.reason, p.reason === "unknown_agency" ? { code: parsed.data.agencyCode ?? "" } : undefined);
          if (before && !checked.problems.length) {
            // The account as it is must be the uploader's to change, too (and never their own).
            const agencyNow = before.agencyId ? (places.byId.get(before.agencyId) ?? null) : null;
            const refusal = userAdminRefusal(actor, { id: before.id, role: before.role, agency: agencyNow, province: before.province, managesUsers: before.managesUsers });
            if (refusal) problem("email", refusal === "own_account" ? "own_account" : "account_outside_scope");
          }
        }
        const desired = { email, name: parsed.success ? parsed.data.name : (v.name ?? ""), role: role ?? "agency_officer", sso, ...placement };
        return { preview: { row: record.rowNumber, label: email || "–", change: "invalid", changes: [], problems }, before, desired, moves: false };
      });
      for (const p of planned) if (!p.preview.problems.length) compare(p, places.byId);
      return { rows: planned.map((p) => p.preview), apply: (tx: Transaction) => applyUsers(tx, actor, planned, outcome) };
    },
  };
}

async function loadStoredUsers(db: Queryable): Promise<Map<string, User>> {
  const rows = await db.select().from(users);
  return new Map(rows.map((u) => [u.email.toLowerCase(), u]));
}

function compare(p: PlannedUser, agencyById: Map<number, { code: string }>): void {
  const codeOf = (id: number | null) => (id === null ? null : (agencyById.get(id)?.code ?? null));
  const now = { name: p.desired.name, role: p.desired.role, agencyCode: codeOf(p.desired.agencyId), province: p.desired.province };
  const was = p.before ? { name: p.before.name, role: p.before.role, agencyCode: codeOf(p.before.agencyId), province: p.before.province } : null;
  for (const field of COMPARED) {
    if (was && was[field] === now[field]) continue;
    if (!was && now[field] === null) continue;
    p.preview.changes.push({ field, before: was ? was[field] : null, after: now[field] });
  }
  p.moves = !!was && (was.role !== now.role || was.agencyCode !== now.agencyCode || was.province !== now.province);
  p.preview.change = !p.before ? "new" : p.preview.changes.length ? "changed" : "unchanged";
}

async function applyUsers(tx: Transaction, actor: Actor, planned: PlannedUser[], outcome: Outcome) {
  const fresh = planned.filter((p) => p.preview.change === "new");
  const changed = planned.filter((p) => p.preview.change === "changed");
  const created: { id: number; sso: boolean; email: string; role: Role; agencyId: number | null }[] = [];
  for (let i = 0; i < fresh.length; i += CHUNK) {
    const rows = await tx
      .insert(users)
      .values(fresh.slice(i, i + CHUNK).map(({ desired: d }) => ({ email: d.email, name: d.name, role: d.role, agencyId: d.agencyId, province: d.province, sso: d.sso, passwordHash: null })))
      .returning({ id: users.id, sso: users.sso, email: users.email, role: users.role, agencyId: users.agencyId });
    created.push(...rows);
  }
  for (const p of changed) {
    const d = p.desired;
    await tx
      .update(users)
      .set({ name: d.name, role: d.role, agencyId: d.agencyId, province: d.province, ...(p.moves ? { sessionVersion: sql`${users.sessionVersion} + 1` } : {}) })
      .where(eq(users.id, p.before!.id));
  }
  await recordAuditMany(tx, actor, [
    ...created.map((u) => ({ action: "user.invite", entityType: "user", entityId: u.id, after: { email: u.email, role: u.role, agencyId: u.agencyId, sso: u.sso, via: "import" } })),
    ...changed.map((p) => ({
      action: "user.import_update",
      entityType: "user",
      entityId: p.before!.id,
      before: Object.fromEntries(p.preview.changes.map((c) => [c.field, c.before])),
      after: Object.fromEntries(p.preview.changes.map((c) => [c.field, c.after])),
    })),
  ]);
  outcome.createdIds = created.filter((u) => !u.sso).map((u) => u.id);
  return { created: created.length, updated: changed.length };
}

const CHUNK = 1000;

export async function previewUserImport(actor: Actor, options: TableImportOptions) {
  requireUserAdminScope(actor);
  return runTableImport(actor, userImporter(actor, { createdIds: [] }), options, "preview");
}

/** Commits the file; then the new accounts' invitations are queued (sent in the background by the workers). */
export async function commitUserImport(actor: Actor, options: TableImportOptions) {
  requireUserAdminScope(actor);
  const outcome: Outcome = { createdIds: [] };
  const summary = await runTableImport(actor, userImporter(actor, outcome), options, "commit");
  if (summary.outcome === "committed") await queueInvitations(actor, outcome.createdIds);
  return summary;
}

/** For the benchmark: the commit without queuing the invitations, and the ids they would go to. */
export async function commitUserImportOnly(actor: Actor, options: TableImportOptions) {
  requireUserAdminScope(actor);
  const outcome: Outcome = { createdIds: [] };
  const summary = await runTableImport(actor, userImporter(actor, outcome), options, "commit");
  return { summary, invitees: outcome.createdIds };
}

/** The account-list template: an officer and a head as examples. */
export const USER_TEMPLATE_EXAMPLES: string[][] = [
  ["somchai.k@example.go.th", "สมชาย ขยันงาน", th.enums.role.agency_officer, "03002", "", "ไม่ใช่"],
  ["suda.p@example.go.th", "สุดา พากเพียร", th.enums.role.agency_head, "03002", "", "ไม่ใช่"],
];
