"use server";

import { headers } from "next/headers";
import { z } from "zod";
import { requestPasswordReset } from "@/lib/auth/password-reset";
import { clientIdFrom } from "@/lib/auth/sign-in";
import { createPublicFormAction } from "@/lib/http/action";

// Public: anyone may ask; the link goes only to the account's own mailbox, and the answer is the same
// whether or not the address has an account (lib/auth/password-reset.ts). Rate-limited per client and address.
export const requestPasswordResetAction = createPublicFormAction(
  z.object({ email: z.string({ message: "required" }).trim().min(1, { message: "required" }).max(320, { message: "too_long" }).pipe(z.email({ message: "invalid_email" })) }),
  async ({ email }) => {
    await requestPasswordReset(email, clientIdFrom(await headers()));
    return { sent: true as const };
  },
);
