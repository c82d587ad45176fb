"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { recordId } from "@/core/parse/ids";
import { changeUserRole, createUserAccount, resetUserPassword, setUserActive, updatePeriod } from "@/lib/admin/master-data";
import { createFormAction } from "@/lib/http/action";

const id = recordId;

// Field-level validation lives in the services (they are also called by scripts); these check the envelope.
export const createUserAction = createFormAction({ permission: "admin.users", input: z.looseObject({}) }, async (input, actor) => {
  const user = await createUserAccount(actor, { ...input, agencyCode: input.agencyCode || undefined });
  revalidatePath("/admin/users");
  return { id: user.id };
});

export const setUserActiveAction = createFormAction(
  { permission: "admin.users", input: z.object({ userId: id, active: z.enum(["true", "false"]) }) },
  async (input, actor) => {
    await setUserActive(actor, input.userId, input.active === "true");
    revalidatePath("/admin/users");
    return null;
  },
);

export const changeUserRoleAction = createFormAction(
  { permission: "admin.users", input: z.object({ userId: id, role: z.string(), agencyCode: z.string().optional() }) },
  async (input, actor) => {
    await changeUserRole(actor, input.userId, { role: input.role, agencyCode: input.agencyCode || undefined });
    revalidatePath("/admin/users");
    return null;
  },
);

export const resetPasswordAction = createFormAction(
  { permission: "admin.users", input: z.object({ userId: id, password: z.string() }) },
  async (input, actor) => {
    await resetUserPassword(actor, input.userId, input.password);
    return null;
  },
);

export const updatePeriodAction = createFormAction(
  { permission: "admin.master_data", input: z.object({ periodId: id, status: z.string(), dueOn: z.string() }) },
  async (input, actor) => {
    await updatePeriod(actor, input.periodId, { status: input.status, dueOn: input.dueOn });
    revalidatePath("/admin/periods");
    return null;
  },
);
