"use server";

import { z } from "zod";
import { consumeUserToken } from "@/lib/auth/user-tokens";
import { createPublicFormAction } from "@/lib/http/action";

// Public: the one-time token is the authorization, checked by the service. Passwords are never echoed back.
export const setPasswordAction = createPublicFormAction(
  z.object({ token: z.string({ message: "token_unknown" }).max(200, { message: "token_unknown" }), password: z.string().max(1000), confirm: z.string().max(1000) }),
  async (input) => {
    const { email } = await consumeUserToken(input);
    return { email };
  },
);
