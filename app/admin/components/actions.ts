"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { updateComponentWords } from "@/lib/admin/catalogue";
import { createFormAction } from "@/lib/http/action";

/** A component's or an element's names and descriptions, in Thai and English. */
export const updateComponentWordsAction = createFormAction(
  { permission: "admin.master_data", input: z.looseObject({ kind: z.enum(["component", "element"]), code: z.string().min(1).max(80) }) },
  async (input, actor) => {
    await updateComponentWords(actor, input.kind, input.code, input);
    revalidatePath("/", "layout");
    return null;
  },
);
