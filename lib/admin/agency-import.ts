import "server-only";
import { asc } from "drizzle-orm";
import { getDb, type Queryable, type Transaction } from "@/db/client";
import { agencies, agencyComponents, components, type Agency, type Component } from "@/db/schema";
import type { Actor } from "@/core/auth/actor";
import { AGENCY_TYPES, DGA_ROLES, type AgencyType, type DgaRole } from "@/core/enums";
import { issueCode } from "@/core/errors/field-errors";
import { normaliseHeader } from "@/core/parse/headers";
import { shownValue, type PreviewRow, type RowProblem } from "@/lib/import/table";
import { parseBoolean } from "@/core/parse/values";
import en from "@/messages/en.json";
import th from "@/messages/th.json";
import { agencyInput } from "./agencies";
import { applyAgencyPlan, type Desired, type PlannedAgency, type StoredAgencies } from "./agency-import-apply";
import { runTableImport, type TableImporter, type TableImportOptions } from "./table-import";

export const AGENCY_IMPORT_FIELDS = ["code", "nameTh", "nameEn", "abbrTh", "abbrEn", "type", "parentCode", "province", "active"] as const;
type AgencyField = (typeof AGENCY_IMPORT_FIELDS)[number];
/** A component column ("component:upstream"): DGA's role toward the agency there, blank = not tagged. */
type ComponentField = `component:${string}`;
type Field = AgencyField | ComponentField;

/** Headers of the downloadable template; each is also recognised when reading. */
export const AGENCY_TEMPLATE_HEADERS: Record<AgencyField, string> = {
  code: "รหัสหน่วยงาน (Agency code)",
  nameTh: "ชื่อหน่วยงานภาษาไทย (Name in Thai)",
  nameEn: "ชื่อหน่วยงานภาษาอังกฤษ (Name in English)",
  abbrTh: "ชื่อย่อภาษาไทย (Thai abbreviation)",
  abbrEn: "ชื่อย่อภาษาอังกฤษ (English abbreviation)",
  type: "ประเภทหน่วยงาน (Type)",
  parentCode: "รหัสกระทรวงต้นสังกัด (Parent ministry code)",
  province: "จังหวัด (Province)",
  active: "ใช้งาน (Active)",
};

const VARIANTS: Record<AgencyField, string[]> = {
  code: ["รหัสหน่วยงาน", "รหัส", "Agency code", "Code"],
  nameTh: ["ชื่อหน่วยงานภาษาไทย", "ชื่อภาษาไทย", "ชื่อหน่วยงาน", "ชื่อ (ไทย)", "Name in Thai", "Thai name", "Name (Thai)", "nameTh"],
  nameEn: ["ชื่อหน่วยงานภาษาอังกฤษ", "ชื่อภาษาอังกฤษ", "ชื่อ (อังกฤษ)", "Name in English", "English name", "Name (English)", "nameEn"],
  abbrTh: ["ชื่อย่อภาษาไทย", "ชื่อย่อ", "ชื่อย่อ (ไทย)", "Thai abbreviation", "abbrTh"],
  abbrEn: ["ชื่อย่อภาษาอังกฤษ", "ชื่อย่อ (อังกฤษ)", "English abbreviation", "Abbreviation", "abbrEn"],
  type: ["ประเภทหน่วยงาน", "ประเภท", "Type", "Agency type"],
  parentCode: ["รหัสกระทรวงต้นสังกัด", "รหัสกระทรวง", "รหัสต้นสังกัด", "รหัสหน่วยงานต้นสังกัด", "Parent ministry code", "Ministry code", "Parent code", "parentCode"],
  province: ["จังหวัด", "Province"],
  active: ["ใช้งาน", "สถานะการใช้งาน", "Active"],
};

export function componentHeader(component: Pick<Component, "code" | "nameTh" | "nameEn">): string {
  return `บทบาท สพร.: ${component.nameTh} (DGA role: ${component.code})`;
}

/** An enum value from its key or its Thai/English label, whatever the case and spacing. */
function enumReader<T extends string>(values: readonly T[], labels: { th: Record<T, string>; en: Record<T, string> }) {
  const byKey = new Map<string, T>();
  for (const value of values) for (const text of [value, labels.th[value], labels.en[value]]) byKey.set(normaliseHeader(text), value);
  return (text: string): T | null => byKey.get(normaliseHeader(text)) ?? null;
}
const readType = enumReader<AgencyType>(AGENCY_TYPES, { th: th.enums.agencyType, en: en.enums.agencyType });
const readRole = enumReader<DgaRole>(DGA_ROLES, { th: th.enums.dgaRole, en: en.enums.dgaRole });

const COMPARED = ["nameTh", "nameEn", "abbrTh", "abbrEn", "type", "parentCode", "province", "active"] as const satisfies readonly (keyof Desired)[];

async function agencyImporter(db: Queryable): Promise<TableImporter<Field>> {
  const componentRows = await db.select().from(components).orderBy(asc(components.ordinal));
  const variants: Record<string, string[]> = Object.fromEntries(AGENCY_IMPORT_FIELDS.map((f) => [f, [AGENCY_TEMPLATE_HEADERS[f], ...VARIANTS[f]]]));
  for (const c of componentRows) variants[`component:${c.code}`] = [componentHeader(c), c.code, `บทบาท สพร. ${c.nameTh}`, `DGA role ${c.nameEn}`];
  return {
    action: "agency.import",
    permission: "admin.master_data",
    read: { variants: variants as Record<Field, string[]>, required: ["code", "nameTh", "nameEn", "type"], minHeaders: 2 },
    plan: (tx, table) => planAgencies(tx, table, componentRows),
  };
}

type Table = Parameters<TableImporter<Field>["plan"]>[1];
type FileRecord = Table["records"][number];

/** The file as a whole: each field's header, the component columns present, every code it names. */
interface FileShape {
  headerOf: Map<Field, string>;
  componentColumns: Component[];
  fileCodes: Set<string>;
}

async function planAgencies(db: Queryable, table: Table, componentRows: Component[]) {
  const stored = await loadStoredAgencies(db);
  const headerOf = new Map(table.columns.filter((c) => c.field).map((c) => [c.field!, c.header]));
  const shape: FileShape = {
    headerOf,
    componentColumns: componentRows.filter((c) => headerOf.has(`component:${c.code}`)),
    fileCodes: new Set(table.records.map((r) => r.values.code).filter((c): c is string => !!c)),
  };
  const firstRowOf = new Map<string, number>();
  const planned = table.records.map((record) => checkRecord(record, stored, shape, firstRowOf));
  findParentCycles(planned, stored, shape);
  for (const p of planned) if (!p.preview.problems.length) compareWithStored(p, stored, shape);
  return {
    rows: planned.map((p) => p.preview),
    apply: (tx: Transaction, actor: Actor) => applyAgencyPlan(tx, actor, planned, stored),
  };
}

async function loadStoredAgencies(db: Queryable): Promise<StoredAgencies> {
  const existing = await db.select().from(agencies);
  const tags = await db.select().from(agencyComponents);
  const rolesOf = new Map<number, Map<number, DgaRole>>();
  for (const t of tags) (rolesOf.get(t.agencyId) ?? rolesOf.set(t.agencyId, new Map()).get(t.agencyId)!).set(t.componentId, t.dgaRole);
  return { existing, byCode: new Map(existing.map((a) => [a.code, a])), codeById: new Map(existing.map((a) => [a.id, a.code])), rolesOf };
}

/** A row's values as the agency they describe, with every problem found in the row itself. */
function checkRecord(record: FileRecord, stored: StoredAgencies, shape: FileShape, firstRowOf: Map<string, number>): PlannedAgency {
  const { headerOf } = shape;
  const problems: RowProblem[] = [];
  const problem = (field: Field | null, reason: string, params?: RowProblem["params"]) =>
    problems.push({ row: record.rowNumber, column: field ? (headerOf.get(field) ?? null) : null, reason, ...(params ? { params } : {}), ...shownValue(field ? record.values[field] : null, reason, params) });
  const v = record.values;
  const before = v.code ? stored.byCode.get(v.code) : undefined;
  if (record.numeric.has("code")) problem("code", "code_as_number", { value: v.code ?? "" });
  if (record.numeric.has("parentCode")) problem("parentCode", "code_as_number", { value: v.parentCode ?? "" });
  const { type, active } = readTypeAndActive(record, before, headerOf.has("type"), problem);
  // Absent columns keep what the agency has; a present but blank optional cell clears it.
  const keep = (field: "abbrTh" | "abbrEn" | "province" | "parentCode", current: string | null | undefined) => (headerOf.has(field) ? (v[field] ?? "") : (current ?? ""));
  const input = {
    code: v.code ?? "",
    nameTh: v.nameTh ?? "",
    nameEn: v.nameEn ?? "",
    abbrTh: keep("abbrTh", before?.abbrTh),
    abbrEn: keep("abbrEn", before?.abbrEn),
    type,
    parentCode: keep("parentCode", before?.parentId ? stored.codeById.get(before.parentId) : null),
    province: keep("province", before?.province),
  };
  const parsed = agencyInput.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0]) as AgencyField;
      // A type that was given but not recognised is already explained.
      if (field === "type" && v.type) continue;
      problem(field, field === "code" && !v.code ? "required" : issueCode(issue));
    }
  }
  if (v.code) {
    const first = firstRowOf.get(v.code);
    if (first !== undefined) problem("code", "duplicate_code", { code: v.code, firstRow: first });
    else firstRowOf.set(v.code, record.rowNumber);
  }
  const parentCode = parsed.success ? parsed.data.parentCode : null;
  if (parentCode && v.code) {
    if (parentCode === v.code) problem("parentCode", "parent_is_self", { code: parentCode });
    else if (!stored.byCode.has(parentCode) && !shape.fileCodes.has(parentCode)) problem("parentCode", "unknown_parent", { code: parentCode });
  }
  const roles = readRoles(record, shape.componentColumns, problem);
  const desired: Desired = parsed.success
    ? { ...parsed.data, parentCode, type: parsed.data.type, active }
    : { ...input, abbrTh: null, abbrEn: null, province: null, parentCode: null, type: type ?? "other", active };
  const preview: PreviewRow = { row: record.rowNumber, label: v.code ?? "–", change: "invalid", changes: [], problems };
  return { preview, desired, before, roles, roleChanges: [], agencyChanged: false };
}

type Problem = (field: Field | null, reason: string, params?: RowProblem["params"]) => void;

/** The type (by key or label; the stored one when the column is absent) and whether the agency is active. */
function readTypeAndActive(record: FileRecord, before: Agency | undefined, hasTypeColumn: boolean, problem: Problem) {
  const v = record.values;
  let type: AgencyType | undefined = before?.type;
  if (hasTypeColumn) {
    type = v.type ? (readType(v.type) ?? undefined) : undefined;
    if (v.type && !type) problem("type", "unknown_type", { value: v.type });
  }
  let active = before?.active ?? true;
  if (v.active !== undefined) {
    const parsed = parseBoolean(v.active);
    if (parsed.ok) active = parsed.value;
    else problem("active", "not_boolean", { value: v.active });
  }
  return { type, active };
}

/** DGA's role per component column; a blank cell removes the tag. */
function readRoles(record: FileRecord, componentColumns: readonly Component[], problem: Problem): Map<number, DgaRole | null> {
  const roles = new Map<number, DgaRole | null>();
  for (const c of componentColumns) {
    const text = record.values[`component:${c.code}`];
    if (!text) roles.set(c.id, null);
    else {
      const role = readRole(text);
      if (role) roles.set(c.id, role);
      else problem(`component:${c.code}`, "unknown_role", { value: text });
    }
  }
  return roles;
}

/** A parent chain that leads back to the agency itself (A under B, B under A) cannot be stored. */
function findParentCycles(planned: PlannedAgency[], stored: StoredAgencies, shape: FileShape): void {
  const parentOf = new Map(stored.existing.map((a) => [a.code, a.parentId ? (stored.codeById.get(a.parentId) ?? null) : null]));
  for (const p of planned) if (!p.preview.problems.length) parentOf.set(p.desired.code, p.desired.parentCode);
  for (const p of planned) {
    if (p.preview.problems.length || !p.desired.parentCode) continue;
    let current: string | null | undefined = p.desired.parentCode;
    for (let steps = 0; current && steps < 100; steps++) {
      if (current === p.desired.code) {
        p.preview.problems.push({ row: p.preview.row, column: shape.headerOf.get("parentCode") ?? null, reason: "parent_cycle", params: { code: p.desired.parentCode } });
        break;
      }
      current = parentOf.get(current);
    }
  }
}

/** A valid row's changes against the stored agency and its tags: new, changed or unchanged. */
function compareWithStored(p: PlannedAgency, stored: StoredAgencies, shape: FileShape): void {
  const before = p.before;
  const current: Desired | null = before
    ? { code: before.code, nameTh: before.nameTh, nameEn: before.nameEn, abbrTh: before.abbrTh, abbrEn: before.abbrEn, type: before.type, parentCode: before.parentId ? (stored.codeById.get(before.parentId) ?? null) : null, province: before.province, active: before.active }
    : null;
  for (const field of COMPARED) {
    const was = current ? current[field] : null;
    const now = p.desired[field];
    if (current && was === now) continue;
    if (!current && (now === null || now === "")) continue;
    p.preview.changes.push({ field, before: was === null ? null : String(was), after: now === null ? null : String(now) });
  }
  p.agencyChanged = !current || p.preview.changes.length > 0;
  const currentRoles = before ? stored.rolesOf.get(before.id) : undefined;
  for (const c of shape.componentColumns) {
    const was = currentRoles?.get(c.id) ?? null;
    const now = p.roles.get(c.id) ?? null;
    if (was === now) continue;
    p.roleChanges.push({ componentId: c.id, role: now });
    p.preview.changes.push({ field: `component:${c.code}`, before: was, after: now });
  }
  p.preview.change = !before ? "new" : p.preview.changes.length ? "changed" : "unchanged";
}

export async function previewAgencyImport(actor: Actor, options: TableImportOptions) {
  return runTableImport(actor, await agencyImporter(getDb()), options, "preview");
}

export async function commitAgencyImport(actor: Actor, options: TableImportOptions) {
  return runTableImport(actor, await agencyImporter(getDb()), options, "commit");
}
