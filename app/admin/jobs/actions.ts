"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createFormAction } from "@/lib/http/action";
import { retryFailedJob } from "@/lib/jobs/admin";

export const retryJobAction = createFormAction({ permission: "admin.jobs", input: z.object({ jobId: z.uuid("invalid") }) }, async (input, actor) => {
  await retryFailedJob(actor, input.jobId);
  revalidatePath("/admin/jobs");
  return undefined;
});
