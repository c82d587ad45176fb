"use server";

import { revalidatePath } from "next/cache";
import { confirmAskTags, confirmTagsInput, routeRequestInput, routeSupportRequest, updateRequestInput, updateSupportRequest } from "@/lib/asks/support-requests";
import { saveAskTag, saveDgaUnit, saveTagInput, saveUnitInput } from "@/lib/asks/lists";
import { createFormAction } from "@/lib/http/action";

export const confirmTagsAction = createFormAction({ permission: "asks.manage", input: confirmTagsInput }, async (input, actor) => {
  const saved = await confirmAskTags(actor, input);
  revalidatePath("/asks");
  return saved;
});

export const routeRequestAction = createFormAction({ permission: "asks.manage", input: routeRequestInput }, async (input, actor) => {
  const saved = await routeSupportRequest(actor, input);
  revalidatePath("/asks");
  return { requestId: saved.id };
});

export const updateRequestAction = createFormAction({ permission: "asks.manage", input: updateRequestInput }, async (input, actor) => {
  const saved = await updateSupportRequest(actor, input);
  revalidatePath("/asks");
  return { requestId: saved.id, status: saved.status };
});

export const saveAskTagAction = createFormAction({ permission: "asks.admin", input: saveTagInput }, async (input, actor) => {
  const saved = await saveAskTag(actor, input);
  revalidatePath("/admin/asks");
  return { code: saved.code };
});

export const saveDgaUnitAction = createFormAction({ permission: "asks.admin", input: saveUnitInput }, async (input, actor) => {
  const saved = await saveDgaUnit(actor, input);
  revalidatePath("/admin/asks");
  return { code: saved.code };
});
