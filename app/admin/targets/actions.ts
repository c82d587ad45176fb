"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { setTarget } from "@/lib/admin/targets";
import { createFormAction } from "@/lib/http/action";

export const setTargetAction = createFormAction(
  { permission: "admin.templates", input: z.object({ indicatorCode: z.string(), periodCode: z.string(), agencyCode: z.string().optional(), value: z.string() }) },
  async (input, actor) => {
    const result = await setTarget(actor, input);
    revalidatePath("/admin/targets");
    return { changed: result.changed };
  },
);
