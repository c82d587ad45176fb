import "server-only";
import { auditLog } from "@/db/schema";
import type { Queryable } from "@/db/client";
import type { Actor } from "@/core/auth/actor";

export interface AuditOptions {
  action: string;
  entityType: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
}

/** Appends one audit entry; call it with the same transaction as the change it describes. */
export async function recordAudit(db: Queryable, actor: Actor, options: AuditOptions): Promise<void> {
  await db.insert(auditLog).values(entryOf(actor, options));
}

/** One entry per changed record of a bulk change (an import of thousands of rows), in few statements. */
export async function recordAuditMany(db: Queryable, actor: Actor, entries: readonly AuditOptions[]): Promise<void> {
  for (let i = 0; i < entries.length; i += 1000) await db.insert(auditLog).values(entries.slice(i, i + 1000).map((e) => entryOf(actor, e)));
}

function entryOf(actor: Actor, options: AuditOptions) {
  return {
    actorId: actor.id > 0 ? actor.id : null,
    // Scripts are "system"; an API token's requests carry the token's label ("api-token:7 NESDC").
    actorLabel: actor.id > 0 ? actor.email : actor.email || "system",
    action: options.action,
    entityType: options.entityType,
    entityId: options.entityId == null ? null : String(options.entityId),
    before: redact(options.before),
    after: redact(options.after),
  };
}

const SECRET_KEYS = new Set(["passwordHash", "password"]);

/** Password hashes never enter the audit log. */
function redact(value: unknown): unknown {
  if (value == null || typeof value !== "object") return value ?? null;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, SECRET_KEYS.has(k) ? "[redacted]" : v]),
  );
}
