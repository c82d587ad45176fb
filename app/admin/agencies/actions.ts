"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { recordId } from "@/core/parse/ids";
import { saveAgency, setAgencyActive, setAgencyComponent } from "@/lib/admin/agencies";
import { createFormAction } from "@/lib/http/action";

const id = recordId;

// No id (or an empty one) creates an agency; a malformed id is refused rather than taken for "new".
const agencyId = z.preprocess((v) => (v === "" ? undefined : v), id.optional());

export const saveAgencyAction = createFormAction({ permission: "admin.master_data", input: z.looseObject({ id: agencyId }) }, async (input, actor) => {
  const { id: existingId, ...fields } = input;
  const agency = await saveAgency(actor, fields, existingId);
  revalidatePath("/admin/agencies");
  return { code: agency.code };
});

export const setAgencyActiveAction = createFormAction({ permission: "admin.master_data", input: z.object({ agencyId: id, active: z.enum(["true", "false"]), code: z.string() }) }, async (input, actor) => {
  await setAgencyActive(actor, input.agencyId, input.active === "true");
  revalidatePath(`/admin/agencies/${input.code}`);
  return null;
});

export const setAgencyComponentAction = createFormAction({ permission: "admin.master_data", input: z.object({ agencyId: id, componentCode: z.string(), dgaRole: z.string(), code: z.string() }) }, async (input, actor) => {
  await setAgencyComponent(actor, input.agencyId, { componentCode: input.componentCode, dgaRole: input.dgaRole });
  revalidatePath(`/admin/agencies/${input.code}`);
  return null;
});
