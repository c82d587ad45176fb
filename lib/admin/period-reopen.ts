import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { periods } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/core/auth/actor";
import { can } from "@/core/auth/permissions";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/core/errors";
import { isIsoDate, todayInBangkok } from "@/core/fiscal/calendar";
import { periodPhase } from "@/core/fiscal/period-phase";
import { toFieldErrors } from "@/core/assessments/form-schema";

export const reopenPeriodInput = z.object({
  reason: z.string({ message: "required" }).trim().min(1, { message: "required" }).max(1000, { message: "too_long" }),
  /** The quarter closes again after this day. */
  closesOn: z.string({ message: "required" }).trim().refine(isIsoDate, { message: "invalid_date" }),
});

/**
 * Reopens a closed quarter (closed by hand or past its closing day) until a new closing day, with the
 * reason on the audit log: agencies can then submit or correct their forms again.
 */
export async function reopenPeriod(actor: Actor, periodId: number, input: unknown) {
  if (!can(actor, "period.reopen")) throw new ForbiddenError();
  const parsed = reopenPeriodInput.safeParse(input);
  if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error));
  const data = parsed.data;
  const today = todayInBangkok();
  if (data.closesOn < today) throw new ValidationError({ closesOn: ["closes_in_past"] });
  return getDb().transaction(async (tx) => {
    const [before] = await tx.select().from(periods).where(eq(periods.id, periodId)).for("update");
    if (!before) throw new NotFoundError("period");
    if (periodPhase(before, today) !== "closed") throw new ConflictError("period_not_closed");
    const [after] = await tx.update(periods).set({ status: "open", closesOn: data.closesOn }).where(eq(periods.id, periodId)).returning();
    await recordAudit(tx, actor, {
      action: "period.reopen",
      entityType: "period",
      entityId: periodId,
      before: { status: before.status, closesOn: before.closesOn },
      after: { status: "open", closesOn: data.closesOn, reason: data.reason },
    });
    return after!;
  });
}
