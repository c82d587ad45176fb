import "server-only";
import { eq } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { users } from "@/db/schema";
import { ValidationError } from "@/core/errors";

/** A case is assigned to an active DGA analyst or administrator. */
export async function assertAssignable(db: Queryable, assigneeId: number): Promise<void> {
  const [user] = await db.select({ role: users.role, active: users.active }).from(users).where(eq(users.id, assigneeId));
  if (!user || !user.active || !["analyst", "admin"].includes(user.role)) throw new ValidationError({ assigneeId: ["invalid_assignee"] });
}
