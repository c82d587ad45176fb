"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { recordId } from "@/core/parse/ids";
import { createFormAction } from "@/lib/http/action";
import { inviteUser, resendInvitation } from "@/lib/users/invitations";
import { setManagedUserActive } from "@/lib/users/team";

const checkbox = z
  .enum(["on", "true", "false"])
  .optional()
  .transform((v) => v === "on" || v === "true");

// Field checks live in the services (lib/users/account-input.ts, the same as an uploaded row); these check the envelope.
export const inviteUserAction = createFormAction(
  { permission: "users.manage", input: z.looseObject({ sso: checkbox, managesUsers: checkbox }) },
  async (input, actor) => {
    const text = (v: unknown) => (typeof v === "string" && v.trim() ? v : undefined);
    const result = await inviteUser(actor, { ...input, agencyCode: text(input.agencyCode), province: text(input.province), locale: text(input.locale) });
    revalidatePath("/team");
    return result;
  },
);

export const resendInvitationAction = createFormAction({ permission: "users.manage", input: z.object({ userId: recordId }) }, async (input, actor) => {
  await resendInvitation(actor, input.userId);
  return null;
});

export const setTeamMemberActiveAction = createFormAction(
  { permission: "users.manage", input: z.object({ userId: recordId, active: z.enum(["true", "false"]) }) },
  async (input, actor) => {
    await setManagedUserActive(actor, input.userId, input.active === "true");
    revalidatePath("/team");
    return null;
  },
);
